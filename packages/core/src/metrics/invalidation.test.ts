// The cached numbers follow the events that change them: a counted action clears the
// organization's answers (and only its own), the dashboards are told over realtime (at most once
// per window), a forced refresh recomputes, and admins can clear the cache by hand.
import {
  channels,
  createContentSchema,
  createUserSchema,
  realtimeEvents,
  updateContentSchema,
} from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addClass, testRuntime } from "../analytics/test-fixtures";
import { recordActivity } from "../audit/audit";
import { createContent, updateContent } from "../content/content";
import type { ServiceContext } from "../context";
import type { RealtimePublisher } from "../realtime/publisher";
import { type Actor, createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { createUser } from "../users/users";
import { createMetricsCache } from "./cache";
import { getDashboardMetrics } from "./dashboard";
import { NOTIFY_WINDOW_MS } from "./events";
import { invalidateMetricsCache } from "./invalidate";
import type { MetricsRuntime } from "./runtime";

let w: DomainWorld;
const sent: { channel: string; event: string; data: unknown }[] = [];
const realtime: RealtimePublisher = {
  trigger(to, event, data) {
    for (const channel of typeof to === "string" ? [to] : to) sent.push({ channel, event, data });
  },
  stats: () => ({ sent: 0, failed: 0, skipped: 0 }),
  flush: async () => undefined,
};

beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

/** A runtime on the real clock (the services stamp rows with it) and the context its cache is in. */
function setup(): { rt: MetricsRuntime; ctx: (actor: Actor) => ServiceContext } {
  const rt: MetricsRuntime = { cache: createMetricsCache(), system: testRuntime().system };
  return { rt, ctx: (actor) => ({ ...w.svc(actor), metricsCache: rt.cache, realtime }) };
}

const lesson = (title: string) =>
  createContentSchema.parse({
    type: "LESSON",
    title,
    subject: "Science",
    gradeLevel: "7",
    body: { sections: [{ id: "s1", heading: "Light", markdown: "Plants use light.", media: [] }] },
  });

describe("invalidation by events", () => {
  it("recomputes the dashboard after content is created, with the new item counted", async () => {
    const { rt, ctx } = setup();
    const admin = ctx(await w.actor("a", "ADMIN"));
    const before = await getDashboardMetrics(admin, rt, { force_refresh: false });
    expect((await getDashboardMetrics(admin, rt, { force_refresh: false })).cache_metadata.cache_hit).toBe(true);
    await createContent(ctx(await w.actor("a", "TEACHER")), lesson("Cells"));
    const after = await getDashboardMetrics(admin, rt, { force_refresh: false });
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.content_metrics.content_created_today).toBe(before.content_metrics.content_created_today + 1);
  });

  it("recomputes after a user is created", async () => {
    const { rt, ctx } = setup();
    const admin = ctx(await w.actor("a", "ADMIN"));
    const before = await getDashboardMetrics(admin, rt, { force_refresh: false });
    await createUser(
      admin,
      createUserSchema.parse({ name: "New Pupil", email: "new.pupil@inv.test", role: "STUDENT" }),
    );
    const after = await getDashboardMetrics(admin, rt, { force_refresh: false });
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.user_metrics.total_users).toBe(before.user_metrics.total_users + 1);
  });

  it("keeps the cache when an event changes no number (an active user's uncounted action)", async () => {
    const { rt, ctx } = setup();
    const teacher = ctx(await w.actor("a", "TEACHER"));
    const item = await createContent(teacher, lesson("Atoms"));
    const admin = ctx(await w.actor("a", "ADMIN"));
    await getDashboardMetrics(admin, rt, { force_refresh: false });
    await updateContent(
      teacher,
      updateContentSchema.parse({
        ...lesson("Atoms and molecules"),
        contentId: item.id,
        expectedVersion: item.version,
      }),
    );
    expect((await getDashboardMetrics(admin, rt, { force_refresh: false })).cache_metadata.cache_hit).toBe(true);
  });

  it("recomputes when a user becomes active for the first time today", async () => {
    const { rt, ctx } = setup();
    const admin = ctx(await w.actor("a", "ADMIN"));
    const before = await getDashboardMetrics(admin, rt, { force_refresh: false });
    const parent = ctx(await w.actor("a", "PARENT"));
    await recordActivity(parent, "sign_in");
    const after = await getDashboardMetrics(admin, rt, { force_refresh: false });
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.engagement_metrics.daily_active_users).toBe(before.engagement_metrics.daily_active_users + 1);
  });

  it("leaves another organization's cached numbers alone", async () => {
    const { rt, ctx } = setup();
    const adminB = ctx(await w.actor("b", "ADMIN"));
    await getDashboardMetrics(adminB, rt, { force_refresh: false });
    await createContent(ctx(await w.actor("a", "TEACHER")), lesson("Rocks"));
    expect((await getDashboardMetrics(adminB, rt, { force_refresh: false })).cache_metadata.cache_hit).toBe(true);
  });

  it("tells the organization's dashboards once, then once more at the end of the window", async () => {
    const { ctx } = setup();
    const teacher = ctx(await w.actor("b", "TEACHER"));
    const mine = () =>
      sent.filter(
        (s) => s.channel === channels.orgDashboard(w.orgs.b) && (s.data as { what: string }).what === "metrics",
      );
    await createContent(teacher, lesson("Rain"));
    await createContent(teacher, lesson("Snow"));
    await createContent(teacher, lesson("Hail"));
    expect(mine()).toEqual([
      { channel: channels.orgDashboard(w.orgs.b), event: realtimeEvents.dashboardChanged, data: { what: "metrics" } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, NOTIFY_WINDOW_MS + 200));
    expect(mine()).toHaveLength(2);
  });
});

