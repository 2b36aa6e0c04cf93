// The metrics endpoints over real HTTP (the app's /api/v1 route module behind node:http): who may
// read them, whose numbers they are (an admin's organization, a teacher's classes, never another
// organization's), the cache (a hit, a forced refresh, invalidation by the events that change the
// numbers and by POST /metrics/invalidate-cache) and the period validation. The exports and the
// limits have files of their own (metrics-exports.test.ts, metrics-limits.test.ts).
import type { World } from "@toolboxai/api/testing";
import type {
  ActivityMetrics as ActivityOutput,
  DashboardMetrics as DashboardOutput,
  Statistics as StatisticsOutput,
} from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CASES } from "./cases";
import { ANONYMOUS, type Credential, call, type Reply } from "./client";
import { operation } from "./document";
import { expectStatus, problemOf } from "./expectations";
import { freshAttempt, freshContent } from "./rows";
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

/** A shape as JSON carries it: dates as ISO strings. */
type OnTheWire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends object ? OnTheWire<T[K]> : T[K] };
type DashboardMetrics = OnTheWire<DashboardOutput>;
type ActivityMetrics = OnTheWire<ActivityOutput>;
type Statistics = OnTheWire<StatisticsOutput>;

const DASHBOARD = operation("GET /metrics/dashboard");
const INVALIDATE = operation("POST /metrics/invalidate-cache");

/** The numbers of a dashboard, without what changes from one computation to the next. */
function numbers(d: DashboardMetrics) {
  return {
    user_metrics: d.user_metrics,
    content_metrics: d.content_metrics,
    engagement_metrics: d.engagement_metrics,
    trends: d.trends,
  };
}

