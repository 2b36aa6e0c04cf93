// The typed calls of the REST API (/api/v1) through openapi-fetch, typed by the generated
// ./generated/schema.d.ts. Credentials, correlation ids and the client's name ride on every request; a
// refused call throws a ToolboxApiError built from the problem+json the server answered.
import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type MaybeOptionalInit,
  type MethodResponse,
  type Middleware,
} from "openapi-fetch";
import packageJson from "../package.json" with { type: "json" };
import { ToolboxApiError } from "./errors";
import type { paths } from "./generated/schema";

export const SDK_NAME = "toolboxai-sdk";
export const SDK_VERSION: string = packageJson.version;

type Credential = string | (() => string | Promise<string>);

export interface ToolboxClientOptions {
  /** The platform's origin (`https://toolbox.example.org`) or the API's base (`…/api/v1`). */
  baseUrl: string;
  /** An API key (`tbx_live_…`) from the admin's or a teacher's API keys page. */
  apiKey?: string;
  /** A first-party app's access token (POST /auth/token), or a function giving the current one. */
  accessToken?: Credential;
  /**
   * The chain id sent as X-Correlation-ID (a string, or a function called per request); the
   * server keeps it, so your logs and ours share one id. Without it the server picks one.
   */
  correlationId?: string | (() => string | undefined);
  /** Sent as X-Parent-Correlation-ID: the id of the request of yours that made this call. */
  parentCorrelationId?: string;
  /** Who is calling, sent as X-Service-Name and in the User-Agent (default "toolboxai-sdk"). */
  serviceName?: string;
  /** A fetch to use instead of the global one (a test double, a proxy agent, retries). */
  fetch?: (request: Request) => Promise<Response>;
}

type Method = "get" | "put" | "post" | "delete" | "patch";
type Api = Client<paths>;

// openapi-fetch's own (unexported) rule: the init argument is optional when it has no required keys.
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** A call that resolves to the response's data, or throws ToolboxApiError. */
export type DataMethod<M extends Method> = <
  Path extends ClientPathsWithMethod<Api, M>,
  Init extends MaybeOptionalInit<paths[Path], M>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<MethodResponse<Api, M, Path, Init>>;

export interface ToolboxClientCore {
  get: DataMethod<"get">;
  post: DataMethod<"post">;
  put: DataMethod<"put">;
  patch: DataMethod<"patch">;
  delete: DataMethod<"delete">;
  /** The underlying openapi-fetch client (`{ data, error, response }` results, never throws on a status). */
  raw: Api;
  /** The API's base URL, ending in /api/v1. */
  baseUrl: string;
}

/** `https://host` and `https://host/api/v1/` both become `https://host/api/v1`. */
export function apiBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  return /\/api\/v1$/.test(trimmed) ? trimmed : `${trimmed}/api/v1`;
}

async function resolve(credential: Credential): Promise<string> {
  return typeof credential === "function" ? credential() : credential;
}

function headersMiddleware(options: ToolboxClientOptions): Middleware {
  const serviceName = options.serviceName ?? SDK_NAME;
  const credential = options.apiKey ?? options.accessToken;
  return {
    async onRequest({ request }) {
      if (credential !== undefined) request.headers.set("Authorization", `Bearer ${await resolve(credential)}`);
      const correlationId =
        typeof options.correlationId === "function" ? options.correlationId() : options.correlationId;
      if (correlationId) request.headers.set("X-Correlation-ID", correlationId);
      if (options.parentCorrelationId) request.headers.set("X-Parent-Correlation-ID", options.parentCorrelationId);
      request.headers.set("X-Service-Name", serviceName);
      // Browsers refuse to set User-Agent; Node, Deno and Bun send it.
      request.headers.set("User-Agent", `${serviceName} (${SDK_NAME}/${SDK_VERSION})`);
      return request;
    },
  };
}

/** The typed calls (see createToolboxClient in ./client.ts, which adds the helpers). */
export function createCoreClient(options: ToolboxClientOptions): ToolboxClientCore {
  if (options.apiKey !== undefined && options.accessToken !== undefined) {
    throw new TypeError("createToolboxClient: pass an apiKey or an accessToken, not both.");
  }
  const baseUrl = apiBaseUrl(options.baseUrl);
  const raw = createClient<paths>({ baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  raw.use(headersMiddleware(options));

  const data =
    <M extends Method>(method: M): DataMethod<M> =>
    async (url, ...init) => {
      // DataMethod's signature is the typed one; openapi-fetch's generic call can't be re-expressed
      // inside, so the body works on its runtime shape and returns the data as the caller's type.
      const call = raw[method.toUpperCase() as Uppercase<M>] as unknown as (
        url: string,
        init?: unknown,
      ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
      const result = await call(url, init[0]);
      if (!result.response.ok) throw new ToolboxApiError(result.response, result.error);
      return result.data as never;
    };

  return {
    get: data("get"),
    post: data("post"),
    put: data("put"),
    patch: data("patch"),
    delete: data("delete"),
    raw,
    baseUrl,
  };
}
