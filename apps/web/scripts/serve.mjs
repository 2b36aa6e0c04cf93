// The web app's production server: `next start` (the same request handler, from the same build)
// with one addition. Next passes a client's own X-Forwarded-For through untouched and only fills it
// in when absent, so on its own nothing in a request says reliably where it came from. This server
// appends the address of the socket each request arrived on, as a reverse proxy does; the app then
// takes the client's IP from the end of that list, skipping TRUSTED_PROXY_HOPS trusted proxies
// (packages/core/src/rate-limit/client-address.ts), and never from what the client wrote itself.
//
//   node scripts/serve.mjs            (on PORT, default 3000, all interfaces, as `next start`)
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.NODE_ENV ??= "production";
const { default: next } = await import("next");

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 3000);

// The app believes the last X-Forwarded-For entry only when this process's server put it there
// (apps/web/src/server/rate-limit.ts reads this flag).
globalThis[Symbol.for("toolboxai.socketAddressAppended")] = true;

const app = next({ dev: false, dir, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const socketAddress = req.socket.remoteAddress ?? "";
  const given = req.headers["x-forwarded-for"];
  const chain = Array.isArray(given) ? given.join(", ") : given;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${socketAddress}` : socketAddress;
  handle(req, res);
});
server.listen(port, () => {
  console.log(`web: listening on port ${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Open keep-alive connections would hold close() up; end them.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