async function dashboard(credential: Credential, force = false): Promise<DashboardMetrics> {
  const res = await call(DASHBOARD, { force_refresh: force }, credential);
  expectStatus(DASHBOARD, res, 200);
  return res.json as DashboardMetrics;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

describe("who may read the metrics", () => {
  const STAFF_OPERATIONS = [
    "GET /metrics/dashboard",
    "GET /metrics/activity",
    "GET /metrics/statistics",
    "POST /metrics/export",
    "GET /analytics/trends/{metric}",
    "GET /analytics/cohorts",
    "GET /analytics/export/{format}",
    "GET /classes/{classId}/analytics",
    "GET /classes/{classId}/analytics/export/{format}",
  ];

  for (const name of STAFF_OPERATIONS) {
    it(`${name} answers an admin's and a teacher's session`, async () => {
      const op = operation(name);
      const input = await CASES[name]?.input(rw.w, "a");
      for (const role of ["ADMIN", "TEACHER"] as const) {
        expectStatus(op, await call(op, input, rw.sessions[role]), op.successStatus);
      }
    });

    it(`${name} refuses students and parents (403), a key without metrics:read (403) and no credential (401)`, async () => {
      const op = operation(name);
      const input = await CASES[name]?.input(rw.w, "a");
      for (const role of ["STUDENT", "PARENT"] as const) {
        const res = await call(op, input, rw.sessions[role]);
        expectStatus(op, res, 403);
        expect(problemOf(res).code).toBe("FORBIDDEN");
      }
      const lacking = await call(op, input, rw.lacking["metrics:read"].TEACHER as Credential);
      expectStatus(op, lacking, 403);
      expect(problemOf(lacking).detail).toContain("metrics:read");
      expectStatus(op, await call(op, input, ANONYMOUS), 401);
    });
  }

  it("POST /metrics/invalidate-cache answers an admin and refuses a teacher, a student and a parent (403)", async () => {
    expectStatus(INVALIDATE, await call(INVALIDATE, undefined, rw.sessions.ADMIN), 200);
    for (const role of ["TEACHER", "STUDENT", "PARENT"] as const) {
      const res = await call(INVALIDATE, undefined, rw.sessions[role]);
      expectStatus(INVALIDATE, res, 403);
    }
    expectStatus(INVALIDATE, await call(INVALIDATE, undefined, ANONYMOUS), 401);
  });
});

describe("GET /metrics/dashboard", () => {
  it("answers an admin the organization's numbers under the documented snake_case names, with 7 days of trends", async () => {
    const d = await dashboard(rw.keys.ADMIN, true);
    expect(d.organization_id).toBe(rw.w.orgs.a);
    expect(d.scope).toEqual({ kind: "organization", teacher_id: null });
    expect(Object.keys(d.user_metrics).sort()).toEqual(
      ["active_users", "growth_rate", "new_users_today", "total_users", "user_retention"].sort(),
    );
    for (const series of Object.values(d.trends)) {
      expect(series).toHaveLength(7);
      expect(series.at(-1)?.date).toBe(todayUtc());
    }
    expect(d.cache_metadata.cache_ttl).toBe(900);
    expect(d.engagement_metrics.engagement_score).toBeGreaterThanOrEqual(0);
    expect(d.engagement_metrics.engagement_score).toBeLessThanOrEqual(100);
  });

  it("answers a teacher the numbers of their own classes, cached apart from the admin's", async () => {
    const teacher = await dashboard(rw.keys.TEACHER, true);
    const admin = await dashboard(rw.keys.ADMIN);
    expect(teacher.scope).toEqual({ kind: "teacher", teacher_id: rw.w.users.a.TEACHER.id });
    expect(teacher.cache_metadata.cache_key).toContain(rw.w.orgs.a);
    expect(teacher.cache_metadata.cache_key).toContain(`teacher:${rw.w.users.a.TEACHER.id}`);
    expect(teacher.cache_metadata.cache_key).not.toBe(admin.cache_metadata.cache_key);
  });

  it("serves the second request from the cache, and recomputes on force_refresh=true", async () => {
    const forced = await dashboard(rw.keys.ADMIN, true);
    expect(forced.cache_metadata.cache_hit).toBe(false);
    const cached = await dashboard(rw.keys.ADMIN);
    expect(cached.cache_metadata.cache_hit).toBe(true);
    expect(cached.cache_metadata.generated_at).toBe(forced.cache_metadata.generated_at);
    expect(cached.cache_metadata.cache_key).toBe(forced.cache_metadata.cache_key);

    const again = await dashboard(rw.keys.ADMIN, true);
    expect(again.cache_metadata.cache_hit).toBe(false);
    expect(Date.parse(again.cache_metadata.generated_at)).toBeGreaterThanOrEqual(
      Date.parse(forced.cache_metadata.generated_at),
    );
    const after = await dashboard(rw.keys.ADMIN);
    expect(after.cache_metadata).toMatchObject({ cache_hit: true, generated_at: again.cache_metadata.generated_at });
  });

  it("never counts another organization's users, content or quizzes", async () => {
    const before = await dashboard(rw.keys.ADMIN, true);
    const w = rw.w;
    const bAdmin = w.caller(await w.actor("b", "ADMIN"));
    await bAdmin.users.create({ name: "Other School Kid", email: `other-kid-${Date.now()}@b.test`, role: "STUDENT" });
    const item = await freshContent(w, "b");
    await w.caller(await w.actor("b", "TEACHER")).content.publish({ contentId: item.id });
    const { attemptId } = await freshAttempt(w, "b");
    await w.caller(await w.actor("b", "STUDENT")).assignments.submitAttempt({ attemptId });

    const after = await dashboard(rw.keys.ADMIN, true);
    expect(numbers(after)).toEqual(numbers(before));
  });

  it("never counts another teacher's classes in a teacher's numbers", async () => {
    const w = rw.w;
    const before = await dashboard(rw.keys.TEACHER, true);
    const adminBefore = await dashboard(rw.keys.ADMIN, true);
    const colleague = w.caller(await w.newActor("a", "TEACHER", "Colleague"));
    const item = await colleague.content.create({
      type: "LESSON",
      title: "The colleague's lesson",
      subject: "Science",
      gradeLevel: "7",
      body: { sections: [{ id: "s1", heading: "Intro", markdown: "Hello", media: [] }] },
    });
    await colleague.content.publish({ contentId: item.id });

    const after = await dashboard(rw.keys.TEACHER, true);
    const adminAfter = await dashboard(rw.keys.ADMIN, true);
    expect(after.content_metrics).toEqual(before.content_metrics);
    expect(adminAfter.content_metrics.published_content).toBe(adminBefore.content_metrics.published_content + 1);
  });
});

describe("invalidation", () => {
  /** The admin's dashboard, freshly cached (the next plain request is a hit). */
  async function cachedDashboard(): Promise<DashboardMetrics> {
    const d = await dashboard(rw.keys.ADMIN, true);
    expect((await dashboard(rw.keys.ADMIN)).cache_metadata.cache_hit).toBe(true);
    return d;
  }

  it("a quiz submitted through the API drops the cached dashboard, and the new one counts it", async () => {
    const before = await cachedDashboard();
    const { attemptId } = await freshAttempt(rw.w, "a");
    const submit = operation("POST /attempts/{attemptId}/submit");
    expectStatus(submit, await call(submit, { attemptId }, rw.tokens.STUDENT), 200);

    const after = await dashboard(rw.keys.ADMIN);
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.engagement_metrics.assessments_taken).toBe(before.engagement_metrics.assessments_taken + 1);
  });

  it("content published through the API drops the cached dashboard, and the new one counts it", async () => {
    const before = await cachedDashboard();
    const item = await freshContent(rw.w, "a");
    const publish = operation("POST /content/{contentId}/publish");
    expectStatus(publish, await call(publish, { contentId: item.id }, rw.tokens.TEACHER), 200);

    const after = await dashboard(rw.keys.ADMIN);
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.content_metrics.published_content).toBe(before.content_metrics.published_content + 1);
  });

  it("a user created through the API drops the cached dashboard, and the new one counts them", async () => {
    const before = await cachedDashboard();
    const create = operation("POST /users");
    const input = { name: "New Student", email: `metrics-new-${Date.now()}@a.test`, role: "STUDENT" };
    expectStatus(create, await call(create, input, rw.tokens.ADMIN), 201);

    const after = await dashboard(rw.keys.ADMIN);
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.user_metrics.total_users).toBe(before.user_metrics.total_users + 1);
    expect(after.user_metrics.new_users_today).toBe(before.user_metrics.new_users_today + 1);
  });

  it("POST /metrics/invalidate-cache drops the organization's answers, the admin's and its teachers'", async () => {
    await cachedDashboard();
    await dashboard(rw.keys.TEACHER, true);
    const res = await call(INVALIDATE, undefined, rw.keys.ADMIN);
    expectStatus(INVALIDATE, res, 200);
    expect(res.json).toMatchObject({ organization_id: rw.w.orgs.a });
    expect((res.json as { invalidated: number }).invalidated).toBeGreaterThanOrEqual(2);

    expect((await dashboard(rw.keys.ADMIN)).cache_metadata.cache_hit).toBe(false);
    expect((await dashboard(rw.keys.TEACHER)).cache_metadata.cache_hit).toBe(false);
  });

  it("POST /metrics/invalidate-cache by a teacher is refused and drops nothing", async () => {
    await cachedDashboard();
    const res = await call(INVALIDATE, undefined, rw.tokens.TEACHER);
    expectStatus(INVALIDATE, res, 403);
    expect((await dashboard(rw.keys.ADMIN)).cache_metadata.cache_hit).toBe(true);
  });
});

