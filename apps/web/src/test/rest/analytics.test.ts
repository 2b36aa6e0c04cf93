// The analytics endpoints over real HTTP: a metric's daily trend, the weekly cohorts, and one
// class's results for its teacher (another teacher's class is not found, an admin sees any), with
// their inputs validated. Who may call them at all is in metrics.test.ts; the exports in
// metrics-exports.test.ts.
import type { World } from "@toolboxai/api/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call } from "./client";
import { operation } from "./document";
import { expectStatus, invalidFields, problemOf } from "./expectations";
import { freshClass, freshSubmittedAttempt } from "./rows";
import { type RestWorld, startRestWorld } from "./world";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("./http-server");
  return {
    ...(await importOriginal<typeof import("next-auth")>()),
    getServerSession: async () => {
      const id = sessionScope.getStore();
      return id ? { user: { id } } : null;
    },
  };
});
vi.mock("~/server/db", () => ({ getDb: () => holder.db }));

const route = await import("~/app/api/v1/[...path]/route");

let rw: RestWorld;
beforeAll(async () => {
  rw = await startRestWorld(route, (w: World) => {
    holder.db = w.t.db;
  });
});
afterAll(() => rw?.close());

const TREND = operation("GET /analytics/trends/{metric}");
const COHORTS = operation("GET /analytics/cohorts");
const CLASS = operation("GET /classes/{classId}/analytics");

const todayUtc = () => new Date().toISOString().slice(0, 10);

type CacheMetadata = { cache_ttl: number; cache_hit: boolean; cache_key: string };

describe("GET /analytics/trends/{metric}", () => {
  it.each([
    ["7d", 7],
    ["30d", 30],
    ["90d", 90],
  ])("answers one point per UTC day over %s, today last", async (range, days) => {
    const res = await call(TREND, { metric: "new_users", date_range: range }, rw.keys.ADMIN);
    expectStatus(TREND, res, 200);
    const trend = res.json as { metric: string; points: { date: string; value: number }[]; total: number };
    expect(trend.metric).toBe("new_users");
    expect(trend.points).toHaveLength(days);
    expect(trend.points.at(-1)?.date).toBe(todayUtc());
    expect(trend.total).toBe(trend.points.reduce((sum, p) => sum + p.value, 0));
  });

  it("answers no total for engagement_score (a score, not a count), only its average", async () => {
    const res = await call(TREND, { metric: "engagement_score", date_range: "7d" }, rw.keys.ADMIN);
    expectStatus(TREND, res, 200);
    const trend = res.json as { total: number | null; average: number };
    expect(trend.total).toBeNull();
    expect(typeof trend.average).toBe("number");
  });

  it("says in cache_metadata whether the answer came from the cache", async () => {
    const input = { metric: "content_created", date_range: "30d" };
    const first = (await call(TREND, input, rw.keys.TEACHER)).json as { cache_metadata: CacheMetadata };
    const second = (await call(TREND, input, rw.keys.TEACHER)).json as { cache_metadata: CacheMetadata };
    expect(first.cache_metadata).toMatchObject({ cache_ttl: 300, cache_hit: false });
    expect(second.cache_metadata).toMatchObject({
      cache_ttl: 300,
      cache_hit: true,
      cache_key: first.cache_metadata.cache_key,
    });
  });

  it("answers 400 for an unknown metric, listing the ones it has", async () => {
    const res = await call(TREND, { metric: "weather" }, rw.keys.ADMIN);
    expectStatus(TREND, res, 400);
    expect(invalidFields(res)).toContain("metric");
    expect(problemOf(res).detail).toContain('"daily_active_users"');
  });
});

describe("GET /analytics/cohorts", () => {
  it("answers the number of weekly cohorts asked for, the latest last", async () => {
    const res = await call(COHORTS, { weeks: 3 }, rw.keys.ADMIN);
    expectStatus(COHORTS, res, 200);
    const { cohorts } = res.json as { cohorts: { week: string; size: number; retention: number[] }[] };
    expect(cohorts).toHaveLength(3);
    const weeks = cohorts.map((c) => c.week);
    expect([...weeks].sort()).toEqual(weeks);
    expect(new Date(`${weeks[0]}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it("answers an empty retention for a week nobody joined, not 0%", async () => {
    const newcomer = await rw.w.newActor("a", "TEACHER", "Cohortless");
    const res = await call(COHORTS, { weeks: 2 }, { kind: "session", userId: newcomer.userId, label: "newcomer" });
    expectStatus(COHORTS, res, 200);
    const { cohorts } = res.json as { cohorts: { size: number; retention: number[] }[] };
    const empty = cohorts.filter((c) => c.size === 0);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.map((c) => c.retention)).toEqual(empty.map(() => []));
  });

  it("carries cache_metadata, a hit the second time", async () => {
    await call(COHORTS, { weeks: 5 }, rw.keys.ADMIN);
    const res = await call(COHORTS, { weeks: 5 }, rw.keys.ADMIN);
    expect((res.json as { cache_metadata: CacheMetadata }).cache_metadata).toMatchObject({
      cache_ttl: 300,
      cache_hit: true,
    });
  });

  it.each([["0"], ["27"], ["many"]])("answers 400 naming weeks for ?weeks=%s", async (weeks) => {
    const res = await call(COHORTS, { weeks }, rw.keys.ADMIN);
    expectStatus(COHORTS, res, 400);
    expect(invalidFields(res)).toContain("weeks");
  });
});

describe("GET /classes/{classId}/analytics", () => {
  it("answers the class's teacher its results, counting a submitted quiz", async () => {
    const { attemptId } = await freshSubmittedAttempt(rw.w, "a");
    const attempt = await rw.w.scoped("a").attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { assignment: { select: { classId: true } } },
    });
    const res = await call(CLASS, { classId: attempt.assignment.classId, date_range: "7d" }, rw.keys.TEACHER);
    expectStatus(CLASS, res, 200);
    const body = res.json as {
      class: { id: string; students: number };
      completion: { completed: number }[];
      score_distribution: { count: number }[];
    };
    expect(body.class).toMatchObject({ id: attempt.assignment.classId, students: 1 });
    expect(body.completion.map((c) => c.completed)).toEqual([1]);
    expect(body.score_distribution).toHaveLength(10);
    expect(body.score_distribution.reduce((sum, b) => sum + b.count, 0)).toBe(1);
  });

  it("answers 404 to a teacher for a colleague's class, and an admin its results", async () => {
    const w = rw.w;
    const colleague = await w.newActor("a", "TEACHER", "Colleague");
    const cls = await freshClass(w, "a");
    await w.scoped("a").class.update({ where: { id: cls.id }, data: { teacherId: colleague.userId } });

    const refused = await call(CLASS, { classId: cls.id }, rw.keys.TEACHER);
    expectStatus(CLASS, refused, 404);
    expect(problemOf(refused).code).toBe("NOT_FOUND");
    expectStatus(CLASS, await call(CLASS, { classId: cls.id }, rw.keys.ADMIN), 200);
  });
});
