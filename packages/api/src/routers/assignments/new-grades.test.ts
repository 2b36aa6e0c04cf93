// New grades: the badge in a student's navigation counts graded attempts whose results they have
// not opened. A result handed back on submit is seen at once; a regrade that changes the score
// makes it new again; opening the result (assignments.markResultSeen) clears it.

import type { Actor } from "@toolboxai/core";
import { countNewGrades, markResultSeen } from "@toolboxai/core";
import type { QuestionInput } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let student: Actor;
let classmate: Actor;
let classId: string;
let assignmentId: string;
let questionId: string;
let attemptId: string;

/** "How many legs does an insect have?" with the key `value`, one point. */
const legs = (value: number, tolerance = 0): QuestionInput => ({
  type: "NUMERIC",
  prompt: "How many legs does an insect have?",
  answer: { value, tolerance },
  points: 1,
});

const teacher = async () => w.caller(await w.actor("a", "TEACHER"));
const badge = () => w.caller(student).assignments.newGradeCount();
const myQuiz = async () => (await w.caller(student).assignments.mine()).find((a) => a.id === assignmentId);

/** The teacher changes the key and regrades every answer with `policy`. */
async function rekey(value: number, tolerance = 0, policy: "REGRADE_ALL" | "KEEP_SCORES" = "REGRADE_ALL") {
  await (await teacher()).questions.update({ questionId, ...legs(value, tolerance), regradePolicy: policy });
}

/** A student takes the quiz once, answering `answer`. */
async function takeQuiz(who: Actor, answer: number) {
  const caller = w.caller(who);
  const player = await caller.assignments.startAttempt({ assignmentId });
  return caller.assignments.submitAttempt({
    attemptId: player.attemptId,
    responses: { [questionId]: { number: answer } },
  });
}

beforeAll(async () => {
  w = await createWorld();
  student = await w.actor("a", "STUDENT");
  classmate = await w.newActor("a", "STUDENT", "Classmate A");
  const t = await teacher();
  const cls = await t.classes.create({ name: "Biology", subject: "Science", gradeLevel: "7" });
  classId = cls.id;
  await w.caller(student).classes.join({ code: cls.joinCode ?? "" });
  await w.caller(classmate).classes.join({ code: cls.joinCode ?? "" });
  // The key is wrong (4): the students answer 6 and get 0 until the teacher fixes it.
  questionId = (await t.questions.create(legs(4))).id;
  const quiz = await w.scoped("a").contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: w.users.a.TEACHER.id,
      type: "QUIZ",
      title: "Insects quiz",
      subject: "Science",
      gradeLevel: "7",
      body: { instructions: "", draw: null },
      status: "PUBLISHED",
    },
  });
  await w.scoped("a").quizQuestion.create({
    data: { organizationId: w.orgs.a, quizId: quiz.id, questionId, position: 0 },
  });
  assignmentId = (await t.assignments.create({ classId, contentId: quiz.id, maxAttempts: 3 })).id;
});
afterAll(() => w.t.close());

