// The worker's configuration: the only module in apps/worker that reads process.env. Invalid
// values stop the worker at start with every problem listed (see parseEnv).
import { readAgentEnv } from "@toolboxai/agents";
import { realtimeConfigFrom } from "@toolboxai/core";
import { readDbEnv } from "@toolboxai/db";
import { readMetricsEnv } from "@toolboxai/observability/metrics";
import { envVar, parseEnv } from "@toolboxai/validators";
import { z } from "zod";

const schema = z.object({
  LOG_LEVEL: envVar.oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How long a job's lock lasts (ms): a killed worker's task is picked up by another after this. */
  AGENT_LOCK_MS: envVar.int(1_000, 3_600_000).default(30_000),
  /** How often the worker re-queues unfinished tasks whose job was lost, e.g. Redis was down (ms). */
  AGENT_SWEEP_MS: envVar.int(1_000, 86_400_000).default(60_000),
});

export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env) {
  const vars = parseEnv(schema, env, { what: "worker configuration" });
  return {
    agents: readAgentEnv(env),
    database: readDbEnv(env),
    logLevel: vars.LOG_LEVEL,
    lockDurationMs: vars.AGENT_LOCK_MS,
    sweepIntervalMs: vars.AGENT_SWEEP_MS,
    /** Where task progress is published: the web app's PUSHER_* settings (null: realtime is off). */
    realtime: realtimeConfigFrom(env),
    /** GET /metrics on WORKER_METRICS_PORT (null: not served), behind METRICS_TOKEN when set. */
    metrics: readMetricsEnv(env),
  };
}
