import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayKey } from "../days";
import { engagementScore } from "../metrics/engagement";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import {
  addAssignment,
  addClass,
  addContent,
  addEvent,
  addRollup,
  addUser,
  ago,
  NOW,
  TODAY,
  testRuntime,
} from "./test-fixtures";
import { getTrend } from "./trend";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

const valueOn = (points: { date: string; value: number }[], day: Date) =>
  points.find((p) => p.date === dayKey(day))?.value;

describe("an organization's trend (admins, from the daily rollups)", () => {
  it("has one point per UTC day of the range, oldest first and today last", async () => {
    const admin = w.svc(await w.actor("a", "ADMIN"));
    for (const [range, days] of [
      ["7d", 7],
      ["30d", 30],
      ["90d", 90],
    ] as const) {
      const trend = await getTrend(admin, testRuntime(), { metric: "new_users", date_range: range });
      expect(trend.points).toHaveLength(days);
      expect(trend.points.at(-1)?.date).toBe(dayKey(TODAY));
      expect(trend.points[0]?.date).toBe(dayKey(addDays(TODAY, 1 - days)));
    }
  });

  it("reads each metric's counter and fills days without one with zeros", async () => {
    const admin = w.svc(await w.actor("a", "ADMIN"));
    await addRollup(w.t.db, w.orgs.a, "lesson_completed", TODAY, 3);
    await addRollup(w.t.db, w.orgs.a, "lesson_completed", ago(2), 5);
    await addRollup(w.t.db, w.orgs.a, "lesson_completed", ago(40), 7);
    const trend = await getTrend(admin, testRuntime(), { metric: "lessons_completed", date_range: "30d" });
    expect(valueOn(trend.points, TODAY)).toBe(3);
    expect(valueOn(trend.points, ago(2))).toBe(5);
    expect(valueOn(trend.points, ago(1))).toBe(0);
    expect(trend.total).toBe(8);
    expect(trend.average).toBe(Math.round((8 / 30) * 10) / 10);
    const longer = await getTrend(admin, testRuntime(), { metric: "lessons_completed", date_range: "90d" });
    expect(longer.total).toBe(15);
  });

  it("maps every counted trend to its rollup counter", async () => {
    const admin = w.svc(await w.actor("a", "ADMIN"));
    const counters = {
      daily_active_users: ["active_users", 11],
      new_users: ["users_created", 12],
      content_created: ["content_created", 13],
      content_published: ["content_published", 14],
      assessments_taken: ["quiz_submitted", 15],
    } as const;
    for (const [, [metric, value]] of Object.entries(counters))
      await addRollup(w.t.db, w.orgs.a, metric, ago(3), value);
    for (const [trend, [, value]] of Object.entries(counters)) {
      const answer = await getTrend(admin, testRuntime(), { metric: trend as keyof typeof counters, date_range: "7d" });
      expect(valueOn(answer.points, ago(3))).toBe(value);
    }
  });

  it("never counts another organization's rollups", async () => {
    await addRollup(w.t.db, w.orgs.b, "lesson_completed", ago(5), 100);
    const a = await getTrend(w.svc(await w.actor("a", "ADMIN")), testRuntime(), {
      metric: "lessons_completed",
      date_range: "7d",
    });
    const b = await getTrend(w.svc(await w.actor("b", "ADMIN")), testRuntime(), {
      metric: "lessons_completed",
      date_range: "7d",
    });
    expect(valueOn(a.points, ago(5))).toBe(0);
    expect(valueOn(b.points, ago(5))).toBe(100);
  });

  it("scores engagement per day with the dashboard's formula from that day's numbers", async () => {
    const admin = w.svc(await w.actor("a", "ADMIN"));
    // Four users before the week; on one day two of them active, one lesson, three quizzes.
    for (let i = 0; i < 4; i++) await addUser(w.t.db, w.orgs.a, "STUDENT", ago(30));
    const day = ago(4);
    await addRollup(w.t.db, w.orgs.a, "active_users", day, 2);
    await addRollup(w.t.db, w.orgs.a, "lesson_completed", day, 1);
    await addRollup(w.t.db, w.orgs.a, "quiz_submitted", day, 3);
    const trend = await getTrend(admin, testRuntime(), { metric: "engagement_score", date_range: "7d" });
    const expected = engagementScore({ activeUsers: 2, totalUsers: 4, lessonsCompleted: 1, assessmentsTaken: 3 });
    expect(expected).toBe(62.5);
    expect(valueOn(trend.points, day)).toBe(expected);
    expect(valueOn(trend.points, ago(6))).toBe(0);
  });

  it("gives the engagement score an average but no total (a score per day does not add up)", async () => {
    const admin = w.svc(await w.actor("a", "ADMIN"));
    const trend = await getTrend(admin, testRuntime(), { metric: "engagement_score", date_range: "30d" });
    expect(trend.total).toBeNull();
    const mean = trend.points.reduce((sum, p) => sum + p.value, 0) / trend.points.length;
    expect(trend.average).toBe(Math.round(mean * 10) / 10);
  });
});

