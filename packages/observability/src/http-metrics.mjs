// HTTP for the platform's metrics, in plain JavaScript for the same reason as ./platform-metrics.mjs
// (the web app's Node server uses it as is): counting each request under a low-cardinality route
// pattern, and answering GET /metrics (behind a bearer token, or alone on an internal port).
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { platformMetrics } from "./platform-metrics.mjs";
import { cappedLabeler } from "./route-table.mjs";

/** Where a request's route label stops: deeper paths end in "/*". */
export const MAX_ROUTE_DEPTH = 6;
/** The route label of every 404: paths nobody serves must not add series (scanners try thousands). */
export const NOT_FOUND_ROUTE = "(not found)";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^\d+$/;
// cuid (c + 24), cuid2 and other generated ids or tokens: long, letters and digits mixed.
const GENERATED = /^(?=[^/]*\d)[A-Za-z0-9_-]{16,}$/;
// Hex digests and base64url tokens without digits are rare, but long ones are never words.
const LONG = /^[^/]{40,}$/;

/** @param {string} segment */
function isId(segment) {
  return UUID.test(segment) || NUMBER.test(segment) || GENERATED.test(segment) || LONG.test(segment);
}

/**
 * The route label of a request path: ids (cuid-like, uuids, numbers, long tokens) become ":id",
 * the build's files one label each ("/_next/static", "/_next/image"), and paths deeper than
 * MAX_ROUTE_DEPTH segments end in "/*". The query string is dropped.
 * @param {string} url the request's URL or path
 * @returns {string}
 */
export function routePattern(url) {
  const pathname = (url.split(/[?#]/, 1)[0] ?? "").replace(/\/{2,}/g, "/");
  if (pathname === "" || pathname === "/") return "/";
  if (pathname.startsWith("/_next/")) {
    const second = pathname.split("/")[2] ?? "";
    return second === "static" || second === "image" || second === "data" ? `/_next/${second}` : "/_next";
  }
  let segments = pathname.split("/").filter(Boolean);
  let deeper = false;
  if (segments.length > MAX_ROUTE_DEPTH) {
    segments = segments.slice(0, MAX_ROUTE_DEPTH);
    deeper = true;
  }
  const pattern = segments.map((s) => (isId(s) ? ":id" : s.slice(0, 64))).join("/");
  return `/${pattern}${deeper ? "/*" : ""}`;
}

/**
 * The route label of a finished request: its pattern, or NOT_FOUND_ROUTE for a 404.
 * @param {string} url
 * @param {number} status
 */
export function routeLabel(url, status) {
  return status === 404 ? NOT_FOUND_ROUTE : routePattern(url);
}

/**
 * An observer counting each request into http_requests_total and http_request_duration_seconds
 * when its response has finished (or the client went away: counted with the status it had by
 * then), under the route label `labelRoute` gives it (./route-table.mjs: the build's routes).
 * @param {(url: string, status: number) => string} labelRoute
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void}
 */
export function createRequestObserver(labelRoute) {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const metrics = platformMetrics();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const labels = {
        method: (req.method ?? "GET").toUpperCase(),
        route: labelRoute(req.url ?? "/", res.statusCode),
        status: String(res.statusCode),
      };
      metrics.httpRequestsTotal.inc(labels);
      metrics.httpRequestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once("finish", record);
    res.once("close", record);
  };
}

/**
 * The observer without a build's route table (next dev, tests): the path heuristic of
 * routeLabel, capped at MAX_ROUTE_LABELS distinct labels.
 */
export const observeRequest = createRequestObserver(cappedLabeler(routeLabel));

/**
 * Whether a listener on `host` is reachable from this machine only (127.0.0.0/8, ::1, localhost).
 * Anywhere else, /metrics must require METRICS_TOKEN.
 * @param {string} host
 */
export function isLoopbackHost(host) {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

const sha256 = (/** @type {string} */ s) => createHash("sha256").update(s).digest();

/**
 * Whether an Authorization header carries `Bearer <token>` (compared in constant time).
 * @param {string | null | undefined} authorization
 * @param {string | null | undefined} token
 */
export function presentsBearerToken(authorization, token) {
  if (!token || !authorization) return false;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!match?.[1]) return false;
  return timingSafeEqual(sha256(match[1]), sha256(token));
}

/**
 * The answer to GET /metrics: 404 when metrics are not served here (no token, not the internal
 * port), 401 without the token when one is required, else the registry in Prometheus' text format.
 * @param {{ method: string, authorization: string | null | undefined }} request
 * @param {{ token: string | null, open?: boolean }} access open: no token needed (an internal port)
 * @returns {Promise<{ status: number, headers: Record<string, string>, body: string }>}
 */
export async function metricsAnswer(request, access) {
  const plain = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (!access.open && !access.token) return { status: 404, headers: plain, body: "Not found\n" };
  if (request.method !== "GET" && request.method !== "HEAD") {
    return { status: 405, headers: { ...plain, allow: "GET, HEAD" }, body: "Method not allowed\n" };
  }
  if (!access.open && !presentsBearerToken(request.authorization, access.token)) {
    return {
      status: 401,
      headers: { ...plain, "www-authenticate": 'Bearer realm="metrics"' },
      body: "Unauthorized\n",
    };
  }
  const { registry } = platformMetrics();
  const body = await registry.metrics();
  return { status: 200, headers: { "content-type": registry.contentType, "cache-control": "no-store" }, body };
}

/**
 * A server answering only GET /metrics (everything else 404), for an internal port. With a token,
 * it is required there too.
 * @param {{ port: number, host?: string, token?: string | null }} options
 * @returns {Promise<import("node:http").Server>} listening
 */
export function startMetricsServer(options) {
  const token = options.token ?? null;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    const answer =
      path === "/metrics"
        ? metricsAnswer(
            { method: req.method ?? "GET", authorization: req.headers.authorization },
            { token, open: !token },
          )
        : Promise.resolve({
            status: 404,
            headers: { "content-type": "text/plain; charset=utf-8" },
            body: "Not found\n",
          });
    answer
      .then((a) => {
        res.writeHead(a.status, a.headers);
        res.end(req.method === "HEAD" ? undefined : a.body);
      })
      .catch(() => {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("Metrics unavailable\n");
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