describe("GET /metrics/statistics", () => {
  const STATISTICS = operation("GET /metrics/statistics");

  for (const period of ["day", "week", "month", "quarter", "year"]) {
    it(`compares this ${period} with the one before`, async () => {
      const res = await call(STATISTICS, { period }, rw.keys.TEACHER);
      expectStatus(STATISTICS, res, 200);
      const stats = res.json as Statistics;
      expect(stats.period).toBe(period);
      expect(Date.parse(stats.start)).toBeLessThan(Date.parse(stats.end));
      expect(stats.cache_metadata.cache_ttl).toBe(300);
    });
  }

  it("answers 400 for ?period=decade, naming the field and the periods it takes", async () => {
    const res = await call(STATISTICS, { period: "decade" }, rw.keys.TEACHER);
    expectStatus(STATISTICS, res, 400);
    const error = problemOf(res).errors?.find((e) => e.pointer === "/period");
    expect(error?.detail).toContain('"day", "week", "month", "quarter", "year"');
  });

  it("answers a null average score, not 0, for periods without a submitted quiz", async () => {
    const newcomer = await rw.w.newActor("a", "TEACHER", "Newcomer");
    const res = await call(
      STATISTICS,
      { period: "day" },
      { kind: "session", userId: newcomer.userId, label: "newcomer" },
    );
    expectStatus(STATISTICS, res, 200);
    expect((res.json as Statistics).statistics.average_score).toEqual({ current: null, previous: null, change: null });
  });

  it("lists the periods it takes once, as the exact values", async () => {
    const res = await call(STATISTICS, { period: "decade" }, rw.keys.TEACHER);
    const error = problemOf(res).errors?.find((e) => e.pointer === "/period");
    expect(error?.detail).toBe('Choose one of: "day", "week", "month", "quarter", "year"');
  });
});

describe("GET /metrics/activity", () => {
  const ACTIVITY = operation("GET /metrics/activity");

  it("answers the last 24 hours, cached for a minute", async () => {
    const res: Reply = await call(ACTIVITY, undefined, rw.keys.ADMIN);
    expectStatus(ACTIVITY, res, 200);
    const activity = res.json as ActivityMetrics;
    expect(activity.organization_id).toBe(rw.w.orgs.a);
    expect(activity.cache_metadata.cache_ttl).toBe(60);
    const first = Date.parse(activity.hourly[0]?.hour ?? "");
    expect(Date.now() - first).toBeLessThanOrEqual(25 * 60 * 60 * 1000);
  });

  it("lists only the organization's own people among the latest events", async () => {
    const w = rw.w;
    await w.caller(await w.actor("b", "TEACHER")).content.publish({ contentId: (await freshContent(w, "b")).id });
    await call(INVALIDATE, undefined, rw.keys.ADMIN);
    const res = await call(ACTIVITY, undefined, rw.keys.ADMIN);
    const ours = new Set((await w.scoped("a").user.findMany({ select: { id: true } })).map((u) => u.id));
    const strangers = (res.json as ActivityMetrics).recent.filter((e) => e.user_id !== null && !ours.has(e.user_id));
    expect(strangers).toEqual([]);
  });
});
