// The metrics cache, in memory (one instance) and on Redis (two instances sharing one Redis, as two
// app servers do): hits and misses, TTLs, forced refreshes, invalidation, single-flight.
import { platformMetrics } from "@toolboxai/observability/metrics";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createMetricsCache, type MetricsCache, type MetricsCacheKey } from "./cache";
import type { MetricsScope } from "./scope";

const key = (orgId = "org-1", endpoint = "dashboard"): MetricsCacheKey => ({
  orgId,
  scope: { kind: "organization" },
  endpoint,
});

function counter() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    compute: async () => {
      calls += 1;
      return { n: calls, at: new Date("2026-12-01T10:00:00Z") };
    },
    slow: (ms: number) => async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { n: calls };
    },
  };
}

describe("keys", () => {
  it("name the organization, whose numbers and the endpoint, with the parameters sorted", async () => {
    const cache = createMetricsCache();
    const teacher: MetricsScope = { kind: "teacher", teacherId: "t-1", classIds: [], studentIds: [] };
    const answer = await cache.getOrCompute(
      { orgId: "org-1", scope: teacher, endpoint: "trend", params: { range: "7d", metric: "new_users" } },
      60,
      async () => 1,
    );
    expect(answer.key).toMatch(/^metrics:v1:org-1:teacher:t-1:r=[\w-]{12}:trend:metric=new_users&range=7d$/);
  });

  it("give a teacher a new key when their classes or students change, whatever their order", async () => {
    const cache = createMetricsCache();
    const scope = (classIds: string[], studentIds: string[]): MetricsCacheKey => ({
      orgId: "org-1",
      scope: { kind: "teacher", teacherId: "t-1", classIds, studentIds },
      endpoint: "dashboard",
    });
    const keyOf = async (k: MetricsCacheKey) => (await cache.getOrCompute(k, 60, async () => 1)).key;
    const before = await keyOf(scope(["c-1"], ["s-1", "s-2"]));
    expect(await keyOf(scope(["c-1"], ["s-2", "s-1"]))).toBe(before);
    expect(await keyOf(scope(["c-1"], ["s-1", "s-2", "s-3"]))).not.toBe(before);
    expect(await keyOf(scope(["c-1", "c-2"], ["s-1", "s-2"]))).not.toBe(before);
  });
});

const teacherKey = (teacherId: string, orgId = "org-1"): MetricsCacheKey => ({
  orgId,
  scope: { kind: "teacher", teacherId, classIds: [], studentIds: [] },
  endpoint: "dashboard",
});

/** An event about teacher t-1: the organization's answer and t-1's go, t-2's stays. */
async function expectNarrowInvalidation(cache: MetricsCache, orgId: string) {
  const c = counter();
  await cache.getOrCompute(key(orgId), 60, c.compute);
  await cache.getOrCompute(teacherKey("t-1", orgId), 60, c.compute);
  await cache.getOrCompute(teacherKey("t-2", orgId), 60, c.compute);
  await cache.invalidateScopes(orgId, ["t-1"]);
  const hits = [
    (await cache.getOrCompute(key(orgId), 60, c.compute)).hit,
    (await cache.getOrCompute(teacherKey("t-1", orgId), 60, c.compute)).hit,
    (await cache.getOrCompute(teacherKey("t-2", orgId), 60, c.compute)).hit,
  ];
  expect(hits).toEqual([false, false, true]);
}

