// The dashboard's system numbers for this instance (system_metrics), read at the moment they are
// asked for:
// - api_response_time_p95 (ms): the 95th percentile of the API's requests (routes under /api/),
//   estimated from http_request_duration_seconds' buckets as PromQL's histogram_quantile does
//   (linear within the bucket), over every request since the process started; null before any.
// - error_rate (%): the share of those requests answered with a 5xx; null before any.
// - cache_hit_rate (%): the metrics cache's hits against its lookups; null before any.
// - database_connections: the connections to this database (pg_stat_activity; PGlite: 1).
// - redis_memory_usage (MB): Redis' used_memory (INFO memory); null without Redis or when it fails.
import type { Database } from "@toolboxai/db";
import { platformMetrics } from "@toolboxai/observability/metrics";
import type { Redis } from "ioredis";
import type { MetricsCache } from "./cache";
import type { SystemMetrics } from "./runtime";

export interface SystemMetricsDeps {
  db: Database;
  redis?: Redis | null;
  cache: MetricsCache;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const isApi = (route: string | number | undefined) => typeof route === "string" && route.startsWith("/api/");

/** The q-quantile (0..1) of cumulative buckets, interpolated within its bucket; null when empty. */
export function quantileFromBuckets(q: number, buckets: ReadonlyArray<{ le: number; count: number }>): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of sorted) {
    if (count >= rank) {
      // In the +Inf bucket: the highest finite bound is all that is known.
      if (!Number.isFinite(le)) return lowerBound;
      const inBucket = count - lowerCount;
      return inBucket === 0 ? le : lowerBound + (le - lowerBound) * ((rank - lowerCount) / inBucket);
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}

/** API latency p95 (ms) from the request histogram, summed over methods, routes and statuses. */
async function apiP95Ms(): Promise<number | null> {
  const { values } = await platformMetrics().httpRequestDuration.get();
  const byBound = new Map<number, number>();
  for (const v of values) {
    if (v.metricName !== "http_request_duration_seconds_bucket" || !isApi(v.labels.route)) continue;
    // Bucket samples carry `le` beside the histogram's own labels.
    const bound = (v.labels as Record<string, string | number | undefined>).le;
    const le = bound === "+Inf" ? Number.POSITIVE_INFINITY : Number(bound);
    byBound.set(le, (byBound.get(le) ?? 0) + v.value);
  }
  const seconds = quantileFromBuckets(
    0.95,
    [...byBound].map(([le, count]) => ({ le, count })),
  );
  return seconds === null ? null : round(seconds * 1000, 1);
}

/** The share of API responses that were 5xx, in percent. */
async function apiErrorRate(): Promise<number | null> {
  const { values } = await platformMetrics().httpRequestsTotal.get();
  let all = 0;
  let errors = 0;
  for (const v of values) {
    if (!isApi(v.labels.route)) continue;
    all += v.value;
    if (String(v.labels.status).startsWith("5")) errors += v.value;
  }
  return all === 0 ? null : round((errors / all) * 100, 2);
}

async function databaseConnections(db: Database): Promise<number> {
  try {
    const rows = await db.$queryRaw<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where datname = current_database()`;
    return Math.max(1, rows[0]?.n ?? 1);
  } catch {
    return 1;
  }
}

async function redisMemoryMb(redis: Redis | null | undefined): Promise<number | null> {
  if (!redis) return null;
  try {
    const info = await redis.info("memory");
    const used = /^used_memory:(\d+)/m.exec(info)?.[1];
    return used ? round(Number(used) / (1024 * 1024), 2) : null;
  } catch {
    return null;
  }
}

export function createSystemMetricsProbe(deps: SystemMetricsDeps): () => Promise<SystemMetrics> {
  return async () => {
    const { hits, misses } = deps.cache.stats();
    const [p95, errorRate, connections, redisMemory] = await Promise.all([
      apiP95Ms(),
      apiErrorRate(),
      databaseConnections(deps.db),
      redisMemoryMb(deps.redis),
    ]);
    return {
      api_response_time_p95: p95,
      cache_hit_rate: hits + misses === 0 ? null : round((hits / (hits + misses)) * 100, 2),
      database_connections: connections,
      redis_memory_usage: redisMemory,
      error_rate: errorRate,
    };
  };
}
