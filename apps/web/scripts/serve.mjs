// The web app's production server: `next start` (the same request handler, from the same build)
// with two additions. Next passes a client's own X-Forwarded-For through untouched and only fills it
// in when absent, so on its own nothing in a request says reliably where it came from. This server
// appends the address of the socket each request arrived on, as a reverse proxy does; the app then
// takes the client's IP from the end of that list, skipping TRUSTED_PROXY_HOPS trusted proxies
// (packages/core/src/rate-limit/client-address.ts), and never from what the client wrote itself.
//
// It also gives every request its correlation ids (./serve-correlation.mjs): chosen once here,
// handed to the app, current for everything the request runs (log lines carry them), and on every
// response, static files included, with X-Request-Duration (time to the response headers).
//
// And it counts every request into the Prometheus metrics (./serve-metrics.mjs): GET /metrics is
// the app's route (behind METRICS_TOKEN), or this server's second listener on METRICS_PORT.
//
//   node scripts/serve.mjs            (on PORT, default 3000, all interfaces, as `next start`)
//   node scripts/serve.mjs --dev      (the same server around `next dev`: Turbopack, hot reload)
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { correlateRequest, correlationScope } from "./serve-correlation.mjs";
import { requestObserverFor, startInternalMetrics } from "./serve-metrics.mjs";

const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 3000);

// The app believes the last X-Forwarded-For entry only when this process's server put it there
// (apps/web/src/server/rate-limit.ts reads this flag).
globalThis[Symbol.for("toolboxai.socketAddressAppended")] = true;

const app = next({ dev, dir, port });
await app.prepare();
const handle = app.getRequestHandler();
const scope = correlationScope();
// Route labels come from the build's route table (read once), so no request path adds a series.
const observeRequest = requestObserverFor(dir, { dev });

const server = http.createServer((req, res) => {
  observeRequest(req, res);
  const socketAddress = req.socket.remoteAddress ?? "";
  const given = req.headers["x-forwarded-for"];
  const chain = Array.isArray(given) ? given.join(", ") : given;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${socketAddress}` : socketAddress;
  const correlation = correlateRequest(req, res, "web");
  scope.run(correlation, () => handle(req, res));
});
server.listen(port, () => {
  console.log(`web: listening on port ${port}`);
});
const metricsServer = await startInternalMetrics(process.env);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    metricsServer?.close();
    server.close(() => process.exit(0));
    // Open keep-alive connections would hold close() up; end them.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
