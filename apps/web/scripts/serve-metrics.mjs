// The production server's part of the Prometheus metrics (packages/observability): every request
// it serves, pages and static files included, is counted into http_requests_total and
// http_request_duration_seconds under a route pattern, and METRICS_PORT opens a second listener
// answering only GET /metrics. The package exports TypeScript, which this plain Node server cannot
// run; its registry and HTTP parts are plain JavaScript beside its metrics.ts, loaded from there,
// so this server and the bundled app share one registry (on globalThis) and one prom-client.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const entry = createRequire(import.meta.url).resolve("@toolboxai/observability/metrics");
const http = await import(pathToFileURL(path.join(path.dirname(entry), "http-metrics.mjs")).href);

export const { observeRequest, routePattern, startMetricsServer } = http;

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
  return { port, host: env.METRICS_HOST?.trim() || "127.0.0.1", token: env.METRICS_TOKEN?.trim() || null };
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
