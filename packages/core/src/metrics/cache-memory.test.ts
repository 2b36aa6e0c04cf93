// The metrics cache in memory is bounded: least recently used answers go past `maxEntries`,
// expired and invalidated ones are freed, and bounding the generations never serves a stale answer.
import { describe, expect, it } from "vitest";
import { createMetricsCache, type MetricsCacheKey } from "./cache";
import { memoryStore } from "./cache-memory";

const org = (endpoint: string, orgId = "org-1"): MetricsCacheKey => ({
  orgId,
  scope: { kind: "organization" },
  endpoint,
});
const teacher = (teacherId: string): MetricsCacheKey => ({
  orgId: "org-1",
  scope: { kind: "teacher", teacherId, classIds: [], studentIds: [] },
  endpoint: "dashboard",
});
const value = (n: number) => async () => n;

describe("the in-memory cache's bound", () => {
  it("keeps at most maxEntries answers, dropping the least recently used first", async () => {
    const cache = createMetricsCache({ maxEntries: 2 });
    await cache.getOrCompute(org("a"), 60, value(1));
    await cache.getOrCompute(org("b"), 60, value(2));
    expect((await cache.getOrCompute(org("a"), 60, value(0))).hit).toBe(true); // a is now the most recent
    await cache.getOrCompute(org("c"), 60, value(3));
    const hits = [
      (await cache.getOrCompute(org("a"), 60, value(0))).hit,
      (await cache.getOrCompute(org("c"), 60, value(0))).hit,
      (await cache.getOrCompute(org("b"), 60, value(0))).hit,
    ];
    expect(hits).toEqual([true, true, false]);
  });

  it("sweeps expired answers when it writes", async () => {
    let now = new Date("2026-12-01T10:00:00Z").getTime();
    const store = memoryStore(() => new Date(now), { maxEntries: 100 });
    for (const id of ["a", "b", "c"]) await store.computeOnce("org-1", "org", id, "0.0", 60, value(1), opts);
    now += 61_000;
    await store.computeOnce("org-1", "org", "d", "0.0", 60, value(1), opts);
    expect(store.size()).toBe(1);
  });

  it("frees invalidated answers at once, the organization's or a scope's", async () => {
    const store = memoryStore(() => new Date());
    await store.computeOnce("org-1", "org", "x", "0.0", 60, value(1), opts);
    await store.computeOnce("org-1", "teacher:t-1", "y", "0.0", 60, value(1), opts);
    await store.computeOnce("org-1", "teacher:t-2", "z", "0.0", 60, value(1), opts);
    await store.invalidateScopes("org-1", ["org", "teacher:t-1"]);
    expect(store.size()).toBe(1);
    await store.invalidate("org-1");
    expect(store.size()).toBe(0);
  });

  it("does not keep an answer whose scope was invalidated while it was computed", async () => {
    const cache = createMetricsCache();
    let release = () => {};
    const slow = cache.getOrCompute(org("dashboard"), 60, () => new Promise<number>((r) => (release = () => r(1))));
    await new Promise((r) => setTimeout(r, 5));
    await cache.invalidateScopes("org-1", []);
    release();
    expect((await slow).value).toBe(1);
    expect(await cache.getOrCompute(org("dashboard"), 60, value(2))).toMatchObject({ hit: false, value: 2 });
  });

  it("still invalidates the right answers after more scopes were invalidated than it keeps generations for", async () => {
    const cache = createMetricsCache({ maxEntries: 3 });
    for (let i = 0; i < 10; i++) await cache.invalidateScopes("org-1", [`t-${i}`]);
    await cache.getOrCompute(teacher("t-1"), 60, value(1));
    await cache.getOrCompute(teacher("t-2"), 60, value(1));
    await cache.invalidateScopes("org-1", ["t-1"]);
    expect((await cache.getOrCompute(teacher("t-1"), 60, value(2))).hit).toBe(false);
    expect((await cache.getOrCompute(teacher("t-2"), 60, value(2))).hit).toBe(true);
  });
});

const opts = { force: false, since: 0 };
