// The rollups stay exact: a realistic mix of actions driven through the real services keeps them
// incrementally, and rebuilding them from the source rows afterwards changes nothing.
import type { Database } from "@toolboxai/db";
import { rebuildMetricRollups } from "@toolboxai/db";
import { createAssignmentSchema, createContentSchema, createUserSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { createAssignment } from "../assignments/assignments";
import { startAttempt, submitAttempt } from "../assignments/attempts";
import { completeSection } from "../assignments/student";
import { recordActivity } from "../audit/audit";
import { addStudent, createClass } from "../classes/classes";
import { createContent } from "../content/content";
import { deleteContent, duplicateContent, publishContent, unpublishContent } from "../content/content-state";
import { type Actor, createDomainWorld, type DomainWorld } from "../testing";
import { createUser, deleteUser } from "../users/users";

let w: DomainWorld;

async function snapshot(db: Database) {
  const [metrics, days, users] = await Promise.all([
    db.metricDaily.findMany({
      select: { organizationId: true, metric: true, day: true, value: true },
      orderBy: [{ organizationId: "asc" }, { metric: "asc" }, { day: "asc" }],
    }),
    db.activeUserDay.findMany({
      select: { organizationId: true, userId: true, day: true, lastAt: true },
      orderBy: [{ organizationId: "asc" }, { day: "asc" }, { userId: "asc" }],
    }),
    db.user.findMany({ select: { id: true, lastActiveAt: true }, orderBy: { id: "asc" } }),
  ]);
  // A counter that went back to 0 (a user's last active day moved on) is the same as no row.
  return { metrics: metrics.filter((m) => m.value !== 0), days, users };
}

const lessonBody = {
  sections: [
    { id: "s1", heading: "Light", markdown: "Plants use light.", media: [] },
    { id: "s2", heading: "Sugar", markdown: "They make sugar.", media: [] },
  ],
};

/** One school's week in an afternoon: users, content, classes, lessons and quizzes. */
async function driveActions(org: "a" | "b", admin: Actor, teacher: Actor) {
  const students: Actor[] = [await w.actor(org, "STUDENT")];
  for (let i = 0; i < 3; i++) {
    const { user } = await createUser(
      w.svc(admin),
      createUserSchema.parse({
        name: `Pupil ${org}${i}`,
        email: `pupil-${org}-${i}@rollups.test`,
        role: "STUDENT",
        password: "",
      }),
    );
    const actor = await loadActor(w.t.db, user.id);
    if (actor) students.push(actor);
  }
  const t = w.svc(teacher);
  const lesson = await createContent(
    t,
    createContentSchema.parse({
      type: "LESSON",
      title: "Photosynthesis",
      subject: "Science",
      gradeLevel: "7",
      body: lessonBody,
    }),
  );
  await publishContent(t, { contentId: lesson.id });
  const quiz = await createContent(
    t,
    createContentSchema.parse({
      type: "QUIZ",
      title: "Photosynthesis quiz",
      subject: "Science",
      gradeLevel: "7",
      body: { instructions: "", draw: null },
    }),
  );
  const question = await w.t.db.question.create({
    data: {
      organizationId: w.orgs[org],
      ownerId: teacher.userId,
      type: "TRUE_FALSE",
      prompt: "Plants make sugar.",
      answer: { value: true },
    },
  });
  await w.t.db.quizQuestion.create({
    data: { organizationId: w.orgs[org], quizId: quiz.id, questionId: question.id, position: 0 },
  });
  await publishContent(t, { contentId: quiz.id });
  const copy = await duplicateContent(t, { contentId: lesson.id });
  await publishContent(t, { contentId: copy.id });
  await unpublishContent(t, { contentId: copy.id });
  await deleteContent(t, { contentId: copy.id });

  const cls = await createClass(t, { name: `Biology ${org}`, subject: "Science", gradeLevel: "7" });
  for (const s of students) await addStudent(t, { classId: cls.id, studentId: s.userId });
  const lessonWork = await createAssignment(t, createAssignmentSchema.parse({ classId: cls.id, contentId: lesson.id }));
  const quizWork = await createAssignment(t, createAssignmentSchema.parse({ classId: cls.id, contentId: quiz.id }));
  for (const [i, s] of students.entries()) {
    const ctx = w.svc(s);
    await completeSection(ctx, { assignmentId: lessonWork.id, sectionId: "s1" });
    if (i % 2 === 0) await completeSection(ctx, { assignmentId: lessonWork.id, sectionId: "s2" });
    const attempt = await startAttempt(ctx, { assignmentId: quizWork.id });
    await submitAttempt(ctx, { attemptId: attempt.attemptId, responses: { [question.id]: { value: i % 2 === 0 } } });
  }
  const leaving = students.at(-1);
  if (leaving) await deleteUser(w.svc(admin), { userId: leaving.userId });
}

beforeAll(async () => {
  w = await createDomainWorld();
  // The world's users were written straight to the database: count them once from the source rows.
  await rebuildMetricRollups(w.t.db);
  for (const org of ["a", "b"] as const)
    await driveActions(org, await w.actor(org, "ADMIN"), await w.actor(org, "TEACHER"));
});
afterAll(() => w.t.close());

describe("the rollups kept as actions happen", () => {
  it("count the day's events, active users, new users and new content", async () => {
    const rows = await w.t.db.metricDaily.findMany({ where: { organizationId: w.orgs.a } });
    const value = (metric: string) => rows.filter((r) => r.metric === metric).reduce((s, r) => s + r.value, 0);
    expect(value("lesson_completed")).toBe(2);
    expect(value("quiz_submitted")).toBe(4);
    expect(value("content_created")).toBe(3);
    expect(value("content_published")).toBe(3);
    expect(value("users_created")).toBe(7);
    expect(value("users_deleted")).toBe(1);
    // the teacher, the admin (who deleted someone: no activity event) does not count; 4 students
    expect(value("active_users")).toBe(5);
  });

  it("are exactly what a rebuild from the source rows computes", async () => {
    const kept = await snapshot(w.t.db);
    await rebuildMetricRollups(w.t.db);
    const rebuilt = await snapshot(w.t.db);
    expect(rebuilt.metrics).toEqual(kept.metrics);
    expect(rebuilt.days).toEqual(kept.days);
    expect(rebuilt.users).toEqual(kept.users);
  });

  it("move a user's last active day when they come back, as a rebuild would count it", async () => {
    const parent = await w.actor("a", "PARENT");
    const yesterday = new Date(Date.now() - 86_400_000);
    await w.t.db.activityEvent.create({
      data: { organizationId: w.orgs.a, userId: parent.userId, type: "sign_in", createdAt: yesterday },
    });
    await rebuildMetricRollups(w.t.db, w.orgs.a);
    await recordActivity(w.svc(parent), "sign_in");
    const lastActive = await w.t.db.metricDaily.findMany({
      where: { organizationId: w.orgs.a, metric: "last_active" },
      orderBy: { day: "asc" },
    });
    expect(
      lastActive.find((r) => r.day.toISOString().slice(0, 10) === yesterday.toISOString().slice(0, 10))?.value,
    ).toBe(0);
    const kept = await snapshot(w.t.db);
    await rebuildMetricRollups(w.t.db);
    expect(await snapshot(w.t.db)).toEqual(kept);
  });

  it("rebuild one organization without touching the other's", async () => {
    const before = await snapshot(w.t.db);
    await w.t.db.metricDaily.updateMany({ where: { organizationId: w.orgs.b }, data: { value: 999 } });
    await rebuildMetricRollups(w.t.db, w.orgs.a);
    const after = await w.t.db.metricDaily.findMany({ where: { organizationId: w.orgs.b } });
    expect(after.every((r) => r.value === 999)).toBe(true);
    await rebuildMetricRollups(w.t.db, w.orgs.b);
    expect(await snapshot(w.t.db)).toEqual(before);
  });
});
