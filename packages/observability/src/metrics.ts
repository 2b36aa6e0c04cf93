// The process's Prometheus metrics (prom-client): one registry per process, kept on globalThis so
// that every copy of this module (Next bundles server code apart from the custom server's own
// import) counts into the same series. Names and labels are the platform's published ones. The
// registry and the HTTP parts are plain JavaScript (./platform-metrics.mjs, ./http-metrics.mjs),
// shared with the web app's Node server.

export {
  type MetricsAnswer,
  metricsAnswer,
  NOT_FOUND_ROUTE,
  observeRequest,
  presentsBearerToken,
  routeLabel,
  routePattern,
  startMetricsServer,
} from "./http-metrics.mjs";
export { type MetricsEnv, type MetricsListen, readMetricsEnv } from "./metrics-env";
export { type PlatformMetrics, platformMetrics, type QueueSizes } from "./platform-metrics.mjs";
