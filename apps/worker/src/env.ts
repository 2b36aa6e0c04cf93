// The worker's configuration: the only module in apps/worker that reads process.env.
import { readAgentEnv } from "@toolboxai/agents";
import { readDbEnv } from "@toolboxai/db";
import { realtimeConfigFrom } from "~/server/realtime/config";

function int(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value?.trim() ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    agents: readAgentEnv(env),
    database: readDbEnv(env),
    logLevel: env.LOG_LEVEL?.trim() || "info",
    /** How long a job's lock lasts: a killed worker's task is picked up by another after this. */
    lockDurationMs: int(env.AGENT_LOCK_MS, 30_000),
    /** How often the worker re-queues unfinished tasks whose job was lost (e.g. Redis was down). */
    sweepIntervalMs: int(env.AGENT_SWEEP_MS, 60_000),
    /** Where task progress is published: the web app's PUSHER_* settings (null: realtime is off). */
    realtime: realtimeConfigFrom(env),
  };
}
