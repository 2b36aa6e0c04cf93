// The REST API (/api/v1): trpc-to-openapi's adapter over the same router, procedures,
// middlewares and services as /api/trpc, behind a framework-free `(Request) => Response`.
// Around the adapter it answers what the adapter gets wrong (405 with Allow for a known path,
// an empty POST body as `{}`, 413 over the cap, 415 and 400 for bodies that are not JSON
// objects), serves the file downloads and the procedures that answer files (which the adapter
// cannot, it only speaks JSON), sets 201/202 from procedure meta, turns every error into RFC 9457
// problem+json, and puts the correlation and rate-limit headers on every response.
import {
  CORRELATION_HEADER,
  type Correlation,
  correlationResponseHeaders,
  MAX_CHAIN_DEPTH,
  requestCorrelation,
} from "@toolboxai/core";
import type { AnyTRPCRouter } from "@trpc/server";
import type { Logger } from "pino";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import type { ContextInner } from "../context";
import {
  countDownload,
  type DownloadFile,
  downloadHeaders,
  gradebookCsv,
  procedureFile,
  rojoProject,
} from "../downloads";
import { rateLimitResponseHeaders } from "../middlewares/rate-limit";
import { appRouter } from "../root";
import { readJsonBody } from "./body";
import { type ProblemBase, problemOfAdapterResponse, problemOfError } from "./errors";
import { type FileOperation, type Operation, operationName, operationTable } from "./operations";
import { type ProblemInput, problemResponse } from "./problem";

export const REST_ENDPOINT = "/api/v1";

export interface RestResponseInfo {
  /** The request's context; null when it was refused before one was built (unknown route). */
  ctx: ContextInner | null;
  /** `GET /content/{contentId}`; null for a path no operation has. */
  operation: string | null;
  status: number;
}

export interface RestHandlerOptions {
  /** The router to serve (the app's by default; tests pass their own). */
  router?: AnyTRPCRouter;
  /** The request's context (credentials, database, limiter...). Receives a body-less copy of the request. */
  createContext: (req: Request) => Promise<ContextInner>;
  /** Called once per request with its final status (API key usage); never breaks the response. */
  onResponse?: (info: RestResponseInfo) => void;
  /** Where failures outside procedures are logged (procedures log their own). */
  logger?: Pick<Logger, "error" | "warn">;
  /** The service named in X-Service-Name. */
  serviceName?: string;
}

/** What one request carries through the adapter (read back by createContext and onError). */
interface RequestState {
  ctx: ContextInner;
  errors: { cause?: unknown }[];
}

const STATE = Symbol("toolboxai.restState");

type NodeHandler = (req: unknown, res: unknown) => Promise<void>;

/** The adapter's node handler, built once per router (it caches the procedures' routes). */
function adapterFor(router: AnyTRPCRouter): NodeHandler {
  const table = operationTable(router);
  const handler = createOpenApiNodeHttpHandler({
    router,
    createContext: ({ req }: { req: unknown }) => (req as { [STATE]: RequestState })[STATE].ctx,
    responseMeta: ({ paths, errors }: { paths?: readonly string[] | undefined; errors: readonly unknown[] }) => {
      const procedure = paths?.[0];
      const status = errors.length === 0 && procedure ? table.metaOf(procedure)?.successStatus : undefined;
      return status ? { status } : {};
    },
    onError: ({ error, req }: { error: { cause?: unknown }; req: unknown }) => {
      (req as { [STATE]: RequestState })[STATE].errors.push(error);
    },
    // The types are the node adapter's (IncomingMessage); at run time the fetch shim below is what it gets.
  } as unknown as Parameters<typeof createOpenApiNodeHttpHandler>[0]);
  return handler as unknown as NodeHandler;
}

/** Runs the node adapter on a Request the way its own fetch adapter does, collecting the Response. */
function runAdapter(node: NodeHandler, req: Request): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = new Headers();
    let statusCode = 200;
    const res = {
      setHeader(key: string, value: string | readonly string[]) {
        if (typeof value === "string") headers.set(key, value);
        else for (const v of value) headers.append(key, v);
      },
      get statusCode() {
        return statusCode;
      },
      set statusCode(code: number) {
        statusCode = code;
      },
      end(body?: string) {
        resolve(new Response(body ?? null, { status: statusCode, headers }));
      },
    };
    node(req, res).catch(reject);
  });
}

/**
 * The Request as the adapter reads it: the path without /api/v1, HEAD as GET, the body already
 * parsed (what its fetch adapter would put there), JSON as the content type, and this request's state.
 */
