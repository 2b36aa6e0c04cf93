import pino from "pino";
import { loadConfig } from "./env.js";
import { createRealtimeServer } from "./server.js";

const config = loadConfig();
const logger = pino({ name: "realtime", level: config.logLevel });
const server = createRealtimeServer(config, { logger });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const timer = setTimeout(() => {
    logger.error("forced exit after shutdown timeout");
    process.exit(1);
  }, 10_000);
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
  logger.fatal({ err }, "failed to start");
  process.exit(1);
});
