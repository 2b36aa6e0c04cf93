// The last 24 hours' activity and the period statistics on a known history: hour buckets, counts
// by type, the latest events, this period against the previous one; a teacher's classes only;
// another organization never.

import { rebuildMetricRollups } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addClass, addContent, addEvent, addUser, ago, NOW, testRuntime } from "../analytics/test-fixtures";
import { addDays, utcDay } from "../days";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { getActivityMetrics } from "./activity";
import { getStatistics } from "./statistics";

let w: DomainWorld;
let outsider: string;

/*
 * Organization A at NOW (today 12:00 UTC): STUDENT completes a lesson 1 h ago and submits a quiz
 * (score 8/10) 2 h ago; an outsider (in no class of TEACHER's) signs in 30 min ago; STUDENT
 * completed a lesson 3 days ago and submitted a quiz 9 days ago (6/10), both in the previous
 * week. TEACHER teaches STUDENT. Organization B: 5 events an hour ago.
 */
beforeAll(async () => {
  w = await createDomainWorld();
  const db = w.t.db;
  const a = w.orgs.a;
  const { STUDENT: student, TEACHER: teacher } = w.users.a;
  await db.user.updateMany({ data: { createdAt: ago(60) } });
  outsider = (await addUser(db, a, "STUDENT", ago(30), "Olive Outsider")).id;
  await addEvent(db, a, student.id, "lesson_completed", ago(0, -1));
  await addEvent(db, a, student.id, "quiz_submitted", ago(0, -2));
  await addEvent(db, a, outsider, "sign_in", ago(0, -0.5));
  await addEvent(db, a, student.id, "lesson_completed", ago(3));
  await addEvent(db, a, student.id, "quiz_submitted", ago(9));
  // An event in the future of NOW (the fixture clock) and one 25 hours ago: neither is in the last 24 hours.
  await addEvent(db, a, student.id, "sign_in", ago(0, 1));
  await addEvent(db, a, student.id, "sign_in", ago(1, -1));
  await addClass(db, a, teacher.id, [student.id]);
  const quiz = await addContent(db, a, teacher.id, { createdAt: ago(20) });
  const work = await db.assignment.create({
    data: {
      organizationId: a,
      classId: (await db.class.findFirstOrThrow({ where: { teacherId: teacher.id } })).id,
      contentId: quiz.id,
      assignedById: teacher.id,
    },
  });
  for (const [number, score, at] of [
    [1, 8, ago(0, -2)],
    [2, 6, ago(9)],
  ] as const) {
    await db.attempt.create({
      data: {
        organizationId: a,
        assignmentId: work.id,
        studentId: student.id,
        number,
        status: "SUBMITTED",
        score,
        maxScore: 10,
        startedAt: at,
        submittedAt: at,
      },
    });
  }
  for (let i = 0; i < 5; i++) await addEvent(db, w.orgs.b, w.users.b.STUDENT.id, "lesson_completed", ago(0, -1));
  await rebuildMetricRollups(db);
});
afterAll(() => w.t.close());

