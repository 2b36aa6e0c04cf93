// This process's metrics runtime: the metrics cache (Redis when REDIS_URL is set, so every
// instance shares the answers and their invalidations; else this process's memory) and the probe
// that reads this instance's system numbers (its request histogram, the cache's hit rate, the
// database's connections, Redis' memory). One per process, created on first use.
import "server-only";
import { createLimiterRedis, createMetricsCache, createSystemMetricsProbe, type MetricsRuntime } from "@toolboxai/core";
import { env } from "~/env";
import { getDb } from "./db";
import { logger } from "./logger";

const globalForMetrics = globalThis as unknown as { toolboxMetrics?: MetricsRuntime };

export function getMetricsRuntime(): MetricsRuntime {
  if (!globalForMetrics.toolboxMetrics) {
    // The limiter's client settings suit a cache too: no offline queue, one retry, a 1 s timeout,
    // so a Redis outage fails a lookup fast instead of stalling the dashboard. The cache then
    // computes without Redis, and listens for the client's errors: one warning per outage.
    const redis = env.redisUrl ? createLimiterRedis(env.redisUrl) : null;
    const cache = createMetricsCache({ redis, logger });
    globalForMetrics.toolboxMetrics = { cache, system: createSystemMetricsProbe({ db: getDb(), redis, cache }) };
  }
  return globalForMetrics.toolboxMetrics;
}
