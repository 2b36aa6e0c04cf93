// A real HTTP server in front of a Next route module's handlers: node:http on an ephemeral
// loopback port, each IncomingMessage turned into a web Request (the body streamed) and each
// Response written back (status, every header, the body streamed). Requests reach the handlers
// exactly as bytes on a socket, so what the suites observe is what a client over the network does.
//
// The one thing a test may say about a request besides its bytes is who the browser session is:
// the header `x-test-session: <userId>` (removed before the handler sees it) runs the handler
// inside `sessionScope`, where the test's stand-in for next-auth's getServerSession looks.
import { AsyncLocalStorage } from "node:async_hooks";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The signed-in user of the request being handled (null: no session cookie). */
export const sessionScope = new AsyncLocalStorage<string | null>();

export const TEST_SESSION_HEADER = "x-test-session";

type RouteHandler = (req: Request) => Promise<Response> | Response;
export type RouteModule = Partial<
  Record<"GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS", RouteHandler>
>;

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/**
 * The request body as a web stream, and a way to drop the rest of it. A handler that stops
 * reading early (a body over the cap) has the rest drained and dropped, as HTTP servers do,
 * rather than the socket destroyed (what `Readable.toWeb` does on cancel: the client would see
 * ECONNRESET, not the answer).
 */
function bodyOf(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; drain(): Promise<void> } {
  let dropping = false;
  const ended = once(req, "end").then(() => undefined);
  const drain = () => {
    dropping = true;
    req.resume();
    return ended;
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        if (dropping) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => {
        if (!dropping) controller.close();
      });
      req.on("error", (error) => {
        if (!dropping) controller.error(error);
      });
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      void drain();
    },
  });
  return { stream, drain };
}

function toRequest(
  req: IncomingMessage,
  origin: string,
): { request: Request; session: string | null; drain(): Promise<void> } {
  const headers = new Headers();
  let session: string | null = null;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === TEST_SESSION_HEADER) {
      session = Array.isArray(value) ? (value[0] ?? null) : value;
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const body = hasBody ? bodyOf(req) : null;
  const request = new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(body ? { body: body.stream, duplex: "half" } : {}),
  } as RequestInit);
  const drain = body ? body.drain : async () => void req.resume();
  return { request, session, drain };
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.statusCode = response.status;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  }
  res.end();
}

/**
 * Serves `routes` (path prefix → route module) on 127.0.0.1 at a free port; `onRequest` sees each
 * request first, as the production server's wrappers do (scripts/serve.mjs's metrics observer).
 */
export async function serveRoutes(
  routes: Record<string, RouteModule>,
  options: { onRequest?: (req: IncomingMessage, res: ServerResponse) => void } = {},
): Promise<RunningServer> {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  let origin = "";
  // Long URLs reach the app (Node's default refuses request heads over 16 KB with a bare 431).
  const server = createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    options.onRequest?.(req, res);
    const { request, session, drain } = toRequest(req, origin);
    const path = new URL(request.url).pathname;
    const prefix = prefixes.find((p) => path === p || path.startsWith(`${p}/`));
    const handler = prefix ? routes[prefix]?.[request.method as keyof RouteModule] : undefined;
    const answer = handler
      ? sessionScope.run(session, async () => handler(request))
      : Promise.resolve(new Response("no route in the test server", { status: 404 }));
    answer
      .then(async (response) => {
        // The client is still sending what the handler did not read: take it all before answering,
        // so the answer is not lost to a connection reset mid-upload.
        await drain();
        await writeResponse(res, response);
      })
      .catch((error: unknown) => {
        // A handler that throws is what a crashed route looks like to a client: a bare 500.
        res.statusCode = 500;
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
