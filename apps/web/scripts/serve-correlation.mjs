// The production server's part of correlation ids (see packages/core/src/correlation/): this
// server is plain Node and not bundled, so it cannot import the TypeScript package; the rules are
// repeated here, and src/server/serve-correlation.test.ts checks that both choose the same ids.
//
// For each request the server chooses the ids once, hands them to the app in the request header
// CORRELATION_HEADER (replacing whatever a client sent under that name), serves the request in
// their scope (the AsyncLocalStorage on globalThis that core's scope.ts reads: log lines, outgoing
// calls) and stamps every response with them, static files included, plus X-Request-Duration.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** As CORRELATION_HEADER in packages/core/src/correlation/ids.ts. */
export const CORRELATION_HEADER = "x-toolboxai-correlation";
/** As CORRELATION_SCOPE_KEY in packages/core/src/correlation/scope.ts. */
const SCOPE_KEY = Symbol.for("toolboxai.correlation.scope");

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** @param {string | string[] | undefined} value */
function saneId(value) {
  return typeof value === "string" && ID.test(value) ? value : null;
}

/**
 * @typedef {{ correlationId: string, requestId: string, parentCorrelationId: string | null,
 *   chainDepth: number, serviceName: string }} Correlation
 */

/**
 * The ids of an incoming request, as correlationFrom in ids.ts chooses them.
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @param {string} serviceName
 * @returns {Correlation}
 */
export function correlationOf(headers, serviceName) {
  const given = headers["x-chain-depth"];
  const depth = Number.parseInt(typeof given === "string" ? given : "", 10);
  return {
    correlationId: saneId(headers["x-correlation-id"]) ?? saneId(headers["x-request-id"]) ?? randomUUID(),
    requestId: randomUUID(),
    parentCorrelationId: saneId(headers["x-parent-correlation-id"]),
    chainDepth: Number.isFinite(depth) && depth >= 0 && depth < 1000 ? depth + 1 : 1,
    serviceName,
  };
}

/**
 * The response headers, as correlationResponseHeaders in ids.ts.
 * @param {Correlation} c
 * @returns {Record<string, string>}
 */
export function correlationResponseHeaders(c) {
  return {
    "X-Correlation-ID": c.correlationId,
    "X-Request-ID": c.requestId,
    ...(c.parentCorrelationId ? { "X-Parent-Correlation-ID": c.parentCorrelationId } : {}),
    "X-Service-Name": c.serviceName,
    "X-Chain-Depth": String(c.chainDepth),
  };
}

/** @returns {AsyncLocalStorage<Correlation>} the process's one correlation scope (shared with the bundled app). */
export function correlationScope() {
  /** @type {Record<symbol, AsyncLocalStorage<Correlation> | undefined>} */
  const g = /** @type {never} */ (globalThis);
  g[SCOPE_KEY] ??= new AsyncLocalStorage();
  return g[SCOPE_KEY];
}

/**
 * X-Request-Duration: milliseconds from the request's arrival to its response headers, one
 * decimal, with the unit ("12.3ms"). A streamed page's headers leave before its body is done.
 * @param {number} ms
 */
export function formatDuration(ms) {
  return `${Math.max(0, ms).toFixed(1)}ms`;
}

/**
 * Adds the correlation headers the app did not set itself (static files skip its proxy) and the
 * duration, at the moment the headers are written: Node routes every way of sending them
 * (writeHead, the first write, end) through writeHead.
 * @param {import("node:http").ServerResponse} res
 * @param {Correlation} correlation
 * @param {number} started performance.now() when the request arrived
 */
export function stampResponse(res, correlation, started) {
  const writeHead = res.writeHead;
  /** @type {typeof res.writeHead} */
  const stamped = (...args) => {
    if (!res.headersSent) {
      for (const [name, value] of Object.entries(correlationResponseHeaders(correlation))) {
        if (!res.hasHeader(name)) res.setHeader(name, value);
      }
      res.setHeader("X-Request-Duration", formatDuration(performance.now() - started));
    }
    return writeHead.apply(res, /** @type {never} */ (args));
  };
  res.writeHead = stamped;
}

/**
 * Prepares a request: chooses its ids, gives them to the app (CORRELATION_HEADER), stamps the
 * response, and returns them to run the handler in their scope.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {string} serviceName
 */
export function correlateRequest(req, res, serviceName) {
  const started = performance.now();
  const correlation = correlationOf(req.headers, serviceName);
  req.headers[CORRELATION_HEADER] = JSON.stringify(correlation);
  stampResponse(res, correlation, started);
  return correlation;
}
