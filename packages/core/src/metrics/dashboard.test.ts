// The dashboard's numbers on a known history (written at chosen times, then rolled up exactly by
// rebuildMetricRollups): an admin's organization, a teacher's classes, and who may not ask.
import type { Database } from "@toolboxai/db";
import { rebuildMetricRollups } from "@toolboxai/db";
import type { DashboardMetrics } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addClass, addContent, addEvent, addUser, ago, NOW, TODAY, testRuntime } from "../analytics/test-fixtures";
import { addDays, dayKey } from "../days";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { getDashboardMetrics } from "./dashboard";

let w: DomainWorld;
let admin: DashboardMetrics;
let teacher: DashboardMetrics;

async function addSession(db: Database, organizationId: string, userId: string, createdAt: Date, minutes: number) {
  await db.session.create({
    data: {
      organizationId,
      userId,
      createdAt,
      lastSeenAt: new Date(createdAt.getTime() + minutes * 60_000),
      expiresAt: addDays(createdAt, 1),
    },
  });
}

/*
 * Organization A at NOW (today 12:00 UTC):
 *   users: the world's 4 (joined 60 days ago), s2 (joined 2 h ago), s3 (3 days ago), s4 (10 days
 *          ago), another teacher (60 days ago), and a user deleted yesterday: 8 users
 *   STUDENT: lesson completed 1 h ago, quiz submitted 2 h ago; s2: signed in 30 min ago;
 *   s3: lesson completed 25 h ago; TEACHER: published something 20 days ago
 *   content: the teacher's published quiz (2 days ago) and draft (today), the admin's generated
 *            lesson (today), a deleted item (40 days ago)
 *   sessions: STUDENT 30 min (yesterday), s2 10 min (today); one generation task of 12 s
 *   classes: TEACHER teaches STUDENT and s3; another teacher teaches s2
 * Organization B: a student busy all day, who must never count in A.
 */
beforeAll(async () => {
  w = await createDomainWorld();
  const db = w.t.db;
  const a = w.orgs.a;
  for (const role of ["ADMIN", "TEACHER", "STUDENT", "PARENT"] as const) {
    await db.user.update({ where: { id: w.users.a[role].id }, data: { createdAt: ago(60) } });
  }
  const s2 = await addUser(db, a, "STUDENT", ago(0, -2));
  const s3 = await addUser(db, a, "STUDENT", ago(3));
  await addUser(db, a, "STUDENT", ago(10));
  const gone = await addUser(db, a, "STUDENT", ago(60));
  await db.user.update({ where: { id: gone.id }, data: { deletedAt: ago(1) } });
  const otherTeacher = await addUser(db, a, "TEACHER", ago(60));
  const { STUDENT: student, TEACHER: t, ADMIN: ad } = w.users.a;

  const lessons = [
    await addEvent(db, a, student.id, "lesson_completed", ago(0, -1)),
    await addEvent(db, a, student.id, "quiz_submitted", ago(0, -2)),
  ];
  await addEvent(db, a, s2.id, "sign_in", ago(0, -0.5));
  lessons.push(await addEvent(db, a, s3.id, "lesson_completed", ago(1, -1)));
  await addEvent(db, a, t.id, "content_published", ago(20));

  await addContent(db, a, t.id, { createdAt: ago(2) });
  const draft = await addContent(db, a, t.id, { createdAt: ago(0, -3) });
  await db.contentItem.update({ where: { id: draft.id }, data: { status: "DRAFT", publishedAt: null } });
  const generated = await addContent(db, a, ad.id, { type: "LESSON", createdAt: ago(0, -4) });
  await db.contentItem.update({ where: { id: generated.id }, data: { status: "GENERATED", publishedAt: null } });
  const deleted = await addContent(db, a, t.id, { createdAt: ago(40) });
  await db.contentItem.update({ where: { id: deleted.id }, data: { deletedAt: ago(5) } });

  await addSession(db, a, student.id, ago(1), 30);
  await addSession(db, a, s2.id, ago(0, -2), 10);
  await db.agentTask.create({
    data: {
      organizationId: a,
      createdById: t.id,
      request: {},
      provider: "offline",
      model: "test",
      status: "COMPLETED",
      queuedAt: ago(1),
      finishedAt: new Date(ago(1).getTime() + 12_000),
    },
  });
  const own = await addClass(db, a, t.id, [student.id, s3.id]);
  // The lessons and quizzes are work on an assignment of TEACHER's class.
  const work = await db.assignment.create({
    data: { organizationId: a, classId: own.id, contentId: draft.id, assignedById: t.id },
  });
  await db.activityEvent.updateMany({
    where: { id: { in: lessons.map((e) => e.id) } },
    data: { metadata: { assignmentId: work.id } },
  });
  await addClass(db, a, otherTeacher.id, [s2.id]);

  const b = w.orgs.b;
  for (let i = 0; i < 5; i++) {
    await addEvent(db, b, w.users.b.STUDENT.id, "lesson_completed", ago(0, -i - 1));
    await addEvent(db, b, w.users.b.STUDENT.id, "quiz_submitted", ago(0, -i - 1));
  }
  await addUser(db, b, "STUDENT", ago(0, -1));
  await addContent(db, b, w.users.b.TEACHER.id, { createdAt: ago(0, -1) });

  await rebuildMetricRollups(db);
  admin = await getDashboardMetrics(w.svc(await w.actor("a", "ADMIN")), testRuntime(), { force_refresh: false });
  teacher = await getDashboardMetrics(w.svc(await w.actor("a", "TEACHER")), testRuntime(), { force_refresh: false });
});
afterAll(() => w.t.close());

