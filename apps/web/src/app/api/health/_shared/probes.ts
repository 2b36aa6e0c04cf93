// This process's readiness probes, built from its configuration: the database it uses, Redis when
// REDIS_URL is set (a connection of the probe's own, kept on globalThis), the agents' queue, the
// realtime server when configured, and the model provider the agents use (its answer kept 60 s).
import "server-only";
import { readAgentEnv } from "@toolboxai/agents";
import {
  cachedProbe,
  createRedisProbe,
  databaseProbe,
  MODEL_PROBE_CACHE_MS,
  modelProbe,
  type Probe,
  queueProbe,
  type ReadinessProbes,
  type RedisProbe,
  realtimeProbe,
} from "@toolboxai/core";
import { env } from "~/env";
import { getAgentRuntime } from "~/server/agents";
import { getDatabase } from "~/server/db";

const globalForHealth = globalThis as unknown as {
  toolboxHealthProbes?: { redis: RedisProbe | null; realtime: Probe | null; model: Probe };
};

function kept() {
  globalForHealth.toolboxHealthProbes ??= {
    redis: env.redisUrl ? createRedisProbe(env.redisUrl) : null,
    realtime: env.realtime ? realtimeProbe(env.realtime.server) : null,
    // Its GET /models counts against the provider's quota: asked at most once a minute.
    model: cachedProbe(modelProbe(readAgentEnv().openai), MODEL_PROBE_CACHE_MS),
  };
  return globalForHealth.toolboxHealthProbes;
}

/** The realtime server's probe, or null when realtime is off. */
export function realtimeServerProbe(): Probe | null {
  return kept().realtime;
}

export function readinessProbes(): ReadinessProbes {
  const { db, kind } = getDatabase();
  const probes = kept();
  return {
    database: databaseProbe(db, kind),
    redis: probes.redis?.probe ?? null,
    // Read when checked: the agents' runtime is created on first use.
    queue: () => queueProbe(getAgentRuntime().queue)(),
    realtime: probes.realtime,
    model: probes.model,
  };
}
