// The two ways a trend is counted agree: an organization's (the daily rollups, kept as events
// happen and rebuilt from the source rows) and a teacher's (the source rows), on a day whose
// activity all comes from one teacher's class, worked through the real services; and a 7-day trend
// is the dashboard's.

import { rebuildMetricRollups } from "@toolboxai/db";
import { createAssignmentSchema, type TrendMetric } from "@toolboxai/validators";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAssignment } from "../assignments/assignments";
import { completeSection } from "../assignments/student";
import { dayKey, utcDay } from "../days";
import { getDashboardMetrics } from "../metrics/dashboard";
import { type Actor, createDomainWorld, type DomainWorld } from "../testing";
import { addClass, addContent, testRuntime } from "./test-fixtures";
import { getTrend } from "./trend";

let w: DomainWorld;
let teacher: Actor;
const today = dayKey(utcDay(new Date()));

beforeAll(async () => {
  w = await createDomainWorld();
  teacher = await w.actor("a", "TEACHER");
  const students = [await w.actor("a", "STUDENT"), await w.newActor("a", "STUDENT")];
  const cls = await addClass(
    w.t.db,
    w.orgs.a,
    teacher.userId,
    students.map((s) => s.userId),
  );
  const lesson = await addContent(w.t.db, w.orgs.a, teacher.userId, { type: "LESSON", createdAt: new Date() });
  const work = await createAssignment(
    w.svc(teacher),
    createAssignmentSchema.parse({ classId: cls.id, contentId: lesson.id }),
  );
  for (const s of students) {
    for (const sectionId of ["s1", "s2"]) await completeSection(w.svc(s), { assignmentId: work.id, sectionId });
  }
});
afterAll(() => w.t.close());

const counted: TrendMetric[] = ["daily_active_users", "lessons_completed", "content_created"];

async function todays(ctx: ReturnType<DomainWorld["svc"]>, metric: TrendMetric) {
  const trend = await getTrend(ctx, testRuntime(new Date()), { metric, date_range: "7d" });
  return trend.points.find((p) => p.date === today)?.value;
}

it("counts the day's events in the organization's rollups as they happen", async () => {
  const admin = w.svc(await w.actor("a", "ADMIN"));
  expect(await todays(admin, "lessons_completed")).toBe(2);
  expect(await todays(admin, "daily_active_users")).toBe(3);
});

it("gives the same numbers from the rebuilt rollups as from the teacher's source rows", async () => {
  await rebuildMetricRollups(w.t.db, w.orgs.a);
  const admin = w.svc(await w.actor("a", "ADMIN"));
  const mine = w.svc(teacher);
  for (const metric of counted) {
    expect({ metric, value: await todays(admin, metric) }).toEqual({ metric, value: await todays(mine, metric) });
  }
  expect(await todays(mine, "content_created")).toBe(1);
});

it("draws the same 7-day trends as the dashboard, for the organization and for the teacher", async () => {
  for (const ctx of [w.svc(await w.actor("a", "ADMIN")), w.svc(teacher)]) {
    const rt = testRuntime(new Date());
    const dashboard = await getDashboardMetrics(ctx, rt, { force_refresh: false });
    for (const metric of ["daily_active_users", "content_created", "engagement_score"] as const) {
      const trend = await getTrend(ctx, rt, { metric, date_range: "7d" });
      expect({ metric, points: trend.points }).toEqual({ metric, points: dashboard.trends[metric] });
    }
  }
});