describe("a teacher's trend (their classes' students and their own content)", () => {
  it("counts their students' activity and never another teacher's class", async () => {
    const org = w.orgs.a;
    const teacher = await w.newActor("a", "TEACHER");
    const other = await w.newActor("a", "TEACHER");
    const [s1, s2, s3] = await Promise.all([
      addUser(w.t.db, org, "STUDENT"),
      addUser(w.t.db, org, "STUDENT"),
      addUser(w.t.db, org, "STUDENT"),
    ]);
    const mine = await addAssignment(w.t.db, org, await addClass(w.t.db, org, teacher.userId, [s1.id, s2.id]));
    // s1 is in the other teacher's class too: their lessons there are not this teacher's.
    const theirs = await addAssignment(w.t.db, org, await addClass(w.t.db, org, other.userId, [s1.id, s3.id]));
    const inMine = { assignmentId: mine.id };
    await addEvent(w.t.db, org, s1.id, "lesson_completed", ago(0, -1), inMine);
    await addEvent(w.t.db, org, s2.id, "lesson_completed", ago(0, -2), inMine);
    await addEvent(w.t.db, org, s1.id, "lesson_completed", ago(1), inMine);
    await addEvent(w.t.db, org, s1.id, "lesson_completed", ago(0, -1), { assignmentId: theirs.id });
    await addEvent(w.t.db, org, s3.id, "lesson_completed", ago(0, -1), { assignmentId: theirs.id });
    const ctx = w.svc(teacher);
    const lessons = await getTrend(ctx, testRuntime(), { metric: "lessons_completed", date_range: "7d" });
    expect(valueOn(lessons.points, TODAY)).toBe(2);
    expect(valueOn(lessons.points, ago(1))).toBe(1);
    const active = await getTrend(ctx, testRuntime(), { metric: "daily_active_users", date_range: "7d" });
    expect(valueOn(active.points, TODAY)).toBe(2);
  });

  it("counts only the content the teacher wrote", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    const other = await w.newActor("a", "TEACHER");
    await addContent(w.t.db, w.orgs.a, teacher.userId, { createdAt: ago(2) });
    await addContent(w.t.db, w.orgs.a, other.userId, { createdAt: ago(2) });
    const trend = await getTrend(w.svc(teacher), testRuntime(), { metric: "content_created", date_range: "7d" });
    expect(valueOn(trend.points, ago(2))).toBe(1);
    expect(trend.total).toBe(1);
  });

  it("counts the students who joined the platform that day", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    const joined = await addUser(w.t.db, w.orgs.a, "STUDENT", ago(3));
    const outsider = await addUser(w.t.db, w.orgs.a, "STUDENT", ago(3));
    await addClass(w.t.db, w.orgs.a, teacher.userId, [joined.id]);
    expect(outsider.id).not.toBe(joined.id);
    const trend = await getTrend(w.svc(teacher), testRuntime(), { metric: "new_users", date_range: "7d" });
    expect(valueOn(trend.points, ago(3))).toBe(1);
  });
});

describe("caching and access", () => {
  it("answers from the cache until the organization's cache is invalidated", async () => {
    const admin = w.svc(await w.actor("b", "ADMIN"));
    const rt = testRuntime();
    const input = { metric: "assessments_taken", date_range: "30d" } as const;
    await addRollup(w.t.db, w.orgs.b, "quiz_submitted", ago(1), 4);
    expect((await getTrend(admin, rt, input)).total).toBe(4);
    await addRollup(w.t.db, w.orgs.b, "quiz_submitted", ago(2), 6);
    expect((await getTrend(admin, rt, input)).total).toBe(4);
    await rt.cache.invalidateOrganization(w.orgs.b);
    expect((await getTrend(admin, rt, input)).total).toBe(10);
  });

  it("keeps one answer per metric and range", async () => {
    const admin = w.svc(await w.actor("b", "ADMIN"));
    const rt = testRuntime();
    await addRollup(w.t.db, w.orgs.b, "content_created", ago(20), 9);
    const week = await getTrend(admin, rt, { metric: "content_created", date_range: "7d" });
    const month = await getTrend(admin, rt, { metric: "content_created", date_range: "30d" });
    const other = await getTrend(admin, rt, { metric: "content_published", date_range: "30d" });
    expect([week.total, month.total, other.total]).toEqual([0, 9, 0]);
    expect(rt.cache.stats()).toEqual({ hits: 0, misses: 3 });
  });

  it("refuses students and parents", async () => {
    for (const role of ["STUDENT", "PARENT"] as const) {
      const error = await domainErrorOf(
        getTrend(w.svc(await w.actor("a", role)), testRuntime(), { metric: "new_users", date_range: "7d" }),
      );
      expect(error.code).toBe("FORBIDDEN");
    }
  });
});

it("uses the runtime's clock for today", async () => {
  const admin = w.svc(await w.actor("a", "ADMIN"));
  const trend = await getTrend(admin, testRuntime(addDays(NOW, -10)), { metric: "new_users", date_range: "7d" });
  expect(trend.points.at(-1)?.date).toBe(dayKey(addDays(TODAY, -10)));
});
