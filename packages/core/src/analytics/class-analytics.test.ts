// One class's analytics on a class worked through the real services: a two-section lesson (one
// student finished, one halfway, one not started) and a two-question quiz (two submitted, one
// started), the quiz drafted by a generation task aligned to MS-LS2-3, one question tagged MS-LS1-6.
import { createAssignmentSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssignment } from "../assignments/assignments";
import { startAttempt, submitAttempt } from "../assignments/attempts";
import { completeSection, openLesson } from "../assignments/student";
import { dayKey } from "../days";
import { type Actor, createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { getClassAnalytics } from "./class-analytics";
import { addClass, addContent, ago, NOW, TODAY } from "./test-fixtures";

let w: DomainWorld;
let teacher: Actor;
let classId: string;
let quizId: string;
let q1: string;
let q2: string;

async function assign(by: Actor, cls: string, contentId: string) {
  return createAssignment(w.svc(by), createAssignmentSchema.parse({ classId: cls, contentId }));
}

async function submit(student: Actor, assignmentId: string, answers: Record<string, boolean>) {
  const attempt = await startAttempt(w.svc(student), { assignmentId });
  const responses = Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, { value }]));
  return submitAttempt(w.svc(student), { attemptId: attempt.attemptId, responses });
}

beforeAll(async () => {
  w = await createDomainWorld();
  const org = w.orgs.a;
  const db = w.t.db;
  teacher = await w.newActor("a", "TEACHER");
  const [s1, s2, s3] = await Promise.all([1, 2, 3].map((n) => w.newActor("a", "STUDENT", `Student ${n}`)));
  if (!s1 || !s2 || !s3) throw new Error("no students");
  classId = (await addClass(db, org, teacher.userId, [s1.userId, s2.userId, s3.userId], "Bio, period 3")).id;

  const lesson = await addContent(db, org, teacher.userId, { type: "LESSON", title: "Cells" });
  const task = await db.agentTask.create({
    data: {
      organizationId: org,
      createdById: teacher.userId,
      request: { topic: "Ecosystems", standards: ["MS-LS2-3"] },
      provider: "offline",
      model: "test",
      status: "COMPLETED",
    },
  });
  const quiz = await addContent(db, org, teacher.userId, {
    type: "QUIZ",
    title: "Ecosystems quiz",
    agentTaskId: task.id,
  });
  quizId = quiz.id;
  const question = (prompt: string, tags: string[]) =>
    db.question.create({
      data: { organizationId: org, ownerId: teacher.userId, type: "TRUE_FALSE", prompt, answer: { value: true }, tags },
    });
  q1 = (await question("Cells make energy?", ["ms-ls1-6", "cells"])).id;
  q2 = (await question("Energy flows in cycles?", ["photosynthesis", "unit-3"])).id;
  await db.quizQuestion.createMany({
    data: [q1, q2].map((questionId, position) => ({ organizationId: org, quizId: quiz.id, questionId, position })),
  });

  const lessonWork = await assign(teacher, classId, lesson.id);
  const quizWork = await assign(teacher, classId, quiz.id);
  for (const section of ["s1", "s2"])
    await completeSection(w.svc(s1), { assignmentId: lessonWork.id, sectionId: section });
  await openLesson(w.svc(s2), { assignmentId: lessonWork.id });
  await completeSection(w.svc(s2), { assignmentId: lessonWork.id, sectionId: "s1" });
  await submit(s1, quizWork.id, { [q1]: true, [q2]: true });
  await submit(s2, quizWork.id, { [q1]: true, [q2]: false });
  await startAttempt(w.svc(s3), { assignmentId: quizWork.id });
});
afterAll(() => w.t.close());

