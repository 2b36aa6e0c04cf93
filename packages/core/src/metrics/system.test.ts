// The dashboard's system numbers (createSystemMetricsProbe) read from this process's Prometheus
// series, the metrics cache's lookups, the database and Redis.

import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import { platformMetrics } from "@toolboxai/observability/metrics";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMetricsCache, type MetricsCacheKey } from "./cache";
import { createSystemMetricsProbe, quantileFromBuckets } from "./system";

const redisUrl = process.env.REDIS_URL;
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const metrics = platformMetrics();
beforeEach(() => {
  metrics.httpRequestDuration.reset();
  metrics.httpRequestsTotal.reset();
});

/** Records a request as serve.mjs's observer does. */
function served(route: string, status: number, seconds: number, times = 1) {
  const labels = { method: "GET", route, status: String(status) };
  for (let i = 0; i < times; i++) {
    metrics.httpRequestsTotal.inc(labels);
    metrics.httpRequestDuration.observe(labels, seconds);
  }
}

const key: MetricsCacheKey = { orgId: "org-system-test", scope: { kind: "organization" }, endpoint: "dashboard" };

describe("createSystemMetricsProbe", () => {
  it("answers null for latency, error rate and hit rate before any request or lookup", async () => {
    const probe = createSystemMetricsProbe({ db: t.db, cache: createMetricsCache() });
    expect(await probe()).toMatchObject({ api_response_time_p95: null, error_rate: null, cache_hit_rate: null });
  });

  it("estimates the API's p95 from the request histogram's buckets, in milliseconds", async () => {
    served("/api/v1/content/:id", 200, 0.003, 90); // bucket (0, 5 ms]
    served("/api/trpc/:id", 200, 0.04, 10); // bucket (25, 50 ms]
    const probe = createSystemMetricsProbe({ db: t.db, cache: createMetricsCache() });
    // rank 95 of 100 falls halfway into the (25 ms, 50 ms] bucket's 10 requests.
    expect((await probe()).api_response_time_p95).toBe(37.5);
  });

  it("leaves pages and static files out of the API's latency and error rate", async () => {
    served("/_next/static", 200, 4, 50);
    served("/teacher/classes/:id", 500, 4, 5);
    served("/api/v1/me", 200, 0.004, 10);
    const probe = createSystemMetricsProbe({ db: t.db, cache: createMetricsCache() });
    const system = await probe();
    expect(system.api_response_time_p95).toBeLessThanOrEqual(5);
    expect(system.error_rate).toBe(0);
  });

  it("counts the API's 5xx answers as its error rate, in percent", async () => {
    served("/api/v1/classes", 200, 0.01, 18);
    served("/api/v1/classes", 404, 0.01, 1);
    served("/api/v1/classes", 503, 0.01, 1);
    const probe = createSystemMetricsProbe({ db: t.db, cache: createMetricsCache() });
    expect((await probe()).error_rate).toBe(5);
  });

  it("gives the metrics cache's hit rate over its lookups, in percent", async () => {
    const cache = createMetricsCache();
    const compute = async () => 1;
    await cache.getOrCompute(key, 60, compute); // miss
    await cache.getOrCompute(key, 60, compute); // hit
    await cache.getOrCompute(key, 60, compute); // hit
    await cache.getOrCompute(key, 60, compute); // hit
    const probe = createSystemMetricsProbe({ db: t.db, cache });
    expect((await probe()).cache_hit_rate).toBe(75);
  });

  it("counts at least this process's own database connection", async () => {
    const probe = createSystemMetricsProbe({ db: t.db, cache: createMetricsCache() });
    expect((await probe()).database_connections).toBeGreaterThanOrEqual(1);
  });

  it("has no Redis memory without Redis", async () => {
    const probe = createSystemMetricsProbe({ db: t.db, redis: null, cache: createMetricsCache() });
    expect((await probe()).redis_memory_usage).toBeNull();
  });

  it.runIf(redisUrl)("reads Redis' used memory in megabytes", async () => {
    const redis = new Redis(redisUrl as string);
    try {
      const used = Number(/^used_memory:(\d+)/m.exec(await redis.info("memory"))?.[1]);
      const probe = createSystemMetricsProbe({ db: t.db, redis, cache: createMetricsCache() });
      const mb = (await probe()).redis_memory_usage;
      expect(mb).toBeGreaterThan(0);
      // Redis' own figure moves a little between the two reads.
      expect(Math.abs((mb as number) - used / 1024 / 1024)).toBeLessThan(1);
    } finally {
      redis.disconnect();
    }
  });
});

describe("quantileFromBuckets", () => {
  it("is null for an empty histogram", () => {
    expect(
      quantileFromBuckets(0.95, [
        { le: 0.1, count: 0 },
        { le: Number.POSITIVE_INFINITY, count: 0 },
      ]),
    ).toBeNull();
  });

  it("answers the highest finite bound when the quantile is in the +Inf bucket", () => {
    const buckets = [
      { le: 1, count: 1 },
      { le: 10, count: 2 },
      { le: Number.POSITIVE_INFINITY, count: 100 },
    ];
    expect(quantileFromBuckets(0.95, buckets)).toBe(10);
  });
});