describe("invalidation of teachers' answers", () => {
  it("keeps another teacher's cached dashboard when a teacher creates content", async () => {
    const { rt, ctx } = setup();
    const other = ctx(await w.newActor("a", "TEACHER", "Other Teacher"));
    await getDashboardMetrics(other, rt, { force_refresh: false });
    await createContent(ctx(await w.actor("a", "TEACHER")), lesson("Volcanoes"));
    expect((await getDashboardMetrics(other, rt, { force_refresh: false })).cache_metadata.cache_hit).toBe(true);
  });

  it("recomputes the acting teacher's own dashboard after they create content", async () => {
    const { rt, ctx } = setup();
    const teacher = ctx(await w.newActor("a", "TEACHER", "Busy Teacher"));
    const before = await getDashboardMetrics(teacher, rt, { force_refresh: false });
    await createContent(teacher, lesson("Tides"));
    const after = await getDashboardMetrics(teacher, rt, { force_refresh: false });
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.content_metrics.total_content).toBe(before.content_metrics.total_content + 1);
  });

  it("recomputes the dashboard of a student's teacher, and no other teacher's, when the student is active", async () => {
    const { rt, ctx } = setup();
    const theirs = await w.newActor("a", "TEACHER", "Class Teacher");
    const other = ctx(await w.newActor("a", "TEACHER", "Unrelated Teacher"));
    const student = await w.newActor("a", "STUDENT", "Keen Pupil");
    await addClass(w.t.db, w.orgs.a, theirs.userId, [student.userId]);
    const before = await getDashboardMetrics(ctx(theirs), rt, { force_refresh: false });
    await getDashboardMetrics(other, rt, { force_refresh: false });
    await recordActivity(ctx(student), "sign_in");
    const after = await getDashboardMetrics(ctx(theirs), rt, { force_refresh: false });
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.engagement_metrics.daily_active_users).toBe(before.engagement_metrics.daily_active_users + 1);
    expect((await getDashboardMetrics(other, rt, { force_refresh: false })).cache_metadata.cache_hit).toBe(true);
  });

  it("answers a teacher afresh once a student joins their class, with the student counted", async () => {
    const { rt, ctx } = setup();
    const teacher = await w.newActor("a", "TEACHER", "Growing Teacher");
    const before = await getDashboardMetrics(ctx(teacher), rt, { force_refresh: false });
    const student = await w.newActor("a", "STUDENT", "New Joiner");
    await addClass(w.t.db, w.orgs.a, teacher.userId, [student.userId]);
    const after = await getDashboardMetrics(ctx(teacher), rt, { force_refresh: false });
    expect(after.cache_metadata.cache_hit).toBe(false);
    expect(after.user_metrics.total_users).toBe(before.user_metrics.total_users + 1);
  });
});

describe("forced refresh", () => {
  it("recomputes a cached dashboard and caches the new answer", async () => {
    const { rt, ctx } = setup();
    const admin = ctx(await w.actor("a", "ADMIN"));
    const first = await getDashboardMetrics(admin, rt, { force_refresh: false });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const forced = await getDashboardMetrics(admin, rt, { force_refresh: true });
    expect(forced.cache_metadata.cache_hit).toBe(false);
    expect(forced.cache_metadata.generated_at.getTime()).toBeGreaterThan(first.cache_metadata.generated_at.getTime());
    const next = await getDashboardMetrics(admin, rt, { force_refresh: false });
    expect(next.cache_metadata).toMatchObject({ cache_hit: true, generated_at: forced.cache_metadata.generated_at });
  });
});

describe("invalidation by an admin", () => {
  it("drops the organization's cached answers and says how many", async () => {
    const { rt, ctx } = setup();
    const admin = ctx(await w.actor("a", "ADMIN"));
    await getDashboardMetrics(admin, rt, { force_refresh: false });
    await getDashboardMetrics(ctx(await w.actor("a", "TEACHER")), rt, { force_refresh: false });
    expect(await invalidateMetricsCache(admin, rt)).toEqual({ organization_id: w.orgs.a, invalidated: 2 });
    expect((await getDashboardMetrics(admin, rt, { force_refresh: false })).cache_metadata.cache_hit).toBe(false);
  });

  it.each(["TEACHER", "STUDENT", "PARENT"] as const)("refuses a %s", async (role) => {
    const { rt, ctx } = setup();
    const error = await domainErrorOf(invalidateMetricsCache(ctx(await w.actor("a", role)), rt));
    expect(error.code).toBe("FORBIDDEN");
  });
});