describe("an admin's dashboard (the whole organization)", () => {
  it("says whose numbers these are and when they were taken", () => {
    expect(admin.organization_id).toBe(w.orgs.a);
    expect(admin.scope).toEqual({ kind: "organization", teacher_id: null });
    expect(admin.timestamp).toEqual(NOW);
  });

  it("counts users: total without the deleted, active in 24 hours, joined today, weekly growth", () => {
    expect(admin.user_metrics).toMatchObject({
      total_users: 8,
      active_users: 2,
      new_users_today: 1,
      // 2 joined in the last 7 days (s2, s3) against 1 in the 7 before (s4)
      growth_rate: 100,
    });
  });

  it("measures retention as the share of users older than 30 days active in the last 30", () => {
    // ADMIN, TEACHER, STUDENT, PARENT and the other teacher joined 60 days ago; STUDENT and TEACHER were active since
    expect(admin.user_metrics.user_retention).toBe(40);
  });

  it("counts content by status, without deleted items, and what was created today", () => {
    expect(admin.content_metrics).toMatchObject({
      total_content: 3,
      published_content: 1,
      draft_content: 2,
      content_created_today: 2,
      avg_generation_time: 12,
    });
  });

  it("counts engagement over the last 7 days", () => {
    expect(admin.engagement_metrics).toMatchObject({
      daily_active_users: 2,
      avg_session_duration: 20,
      lessons_completed: 2,
      assessments_taken: 1,
    });
  });

  it("scores engagement with the documented formula", () => {
    // 3 active user-days over 7 days among 8 users; 2 lessons and 1 quiz over those 3
    const reach = 3 / 7 / 8;
    const expected = Math.round(100 * (0.5 * reach + 0.25 * (2 / 3) + 0.25 * (1 / 3)) * 10) / 10;
    expect(admin.engagement_metrics.engagement_score).toBe(expected);
  });

  it("draws 7 days of trends, oldest first, today last", () => {
    const dates = admin.trends.daily_active_users.map((p) => p.date);
    expect(dates).toEqual(Array.from({ length: 7 }, (_, i) => dayKey(addDays(TODAY, i - 6))));
    expect(admin.trends.daily_active_users.map((p) => p.value)).toEqual([0, 0, 0, 0, 0, 1, 2]);
    expect(admin.trends.content_created.map((p) => p.value)).toEqual([0, 0, 0, 0, 1, 0, 2]);
    // today: 2 of 8 active, 1 lesson and 1 quiz for 2 active users
    expect(admin.trends.engagement_score.at(-1)?.value).toBe(
      Math.round(100 * (0.5 * (2 / 8) + 0.25 * 0.5 + 0.25 * 0.5) * 10) / 10,
    );
  });

  it("never counts another organization's users, events or content", async () => {
    const b = await getDashboardMetrics(w.svc(await w.actor("b", "ADMIN")), testRuntime(), { force_refresh: false });
    expect(b.user_metrics.total_users).toBe(5);
    expect(b.engagement_metrics.lessons_completed).toBe(5);
    expect(admin.engagement_metrics.lessons_completed).toBe(2);
    expect(admin.content_metrics.total_content).toBe(3);
  });

  it("carries the system numbers and the cache's metadata", () => {
    expect(admin.system_metrics.database_connections).toBe(1);
    expect(admin.cache_metadata).toEqual({
      generated_at: NOW,
      cache_ttl: 900,
      cache_key: `metrics:v1:${w.orgs.a}:org:dashboard:`,
      cache_hit: false,
    });
  });
});

describe("a teacher's dashboard (their classes)", () => {
  it("names the teacher and keys the cache by them and their roster", () => {
    const id = w.users.a.TEACHER.id;
    expect(teacher.scope).toEqual({ kind: "teacher", teacher_id: id });
    expect(teacher.cache_metadata.cache_key).toMatch(
      new RegExp(`^metrics:v1:${w.orgs.a}:teacher:${id}:r=[\\w-]{12}:dashboard:$`),
    );
  });

  it("counts only the teacher and the students of their classes", () => {
    // TEACHER, STUDENT, s3; s2 is in another teacher's class
    expect(teacher.user_metrics).toMatchObject({
      total_users: 3,
      active_users: 1,
      new_users_today: 0,
      growth_rate: null,
    });
    expect(teacher.engagement_metrics).toMatchObject({
      daily_active_users: 1,
      lessons_completed: 2,
      assessments_taken: 1,
      avg_session_duration: 30,
    });
  });

  it("counts only the teacher's own content and generation tasks", () => {
    expect(teacher.content_metrics).toMatchObject({
      total_content: 2,
      published_content: 1,
      draft_content: 1,
      content_created_today: 1,
      avg_generation_time: 12,
    });
  });
});

describe("who may see metrics", () => {
  it.each(["STUDENT", "PARENT"] as const)("refuses a %s", async (role) => {
    const ctx = w.svc(await w.actor("a", role));
    const error = await domainErrorOf(getDashboardMetrics(ctx, testRuntime(), { force_refresh: false }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Metrics are for teachers and admins.");
  });
});