describe("the last 24 hours", () => {
  it("has 24 hour buckets ending with the current hour, counting events and distinct users", async () => {
    const activity = await getActivityMetrics(w.svc(await w.actor("a", "ADMIN")), testRuntime());
    expect(activity.hourly).toHaveLength(24);
    expect(activity.hourly.at(-1)?.hour).toEqual(NOW);
    expect(activity.hourly[0]?.hour).toEqual(new Date(NOW.getTime() - 23 * 3600_000));
    const at = (hoursAgo: number) =>
      activity.hourly.find((h) => h.hour.getTime() === NOW.getTime() - hoursAgo * 3600_000);
    // 11:00: STUDENT's lesson and the outsider's sign-in at 11:30
    expect(at(1)).toMatchObject({ events: 2, active_users: 2 });
    expect(at(2)).toMatchObject({ events: 1, active_users: 1 });
    expect(activity.hourly.reduce((s, h) => s + h.events, 0)).toBe(3);
  });

  it("counts events by type, most frequent first, and lists the latest with their users", async () => {
    const activity = await getActivityMetrics(w.svc(await w.actor("a", "ADMIN")), testRuntime());
    expect(activity.by_type).toEqual([
      { type: "lesson_completed", count: 1 },
      { type: "quiz_submitted", count: 1 },
      { type: "sign_in", count: 1 },
    ]);
    expect(activity.recent.map((r) => [r.type, r.user_name])).toEqual([
      ["sign_in", "Olive Outsider"],
      ["lesson_completed", "STUDENT A"],
      ["quiz_submitted", "STUDENT A"],
    ]);
  });

  it("shows a teacher only their students' activity", async () => {
    const activity = await getActivityMetrics(w.svc(await w.actor("a", "TEACHER")), testRuntime());
    expect(activity.scope).toEqual({ kind: "teacher", teacher_id: w.users.a.TEACHER.id });
    expect(activity.recent.map((r) => r.user_id)).not.toContain(outsider);
    expect(activity.by_type.map((t) => t.type)).toEqual(["lesson_completed", "quiz_submitted"]);
  });

  it("never shows another organization's events", async () => {
    const activity = await getActivityMetrics(w.svc(await w.actor("b", "ADMIN")), testRuntime());
    expect(activity.by_type).toEqual([{ type: "lesson_completed", count: 5 }]);
  });

  it("is cached for a minute", async () => {
    const rt = testRuntime();
    const admin = w.svc(await w.actor("a", "ADMIN"));
    await getActivityMetrics(admin, rt);
    const again = await getActivityMetrics(admin, rt);
    expect(again.cache_metadata).toMatchObject({ cache_hit: true, cache_ttl: 60 });
  });
});

describe("statistics per period", () => {
  it("compares the last 7 UTC days with the 7 before", async () => {
    const stats = await getStatistics(w.svc(await w.actor("a", "ADMIN")), testRuntime(), { period: "week" });
    expect(stats.start).toEqual(addDays(utcDay(NOW), -6));
    expect(stats.end).toEqual(NOW);
    expect(stats.statistics.lessons_completed).toEqual({ current: 2, previous: 0, change: null });
    expect(stats.statistics.assessments_taken).toEqual({ current: 1, previous: 1, change: 0 });
    expect(stats.statistics.average_score).toEqual({ current: 80, previous: 60, change: 33.3 });
    // STUDENT and the outsider this week (the future sign-in is today too); STUDENT the week before
    expect(stats.statistics.active_users).toEqual({ current: 2, previous: 1, change: 100 });
  });

  it("takes whole UTC days: today alone for a day", async () => {
    const stats = await getStatistics(w.svc(await w.actor("a", "ADMIN")), testRuntime(), { period: "day" });
    expect(stats.start).toEqual(utcDay(NOW));
    expect(stats.statistics.lessons_completed.current).toBe(1);
  });

  it("counts a teacher's students only", async () => {
    const stats = await getStatistics(w.svc(await w.actor("a", "TEACHER")), testRuntime(), { period: "week" });
    expect(stats.statistics.active_users.current).toBe(1);
    expect(stats.statistics.new_users.current).toBe(0);
    expect(stats.statistics.average_score.current).toBe(80);
  });

  it("keys the cache by period", async () => {
    const rt = testRuntime();
    const admin = w.svc(await w.actor("a", "ADMIN"));
    const week = await getStatistics(admin, rt, { period: "week" });
    const month = await getStatistics(admin, rt, { period: "month" });
    expect(week.cache_metadata.cache_key).toMatch(/:statistics:period=week$/);
    expect(month.cache_metadata.cache_hit).toBe(false);
  });

  it.each(["STUDENT", "PARENT"] as const)("refuses a %s", async (role) => {
    const error = await domainErrorOf(
      getStatistics(w.svc(await w.actor("a", role)), testRuntime(), { period: "week" }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });
});