describe("new grades", () => {
  it("starts at none", async () => {
    expect(await badge()).toEqual({ count: 0 });
  });

  it("a result handed back on submit is already seen: no badge, nothing flagged", async () => {
    const result = await takeQuiz(student, 6);
    attemptId = result.attemptId;
    expect(result).toMatchObject({ score: 0, newGrade: false });
    expect(await badge()).toEqual({ count: 0 });
    expect((await myQuiz())?.newGrade).toBe(false);
  });

  it("a regrade that changes the score makes the grade new: counted, and flagged on the assignment, the class page and the result", async () => {
    await rekey(6);
    expect(await badge()).toEqual({ count: 1 });
    expect((await myQuiz())?.newGrade).toBe(true);
    const page = await w.caller(student).classes.forStudent({ classId });
    expect(page.assignments.find((a) => a.id === assignmentId)?.newGrade).toBe(true);
    const opened = await w.caller(student).assignments.attempt({ attemptId });
    expect(opened).toMatchObject({ kind: "result", result: { score: 1, newGrade: true } });
  });

  it("reading the result does not clear it by itself; marking it seen does, and returns the new count", async () => {
    await w.caller(student).assignments.attempt({ attemptId });
    expect(await badge()).toEqual({ count: 1 });
    expect(await w.caller(student).assignments.markResultSeen({ attemptId })).toEqual({ count: 0 });
    expect((await myQuiz())?.newGrade).toBe(false);
    const opened = await w.caller(student).assignments.attempt({ attemptId });
    expect(opened).toMatchObject({ kind: "result", result: { newGrade: false } });
  });

  it("marking a seen result again changes nothing (opening it twice is harmless)", async () => {
    const before = await w.t.db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(await w.caller(student).assignments.markResultSeen({ attemptId })).toEqual({ count: 0 });
    const after = await w.t.db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(after.resultSeenAt).toEqual(before.resultSeenAt);
  });

  it("a regrade that leaves the score as it was is not a new grade", async () => {
    await rekey(6, 0.5);
    expect(await badge()).toEqual({ count: 0 });
  });

  it("a key change that keeps scores is not a new grade", async () => {
    await rekey(8, 0, "KEEP_SCORES");
    expect(await badge()).toEqual({ count: 0 });
  });

  it("a regrade flags only the attempts whose score it changed, each for its own student", async () => {
    // The key is 8 now (scores kept): the first attempt, which answered 6, still has its point.
    const second = await takeQuiz(student, 8);
    await takeQuiz(classmate, 8);
    expect(await badge()).toEqual({ count: 0 });
    // 6 is right again: the first attempt keeps its point, both 8s drop to 0.
    await rekey(6);
    expect(await badge()).toEqual({ count: 1 });
    expect(await w.caller(classmate).assignments.newGradeCount()).toEqual({ count: 1 });
    const first = await w.caller(student).assignments.attempt({ attemptId });
    expect(first).toMatchObject({ kind: "result", result: { score: 1, newGrade: false } });
    const regraded = await w.caller(student).assignments.attempt({ attemptId: second.attemptId });
    expect(regraded).toMatchObject({ kind: "result", result: { score: 0, newGrade: true } });
  });

  it("an attempt still in progress has no result to see: marking it leaves it alone", async () => {
    const open = await w.caller(student).assignments.startAttempt({ assignmentId });
    const count = await badge();
    expect(await w.caller(student).assignments.markResultSeen({ attemptId: open.attemptId })).toEqual(count);
    const row = await w.t.db.attempt.findUniqueOrThrow({ where: { id: open.attemptId } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", resultSeenAt: null });
  });

  it("another student cannot mark someone else's result: NOT_FOUND, and the grade stays new", async () => {
    const error = await errorOf(w.caller(classmate).assignments.markResultSeen({ attemptId }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("grades in a class that was archived are not counted (its work is out of sight)", async () => {
    expect((await badge()).count).toBeGreaterThan(0);
    await (await teacher()).classes.archive({ classId });
    expect(await badge()).toEqual({ count: 0 });
    await (await teacher()).classes.unarchive({ classId });
    expect((await badge()).count).toBeGreaterThan(0);
  });

  it("the service counts and marks for the acting student only, through the tenant-scoped client", async () => {
    const ctx = { db: w.scoped("a"), actor: student };
    const { count } = await countNewGrades(ctx);
    const unseen = await w.t.db.attempt.findMany({
      where: { studentId: student.userId, status: "SUBMITTED", resultSeenAt: null },
    });
    expect(count).toBe(unseen.length);
    for (const a of unseen) await markResultSeen(ctx, { attemptId: a.id });
    expect(await countNewGrades(ctx)).toEqual({ count: 0 });
    expect(await countNewGrades({ db: w.scoped("a"), actor: classmate })).toEqual({ count: 1 });
    expect(await countNewGrades({ db: w.scoped("b"), actor: await w.actor("b", "STUDENT") })).toEqual({ count: 0 });
  });
});
