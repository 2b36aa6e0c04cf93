// apps/worker: runs queued agent tasks from BullMQ. Start any number of these next to the web
// app when REDIS_URL is set; each takes AGENT_CONCURRENCY tasks at a time.
import { createAgentRuntime } from "@toolboxai/agents";
import {
  aiBudgetGate,
  createRealtimePublisher,
  createTaskProgressPublisher,
  DATA_PROTECTION_JOBS,
  materializeDrafts,
  startDataProtectionSchedule,
  taskCorrelation,
} from "@toolboxai/core";
import { createDatabase } from "@toolboxai/db";
import pino from "pino";
import { readWorkerEnv } from "./env";
import { startWorkerMetrics } from "./metrics";
import { logFields, stopTelemetry } from "./telemetry";

const env = readWorkerEnv();
// Each task attempt runs in the correlation of the request that queued it (taskCorrelation below):
// every line logged meanwhile carries its correlationId and the attempt's own requestId.
const logger = pino({ level: env.logLevel, base: { service: "worker" }, mixin: logFields });

if (!env.agents.redisUrl) {
  logger.fatal("REDIS_URL is not set: without Redis the web app runs agent tasks itself, no worker is needed.");
  process.exit(1);
}
if (!env.database.databaseUrl) {
  logger.fatal(
    "DATABASE_URL is not set: a worker shares the web app's PostgreSQL (the embedded PGlite is single-process).",
  );
  process.exit(1);
}

const database = createDatabase({ databaseUrl: env.database.databaseUrl });
// Task progress reaches the browser through the same realtime server as the web app's events.
const realtime = createRealtimePublisher(env.realtime?.server ?? null, logger.child({ component: "realtime" }));
if (!env.realtime)
  logger.info("realtime is not configured (PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET): no live progress");
const runtime = createAgentRuntime({
  db: database.db,
  config: env.agents,
  materialize: materializeDrafts,
  publisher: createTaskProgressPublisher(realtime),
  logger,
  consume: true,
  role: "worker",
  lockDurationMs: env.lockDurationMs,
  correlation: taskCorrelation("worker"),
  // The organization's daily token budget stops its tasks at their next model call.
  budget: aiBudgetGate(database.db),
});

const sweep = async () => {
  try {
    const count = await runtime.resumeUnfinished();
    if (count > 0) logger.info({ count }, "queued unfinished agent tasks");
  } catch (err) {
    logger.warn({ err }, "sweep for unfinished tasks failed");
  }
};
await sweep();
const timer = setInterval(sweep, env.sweepIntervalMs);
const metrics = await startWorkerMetrics(env.metrics, database, logger);
// Retention, the erasure purge and the export clean-up as BullMQ repeatable jobs: each interval
// runs once, in one worker.
const dataProtection = await startDataProtectionSchedule({
  db: database.db,
  redisUrl: env.agents.redisUrl,
  jobs: DATA_PROTECTION_JOBS,
  logger: logger.child({ component: "data-protection" }),
});
logger.info(
  { provider: runtime.provider.name, model: runtime.provider.model, concurrency: env.agents.concurrency },
  "worker ready",
);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker stopping: finishing the tasks in hand");
  clearInterval(timer);
  await dataProtection.stop();
  await metrics?.close();
  await runtime.close();
  await realtime.flush();
  await database.close();
  await stopTelemetry();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
