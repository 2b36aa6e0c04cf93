// A teacher's numbers when their students are also in other teachers' classes: the lessons,
// quizzes and scores of another teacher's assignments are not the teacher's, in the dashboard, the
// statistics and the activity feed; sign-ins (which name no class) are.
import { rebuildMetricRollups } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addClass, addContent, addUser, ago, testRuntime } from "../analytics/test-fixtures";
import { createDomainWorld, type DomainWorld } from "../testing";
import { getActivityMetrics } from "./activity";
import { getDashboardMetrics } from "./dashboard";
import { getStatistics } from "./statistics";

let w: DomainWorld;

/*
 * Organization A at NOW: STUDENT is in TEACHER's class and in another teacher's. In TEACHER's
 * class: a lesson completed 1 h ago and a quiz submitted (9/10) 2 h ago. In the other class: two
 * lessons 1 h ago and a quiz (3/10) 2 h ago, and the other class's assignment was updated. STUDENT
 * also signed in 30 min ago.
 */
beforeAll(async () => {
  w = await createDomainWorld();
  const db = w.t.db;
  const a = w.orgs.a;
  const { STUDENT: student, TEACHER: teacher } = w.users.a;
  await db.user.updateMany({ data: { createdAt: ago(60) } });
  const other = await addUser(db, a, "TEACHER", ago(60));
  const mine = await addClass(db, a, teacher.id, [student.id]);
  const theirs = await addClass(db, a, other.id, [student.id]);
  const assign = async (classId: string, by: string) =>
    db.assignment.create({
      data: {
        organizationId: a,
        classId,
        contentId: (await addContent(db, a, by, { createdAt: ago(20) })).id,
        assignedById: by,
      },
    });
  const own = await assign(mine.id, teacher.id);
  const foreign = await assign(theirs.id, other.id);
  const event = (type: string, at: Date, metadata: Record<string, string> = {}) =>
    db.activityEvent.create({ data: { organizationId: a, userId: student.id, type, createdAt: at, metadata } });
  await event("lesson_completed", ago(0, -1), { assignmentId: own.id });
  await event("quiz_submitted", ago(0, -2), { assignmentId: own.id });
  await event("lesson_completed", ago(0, -1), { assignmentId: foreign.id });
  await event("lesson_completed", ago(0, -1.5), { assignmentId: foreign.id });
  await event("quiz_submitted", ago(0, -2), { assignmentId: foreign.id });
  await event("assignment_updated", ago(0, -3), { assignmentId: foreign.id, classId: theirs.id });
  await event("sign_in", ago(0, -0.5));
  for (const [assignment, score] of [
    [own, 9],
    [foreign, 3],
  ] as const) {
    await db.attempt.create({
      data: {
        organizationId: a,
        assignmentId: assignment.id,
        studentId: student.id,
        number: 1,
        status: "SUBMITTED",
        score,
        maxScore: 10,
        startedAt: ago(0, -2),
        submittedAt: ago(0, -2),
      },
    });
  }
  await rebuildMetricRollups(db);
});
afterAll(() => w.t.close());

const teacherCtx = async () => w.svc(await w.actor("a", "TEACHER"));

describe("a teacher whose student is also in another teacher's class", () => {
  it("counts on the dashboard only the lessons and quizzes of their own classes' assignments", async () => {
    const dashboard = await getDashboardMetrics(await teacherCtx(), testRuntime(), { force_refresh: false });
    expect(dashboard.engagement_metrics).toMatchObject({ lessons_completed: 1, assessments_taken: 1 });
  });

  it("counts in the statistics only their own classes' lessons, quizzes and scores", async () => {
    const { statistics } = await getStatistics(await teacherCtx(), testRuntime(), { period: "week" });
    expect(statistics.lessons_completed.current).toBe(1);
    expect(statistics.assessments_taken.current).toBe(1);
    expect(statistics.average_score.current).toBe(90);
  });

  it("lists in the activity feed their own classes' events and sign-ins, not the other class's", async () => {
    const activity = await getActivityMetrics(await teacherCtx(), testRuntime());
    expect(activity.recent.map((r) => r.type)).toEqual(["sign_in", "lesson_completed", "quiz_submitted"]);
    expect(activity.by_type).toEqual([
      { type: "lesson_completed", count: 1 },
      { type: "quiz_submitted", count: 1 },
      { type: "sign_in", count: 1 },
    ]);
  });

  it("leaves an admin's numbers whole", async () => {
    const dashboard = await getDashboardMetrics(w.svc(await w.actor("a", "ADMIN")), testRuntime(), {
      force_refresh: false,
    });
    expect(dashboard.engagement_metrics).toMatchObject({ lessons_completed: 3, assessments_taken: 2 });
  });
});