describe("a class's analytics", () => {
  it("counts completion per assignment over the enrolled students", async () => {
    const a = await getClassAnalytics(w.svc(teacher), { classId, date_range: "30d" }, { now: NOW });
    expect(a.class).toEqual({ id: classId, name: "Bio, period 3", students: 3 });
    expect(a.completion.map(({ assignment_id: _, due_at: __, ...c }) => c)).toEqual([
      { title: "Cells", type: "LESSON", completed: 1, in_progress: 1, not_started: 1, completion_rate: 33.3 },
      { title: "Ecosystems quiz", type: "QUIZ", completed: 2, in_progress: 1, not_started: 0, completion_rate: 66.7 },
    ]);
  });

  it("puts each submitted score in one of ten buckets", async () => {
    const a = await getClassAnalytics(w.svc(teacher), { classId, date_range: "30d" }, { now: NOW });
    expect(a.score_distribution).toHaveLength(10);
    expect(a.score_distribution[0]).toEqual({ bucket: "0-9%", min: 0, max: 9, count: 0 });
    expect(a.score_distribution[5]).toEqual({ bucket: "50-59%", min: 50, max: 59, count: 1 });
    expect(a.score_distribution[9]).toEqual({ bucket: "90-100%", min: 90, max: 100, count: 1 });
    expect(a.score_distribution.reduce((s, b) => s + b.count, 0)).toBe(2);
  });

  it("gives each question's answers and correct rate, hardest first, with its standards", async () => {
    const a = await getClassAnalytics(w.svc(teacher), { classId, date_range: "30d" }, { now: NOW });
    expect(a.by_question).toEqual([
      {
        question_id: q2,
        prompt: "Energy flows in cycles?",
        type: "TRUE_FALSE",
        answers: 2,
        correct_rate: 50,
        standards: ["MS-LS2-3"],
      },
      {
        question_id: q1,
        prompt: "Cells make energy?",
        type: "TRUE_FALSE",
        answers: 2,
        correct_rate: 100,
        standards: ["MS-LS1-6", "MS-LS2-3"],
      },
    ]);
  });

  it("groups the questions by standard: the generation request's and the standard-code tags", async () => {
    const a = await getClassAnalytics(w.svc(teacher), { classId, date_range: "30d" }, { now: NOW });
    expect(a.by_standard).toEqual([
      { standard: "MS-LS1-6", questions: 1, answers: 2, correct_rate: 100 },
      { standard: "MS-LS2-3", questions: 2, answers: 4, correct_rate: 75 },
    ]);
  });

  it("has one point per day of the range with the submissions and their mean score", async () => {
    const a = await getClassAnalytics(w.svc(teacher), { classId, date_range: "7d" }, { now: NOW });
    expect(a.trends).toHaveLength(7);
    expect(a.trends.at(-1)).toEqual({ date: dayKey(TODAY), submissions: 2, average_score: 75 });
    expect(a.trends[0]).toEqual({ date: dayKey(ago(6)), submissions: 0, average_score: null });
  });

  it("counts only the attempts submitted in the range", async () => {
    const a = await getClassAnalytics(
      w.svc(teacher),
      { classId, date_range: "7d" },
      { now: new Date(NOW.getTime() + 8 * 86_400_000) },
    );
    expect(a.score_distribution.every((b) => b.count === 0)).toBe(true);
    expect(a.by_question).toEqual([]);
    expect(a.completion[1]).toMatchObject({ completed: 2 });
  });

  it("never counts another class's attempts at the same quiz", async () => {
    const other = await w.newActor("a", "TEACHER");
    const outsider = await w.newActor("a", "STUDENT");
    const otherClass = await addClass(w.t.db, w.orgs.a, other.userId, [outsider.userId]);
    const work = await assign(other, otherClass.id, quizId);
    await submit(outsider, work.id, { [q1]: false, [q2]: false });
    const a = await getClassAnalytics(w.svc(teacher), { classId, date_range: "30d" }, { now: NOW });
    expect(a.score_distribution[0]?.count).toBe(0);
    expect(a.by_question.map((q) => q.answers)).toEqual([2, 2]);
  });
});

describe("who may see a class's analytics", () => {
  it("lets an admin of the organization see any class", async () => {
    const a = await getClassAnalytics(w.svc(await w.actor("a", "ADMIN")), { classId, date_range: "30d" }, { now: NOW });
    expect(a.class.id).toBe(classId);
  });

  it("answers another teacher's class as not found", async () => {
    const other = await w.newActor("a", "TEACHER");
    const error = await domainErrorOf(getClassAnalytics(w.svc(other), { classId, date_range: "30d" }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("answers another organization's class as not found, even to its admin", async () => {
    const error = await domainErrorOf(
      getClassAnalytics(w.svc(await w.actor("b", "ADMIN")), { classId, date_range: "30d" }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });

  it("refuses students and parents", async () => {
    for (const role of ["STUDENT", "PARENT"] as const) {
      const error = await domainErrorOf(
        getClassAnalytics(w.svc(await w.actor("a", role)), { classId, date_range: "30d" }),
      );
      expect(error.code).toBe("FORBIDDEN");
    }
  });
});