function adapterRequest(
  req: Request,
  url: string,
  method: string,
  body: Record<string, unknown> | undefined,
  state: RequestState,
): Request {
  const headers = new Headers(req.headers);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Proxy(req, {
    get(target, prop) {
      if (prop === "url") return url;
      if (prop === "method") return method;
      if (prop === "headers") return headers;
      if (prop === "body") return body;
      if (prop === STATE) return state;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A body-less copy of the request for createContext, carrying the correlation chosen here. */
function contextRequest(req: Request, correlation: Correlation): Request {
  const headers = new Headers(req.headers);
  if (!headers.has(CORRELATION_HEADER)) headers.set(CORRELATION_HEADER, JSON.stringify(correlation));
  return new Request(req.url, { method: req.method === "HEAD" ? "GET" : req.method, headers });
}

function acceptsBody(method: string): boolean {
  return method === "POST" || method === "PUT" || method === "PATCH";
}

/** The query string as the adapter reads it: one value as a string, repeated ones as a list. */
function queryInput(url: URL): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = Object.create(null);
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    input[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return input;
}

async function serveFile(op: FileOperation, ctx: ContextInner, params: Record<string, string>): Promise<DownloadFile> {
  await countDownload(ctx);
  return op.file === "rojo" ? rojoProject(ctx, params.environmentId ?? "") : gradebookCsv(ctx, params.classId ?? "");
}

export function createRestHandler(options: RestHandlerOptions): (req: Request) => Promise<Response> {
  const router = options.router ?? appRouter;
  const table = operationTable(router);
  const service = options.serviceName ?? "web";
  let adapter: NodeHandler | null = null;

  return async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const under = url.pathname === REST_ENDPOINT || url.pathname.startsWith(`${REST_ENDPOINT}/`);
    const path = under ? url.pathname.slice(REST_ENDPOINT.length) || "/" : url.pathname;
    let correlation = requestCorrelation(req.headers, service);
    let ctx: ContextInner | null = null;
    let operation: Operation | null = null;
    const errors: { cause?: unknown }[] = [];

    const finish = (res: Response, extra: Record<string, string> = {}): Response => {
      const headers = new Headers(res.headers);
      const fields = {
        ...correlationResponseHeaders(ctx?.correlation ?? correlation),
        ...(ctx ? rateLimitResponseHeaders(ctx, errors) : {}),
        ...extra,
      };
      for (const [name, value] of Object.entries(fields)) headers.set(name, value);
      if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
      try {
        options.onResponse?.({ ctx, operation: operation ? operationName(operation) : null, status: res.status });
      } catch (error) {
        options.logger?.warn({ err: error, requestId: correlation.requestId }, "rest: onResponse failed");
      }
      const body = req.method === "HEAD" ? null : res.body;
      return new Response(body, { status: res.status, statusText: res.statusText, headers });
    };
    const base = (): ProblemBase => ({ instance: url.pathname, correlation: ctx?.correlation ?? correlation });
    const fail = (problem: Omit<ProblemInput, keyof ProblemBase>, extra?: Record<string, string>) =>
      finish(problemResponse({ ...base(), ...problem }), extra);

    try {
      if (correlation.chainDepth > MAX_CHAIN_DEPTH) {
        return fail({
          status: 508,
          code: "LOOP_DETECTED",
          detail: `This request is ${correlation.chainDepth} calls deep; at most ${MAX_CHAIN_DEPTH} are allowed.`,
        });
      }
      const match = table.match(req.method, path);
      if (!match) return fail({ status: 404, code: "NOT_FOUND", detail: `No operation at ${url.pathname}.` });
      if ("allow" in match) {
        const allow = match.allow.join(", ");
        if (req.method === "OPTIONS") return finish(new Response(null, { status: 204 }), { Allow: allow });
        return fail(
          {
            status: 405,
            code: "METHOD_NOT_SUPPORTED",
            detail: `${url.pathname} does not take ${req.method}; it takes ${allow}.`,
          },
          { Allow: allow },
        );
      }
      operation = match.operation;
      // HEAD of a procedure that answers a file would build the whole file (and count against its
      // limit) only to drop the body: refused before anything runs, naming the method that works.
      if (req.method === "HEAD" && operation.kind === "procedure" && operation.meta.download) {
        const allow = `${operation.method}, OPTIONS`;
        return fail(
          {
            status: 405,
            code: "METHOD_NOT_SUPPORTED",
            detail: `${url.pathname} answers a file: send ${operation.method}, not HEAD.`,
          },
          { Allow: allow },
        );
      }
      ctx = await options.createContext(contextRequest(req, correlation));
      correlation = ctx.correlation;

      if (operation.kind === "file") {
        try {
          const file = await serveFile(operation, ctx, match.params);
          return finish(new Response(file.body, { status: 200, headers: downloadHeaders(file) }));
        } catch (error) {
          errors.push(error as { cause?: unknown });
          return finish(problemResponse(problemOfError(error, base())));
        }
      }

      let body: Record<string, unknown> | undefined;
      if (acceptsBody(operation.method)) {
        const read = await readJsonBody(req);
        if (!read.ok) return fail({ status: read.status, code: read.code, detail: read.detail });
        body = read.body;
      }
      if (operation.meta.download) {
        try {
          const input = { ...(body ?? queryInput(url)), ...match.params };
          const file = await procedureFile(ctx, operation.procedure, input);
          return finish(new Response(file.body, { status: 200, headers: downloadHeaders(file) }));
        } catch (error) {
          errors.push(error as { cause?: unknown });
          return finish(problemResponse(problemOfError(error, base())));
        }
      }
      const adapterUrl = `${url.origin}${path}${url.search}`;
      const method = req.method === "HEAD" ? "GET" : req.method;
      const state: RequestState = { ctx, errors };
      adapter ??= adapterFor(router);
      const res = await runAdapter(adapter, adapterRequest(req, adapterUrl, method, body, state));
      if (res.status < 400) return finish(res);
      return finish(problemResponse(await problemOfAdapterResponse(res, base())));
    } catch (error) {
      options.logger?.error(
        { err: error, requestId: correlation.requestId, operation: operation ? operationName(operation) : null },
        "rest: unexpected error",
      );
      return fail({ status: 500, code: "INTERNAL_SERVER_ERROR", detail: "Something went wrong on our side." });
    }
  };
}
