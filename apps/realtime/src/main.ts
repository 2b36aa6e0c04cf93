import pino from "pino";
import { ConfigError, loadConfig, type RealtimeConfig } from "./env.js";
import { createRealtimeServer } from "./server.js";

let config: RealtimeConfig;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  // No logger yet (its level is part of the configuration): plain stderr, then a failing exit.
  console.error(err.message);
  process.exit(1);
}
const logger = pino({ name: "realtime", level: config.logLevel });
const server = createRealtimeServer(config, { logger });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  // stop() bounds its own wait by shutdownTimeout; this is the backstop if something still hangs.
  const timer = setTimeout(
    () => {
      logger.error("forced exit after shutdown timeout");
      process.exit(1);
    },
    (config.shutdownTimeout + 5) * 1000,
  );
  timer.unref();
  try {
    await server.stop();
    process.exit(0);
  } catch (err) {
    logger.error({ err }, "error during shutdown");
    process.exit(1);
  }
}

process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

server.start().catch((err: unknown) => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE" || code === "EADDRNOTAVAIL" || code === "EACCES") {
    const where = `${config.host}:${config.port}`;
    const why =
      code === "EADDRINUSE"
        ? `port ${config.port} is already in use (another apps/realtime, e.g. a second \`pnpm dev\`, or another Pusher-compatible server)`
        : code === "EADDRNOTAVAIL"
          ? `${config.host} is not an address of this machine (PUSHER_HOST names a remote server? set REALTIME_BIND_HOST to the address to listen on)`
          : `no permission to listen on ${where}`;
    logger.fatal(
      { code, host: config.host, port: config.port },
      `realtime server cannot listen on ${where}: ${why}. Stop the other process or choose another port with PUSHER_PORT=<port> (the web app must use the same one). The web app keeps working without it: its pages poll instead.`,
    );
  } else {
    logger.fatal({ err }, "failed to start");
  }
  process.exit(1);
});