describe("in memory", () => {
  it("computes on a miss and answers the next lookup from the cache", async () => {
    const cache = createMetricsCache();
    const c = counter();
    const first = await cache.getOrCompute(key(), 60, c.compute);
    const second = await cache.getOrCompute(key(), 60, c.compute);
    expect([first.hit, second.hit]).toEqual([false, true]);
    expect(second.value).toEqual(first.value);
    expect(c.calls).toBe(1);
    expect(cache.stats()).toEqual({ hits: 1, misses: 1 });
  });

  it("keeps an answer for its TTL only", async () => {
    let now = new Date("2026-12-01T10:00:00Z");
    const cache = createMetricsCache({ now: () => now });
    const c = counter();
    await cache.getOrCompute(key(), 60, c.compute);
    now = new Date("2026-12-01T10:00:59Z");
    expect((await cache.getOrCompute(key(), 60, c.compute)).hit).toBe(true);
    now = new Date("2026-12-01T10:01:00Z");
    const expired = await cache.getOrCompute(key(), 60, c.compute);
    expect(expired.hit).toBe(false);
    expect(expired.generatedAt).toEqual(now);
    expect(c.calls).toBe(2);
  });

  it("recomputes on a forced refresh and keeps the new answer", async () => {
    const cache = createMetricsCache();
    const c = counter();
    await cache.getOrCompute(key(), 60, c.compute);
    const forced = await cache.getOrCompute(key(), 60, c.compute, { force: true });
    expect(forced).toMatchObject({ hit: false, value: { n: 2 } });
    expect((await cache.getOrCompute(key(), 60, c.compute)).value).toMatchObject({ n: 2 });
  });

  it("drops an organization's answers on invalidation, and only that organization's", async () => {
    const cache = createMetricsCache();
    const c = counter();
    await cache.getOrCompute(key("org-1", "dashboard"), 60, c.compute);
    await cache.getOrCompute(key("org-1", "activity"), 60, c.compute);
    await cache.getOrCompute(key("org-2", "dashboard"), 60, c.compute);
    expect(await cache.invalidateOrganization("org-1")).toBe(2);
    expect((await cache.getOrCompute(key("org-1", "dashboard"), 60, c.compute)).hit).toBe(false);
    expect((await cache.getOrCompute(key("org-2", "dashboard"), 60, c.compute)).hit).toBe(true);
    expect(await cache.invalidateOrganization("org-3")).toBe(0);
  });

  it("computes a key once while several lookups ask for it at the same time", async () => {
    const cache = createMetricsCache();
    const c = counter();
    const answers = await Promise.all(Array.from({ length: 5 }, () => cache.getOrCompute(key(), 60, c.slow(50))));
    expect(c.calls).toBe(1);
    expect(new Set(answers.map((a) => (a.value as { n: number }).n))).toEqual(new Set([1]));
  });

  it("counts a lookup that waited for another's computation as a miss, not a hit", async () => {
    const cache = createMetricsCache();
    const c = counter();
    const answers = await Promise.all(Array.from({ length: 3 }, () => cache.getOrCompute(key(), 60, c.slow(50))));
    expect(answers.map((a) => a.hit)).toEqual([false, false, false]);
    expect(cache.stats()).toEqual({ hits: 0, misses: 3 });
  });

  it("drops, on an event's invalidation, the organization's answers and the named teachers' only", async () => {
    await expectNarrowInvalidation(createMetricsCache(), "org-narrow");
  });

  it("lets a forced refresh wait for a computation already running instead of starting another", async () => {
    const cache = createMetricsCache();
    const c = counter();
    const running = cache.getOrCompute(key(), 60, c.slow(50));
    const forced = await cache.getOrCompute(key(), 60, c.slow(50), { force: true });
    await running;
    expect(c.calls).toBe(1);
    expect(forced.hit).toBe(false);
  });

  it("counts lookups into the Prometheus counters labelled cache=metrics", async () => {
    const metrics = platformMetrics();
    const read = async (m: typeof metrics.redisCacheHitsTotal) =>
      (await m.get()).values.find((v) => v.labels.cache === "metrics")?.value ?? 0;
    const [hits, misses] = [await read(metrics.redisCacheHitsTotal), await read(metrics.redisCacheMissesTotal)];
    const cache = createMetricsCache();
    await cache.getOrCompute(key(), 60, async () => 1);
    await cache.getOrCompute(key(), 60, async () => 1);
    await cache.getOrCompute(key(), 60, async () => 1);
    expect(await read(metrics.redisCacheHitsTotal)).toBe(hits + 2);
    expect(await read(metrics.redisCacheMissesTotal)).toBe(misses + 1);
  });

  it("does not keep a failed computation", async () => {
    const cache = createMetricsCache();
    await expect(cache.getOrCompute(key(), 60, async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect((await cache.getOrCompute(key(), 60, async () => 7)).value).toBe(7);
  });
});

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL: the metrics cache's Redis tests need Redis");

describe.skipIf(!redisUrl)("on Redis, two instances", () => {
  const clients: Redis[] = [];
  const prefix = `test:metrics-cache:${crypto.randomUUID()}:`;
  function pair(): [MetricsCache, MetricsCache] {
    const a = new Redis(redisUrl as string);
    const b = new Redis(redisUrl as string);
    clients.push(a, b);
    return [createMetricsCache({ redis: a, prefix, pollMs: 5 }), createMetricsCache({ redis: b, prefix, pollMs: 5 })];
  }
  afterAll(async () => {
    const [first] = clients;
    if (first) {
      const keys = await first.keys(`${prefix}*`);
      if (keys.length) await first.del(...keys);
    }
    await Promise.all(clients.map((c) => c.quit()));
  });

  it("answers one instance from what the other computed, Dates included", async () => {
    const [a, b] = pair();
    const c = counter();
    const first = await a.getOrCompute(key("org-shared"), 60, c.compute);
    const second = await b.getOrCompute(key("org-shared"), 60, c.compute);
    expect([first.hit, second.hit]).toEqual([false, true]);
    expect(second.value).toEqual(first.value);
    expect(second.value.at).toBeInstanceOf(Date);
    expect(second.generatedAt).toEqual(first.generatedAt);
    expect(c.calls).toBe(1);
  });

  it("computes a key once while both instances ask for it at the same time", async () => {
    const [a, b] = pair();
    const c = counter();
    const answers = await Promise.all([
      a.getOrCompute(key("org-race"), 60, c.slow(100)),
      b.getOrCompute(key("org-race"), 60, c.slow(100)),
      a.getOrCompute(key("org-race"), 60, c.slow(100)),
      b.getOrCompute(key("org-race"), 60, c.slow(100)),
    ]);
    expect(c.calls).toBe(1);
    expect(answers.map((x) => x.value)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }, { n: 1 }]);
  });

  it("sees an invalidation made on the other instance at once", async () => {
    const [a, b] = pair();
    const c = counter();
    await a.getOrCompute(key("org-inv", "dashboard"), 60, c.compute);
    await a.getOrCompute(key("org-inv", "activity"), 60, c.compute);
    expect(await b.invalidateOrganization("org-inv")).toBe(2);
    expect((await a.getOrCompute(key("org-inv"), 60, c.compute)).hit).toBe(false);
    expect((await b.getOrCompute(key("org-inv"), 60, c.compute)).hit).toBe(true);
  });

  it("drops, on an event's invalidation, the organization's answers and the named teachers' only", async () => {
    const [a] = pair();
    await expectNarrowInvalidation(a, "org-narrow");
  });

  it("sees a teacher's invalidation made on the other instance at once", async () => {
    const [a, b] = pair();
    const c = counter();
    await a.getOrCompute(teacherKey("t-9", "org-narrow-2"), 60, c.compute);
    await b.invalidateScopes("org-narrow-2", ["t-9"]);
    expect((await a.getOrCompute(teacherKey("t-9", "org-narrow-2"), 60, c.compute)).hit).toBe(false);
  });

  it("lets an answer expire with its TTL", async () => {
    const [a, b] = pair();
    const c = counter();
    await a.getOrCompute(key("org-ttl"), 0.2, c.compute);
    expect((await b.getOrCompute(key("org-ttl"), 0.2, c.compute)).hit).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await b.getOrCompute(key("org-ttl"), 0.2, c.compute)).hit).toBe(false);
    expect(c.calls).toBe(2);
  });

  it("lets a forced refresh on one instance wait for the other's running computation", async () => {
    const [a, b] = pair();
    const c = counter();
    const running = a.getOrCompute(key("org-force"), 60, c.slow(100));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const forced = await b.getOrCompute(key("org-force"), 60, c.slow(100), { force: true });
    await running;
    expect(c.calls).toBe(1);
    expect(forced).toMatchObject({ hit: false, value: { n: 1 } });
  });

  it("lets one waiter take over a lock held past its expiry, the other waiters waiting for its answer", async () => {
    const instances = Array.from({ length: 3 }, () => {
      const client = new Redis(redisUrl as string);
      clients.push(client);
      return createMetricsCache({ redis: client, prefix, pollMs: 5, lockMs: 100 });
    });
    const [holder, ...waiters] = instances as [MetricsCache, MetricsCache, MetricsCache];
    const c = counter();
    let holding = () => {};
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const stuck = holder.getOrCompute(key("org-stuck"), 60, () => {
      holding(); // the holder has the lock now
      return c.slow(300)();
    });
    await holds;
    const answers = await Promise.all(waiters.map((w) => w.getOrCompute(key("org-stuck"), 60, c.slow(10))));
    await stuck;
    expect(c.calls).toBe(2);
    expect(answers[0]?.value).toEqual(answers[1]?.value);
  });

  it("takes over when the instance holding the lock fails", async () => {
    const [a, b] = pair();
    let holding = () => {};
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const failing = a.getOrCompute(key("org-fail"), 60, async () => {
      holding(); // a holds the lock now
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("database down");
    });
    await holds;
    const other = b.getOrCompute(key("org-fail"), 60, async () => 42);
    await expect(failing).rejects.toThrow("database down");
    expect((await other).value).toBe(42);
  });
});
