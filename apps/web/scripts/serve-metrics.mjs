// The production server's part of the Prometheus metrics (packages/observability): every request
// it serves, pages and static files included, is counted into http_requests_total and
// http_request_duration_seconds under a route pattern, and METRICS_PORT opens a second listener
// answering only GET /metrics. The package exports TypeScript, which this plain Node server cannot
// run; its registry and HTTP parts are plain JavaScript beside its metrics.ts, loaded from there,
// so this server and the bundled app share one registry (on globalThis) and one prom-client.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const entry = createRequire(import.meta.url).resolve("@toolboxai/observability/metrics");
const load = (/** @type {string} */ file) => import(pathToFileURL(path.join(path.dirname(entry), file)).href);
const http = await load("http-metrics.mjs");
const routes = await load("route-table.mjs");

export const { createRequestObserver, observeRequest, routePattern, startMetricsServer } = http;

/**
 * The request observer of the app in `dir`: labels from its build's route table
 * (.next/routes-manifest.json, the REST operations of packages/sdk/openapi.json, the public
 * folder's entries), read once; without a build (next dev) the path heuristic, capped.
 * @param {string} dir the web app's folder
 * @param {{ dev?: boolean }} [options]
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void}
 */
export function requestObserverFor(dir, options = {}) {
  const manifestFile = path.join(dir, ".next", "routes-manifest.json");
  if (options.dev || !existsSync(manifestFile)) return observeRequest;
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  // The committed OpenAPI document (kept current by the SDK's test) names the REST catch-all's routes.
  const openapiFile = path.resolve(dir, "..", "..", "packages", "sdk", "openapi.json");
  const openapi = existsSync(openapiFile) ? JSON.parse(readFileSync(openapiFile, "utf8")) : null;
  const publicDir = path.join(dir, "public");
  const publicEntries = existsSync(publicDir)
    ? readdirSync(publicDir, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() }))
    : [];
  return createRequestObserver(routes.routeTableLabeler({ manifest, openapi, publicEntries }));
}

/**
 * The internal metrics listener's address from the environment: METRICS_PORT (unset: none) on
 * METRICS_HOST (default 127.0.0.1); METRICS_TOKEN, when set, is required there too.
 * @param {Record<string, string | undefined>} env
 * @returns {{ port: number, host: string, token: string | null } | null}
 */
export function internalMetricsAddress(env) {
  const given = env.METRICS_PORT?.trim();
  if (!given) return null;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`METRICS_PORT: expected a port number from 1 to 65535, got "${given}"`);
  }
  const host = env.METRICS_HOST?.trim() || "127.0.0.1";
  const token = env.METRICS_TOKEN?.trim() || null;
  if (!token && !http.isLoopbackHost(host)) {
    throw new Error(
      `METRICS_HOST="${host}" is not a loopback address, so METRICS_TOKEN is required (set METRICS_TOKEN, or listen on 127.0.0.1)`,
    );
  }
  return { port, host, token };
}

/**
 * Starts the internal listener when METRICS_PORT is set.
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<import("node:http").Server | null>}
 */
export async function startInternalMetrics(env) {
  const address = internalMetricsAddress(env);
  if (!address) return null;
  const server = await startMetricsServer(address);
  console.log(`web: metrics on http://${address.host}:${address.port}/metrics`);
  return server;
}
