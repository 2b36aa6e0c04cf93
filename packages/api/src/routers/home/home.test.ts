// The homes' "needs attention" lists: what the teacher has to review, what is due this week (with
// how many handed it in), recent submissions and AI drafts waiting to be kept; what the student
// has due (their own extension wins) and what was returned to them. Nobody sees another's.
import { type Actor, studentHome, teacherHome } from "@toolboxai/core";
import type { ContentType } from "@toolboxai/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

const DAY = 24 * 3600 * 1000;
const NOW = new Date("2026-12-01T12:00:00.000Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

let w: World;
let teacher: Actor;
let student: Actor;
let classmate: Actor;
let colleague: Actor;
let counter = 0;

/** A fresh class of `owner` with `students` enrolled (the org's student and classmate by default). */
async function newClass(owner: Actor = teacher, students: Actor[] = [student, classmate]) {
  counter += 1;
  const c = await w.caller(owner).classes.create({ name: `Class ${counter}`, subject: "Science", gradeLevel: "7" });
  for (const s of students) await w.caller(s).classes.join({ code: c.joinCode ?? "" });
  return c.id;
}

/** Published content of `type` by `author`, with one question of `questionType` when a quiz. */
async function newContent(type: ContentType, author: Actor = teacher, status: "PUBLISHED" | "GENERATED" = "PUBLISHED") {
  counter += 1;
  const body =
    type === "QUIZ"
      ? { instructions: "", draw: null }
      : { sections: [{ id: "s1", heading: "One", markdown: "Text", media: [] }] };
  const item = await w.scoped("a").contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: author.userId,
      type,
      title: `${type} ${counter}`,
      subject: "Science",
      gradeLevel: "7",
      body,
      status,
    },
  });
  return { id: item.id, title: item.title };
}

/** An assignment of fresh content to `classId`, created in the database (so any due date will do). */
async function newAssignment(classId: string, type: ContentType, dueAt: Date | null = null, owner: Actor = teacher) {
  const content = await newContent(type, owner);
  const a = await w.scoped("a").assignment.create({
    data: { organizationId: w.orgs.a, classId, contentId: content.id, assignedById: owner.userId, dueAt },
  });
  return { id: a.id, title: content.title };
}

let questionCounter = 0;
async function newQuestion(type: "SHORT_ANSWER" | "TRUE_FALSE") {
  questionCounter += 1;
  return (
    await w.scoped("a").question.create({
      data: {
        organizationId: w.orgs.a,
        ownerId: teacher.userId,
        type,
        prompt: `Question ${questionCounter}`,
        answer: type === "SHORT_ANSWER" ? { accepted: ["chlorophyll"] } : { value: true },
      },
    })
  ).id;
}

/** A submitted attempt of `by` with one graded answer per entry of `answers`. */
async function submit(
  assignmentId: string,
  by: Actor,
  answers: { type: "SHORT_ANSWER" | "TRUE_FALSE"; gradedAt?: Date }[] = [],
  data: { submittedAt?: Date; returnedAt?: Date; resultSeenAt?: Date; feedback?: string; status?: "IN_PROGRESS" } = {},
) {
  const number = (await w.scoped("a").attempt.count({ where: { assignmentId, studentId: by.userId } })) + 1;
  const attempt = await w.scoped("a").attempt.create({
    data: {
      organizationId: w.orgs.a,
      assignmentId,
      studentId: by.userId,
      number,
      status: data.status ?? "SUBMITTED",
      submittedAt: data.status ? null : (data.submittedAt ?? NOW),
      score: 1,
      maxScore: 2,
      returnedAt: data.returnedAt ?? null,
      resultSeenAt: data.resultSeenAt ?? null,
      feedback: data.feedback ?? null,
    },
  });
  for (const a of answers) {
    await w.scoped("a").attemptAnswer.create({
      data: {
        organizationId: w.orgs.a,
        attemptId: attempt.id,
        questionId: await newQuestion(a.type),
        response: { value: "x" },
        correct: false,
        points: 0,
        maxPoints: 1,
        gradedAt: a.gradedAt ?? null,
      },
    });
  }
  return attempt.id;
}

const homeOf = (actor: Actor, now = NOW) => teacherHome(w.svc(actor), now);
const reviewIds = async (actor: Actor = teacher) => (await homeOf(actor)).toReview.items.map((i) => i.attemptId);

beforeAll(async () => {
  w = await createWorld();
  teacher = await w.actor("a", "TEACHER");
  student = await w.actor("a", "STUDENT");
  classmate = await w.newActor("a", "STUDENT", "Classmate");
  colleague = await w.newActor("a", "TEACHER", "Colleague");
});
afterAll(() => w.t.close());

describe("the teacher's work to review", () => {
  let classId: string;
  let quizId: string;
  beforeEach(async () => {
    classId = await newClass();
    quizId = (await newAssignment(classId, "QUIZ")).id;
  });

  it("lists a submitted attempt with a short answer not yet marked, saying how many answers wait", async () => {
    const attemptId = await submit(quizId, student, [
      { type: "SHORT_ANSWER" },
      { type: "SHORT_ANSWER" },
      { type: "TRUE_FALSE" },
    ]);
    const item = (await homeOf(teacher)).toReview.items.find((i) => i.attemptId === attemptId);
    expect(item).toMatchObject({ studentId: student.userId, studentName: student.name, classId, waiting: 2 });
  });

  it("names the first short answer waiting, in the attempt's order, for the link to land on", async () => {
    const attemptId = await submit(quizId, student, [
      { type: "SHORT_ANSWER", gradedAt: NOW },
      { type: "SHORT_ANSWER" },
      { type: "SHORT_ANSWER" },
    ]);
    const answers = await w.scoped("a").attemptAnswer.findMany({ where: { attemptId }, orderBy: { id: "asc" } });
    const [marked = "", second = "", third = ""] = answers.map((a) => a.questionId);
    // The student saw the third question before the second one.
    await w.scoped("a").attempt.update({ where: { id: attemptId }, data: { questionIds: [marked, third, second] } });
    const item = (await homeOf(teacher)).toReview.items.find((i) => i.attemptId === attemptId);
    expect(item?.firstWaitingQuestionId).toBe(third);
  });

  it("drops an attempt once the teacher has marked every short answer in it", async () => {
    const attemptId = await submit(quizId, student, [{ type: "SHORT_ANSWER", gradedAt: NOW }]);
    expect(await reviewIds()).not.toContain(attemptId);
  });

  it("leaves out attempts with only automatically graded questions, and attempts still in progress", async () => {
    const autoGraded = await submit(quizId, student, [{ type: "TRUE_FALSE" }]);
    const inProgress = await submit(quizId, classmate, [{ type: "SHORT_ANSWER" }], { status: "IN_PROGRESS" });
    const ids = await reviewIds();
    expect(ids).not.toContain(autoGraded);
    expect(ids).not.toContain(inProgress);
  });

  it("puts the longest-waiting attempt first and counts them all", async () => {
    const before = (await homeOf(teacher)).toReview.total;
    const newer = await submit(quizId, student, [{ type: "SHORT_ANSWER" }], { submittedAt: at(-DAY) });
    const older = await submit(quizId, classmate, [{ type: "SHORT_ANSWER" }], { submittedAt: at(-30 * DAY) });
    const home = await homeOf(teacher);
    expect(home.toReview.total).toBe(before + 2);
    const ids = home.toReview.items.map((i) => i.attemptId);
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(newer));
  });

  it("never shows a colleague's classes, and leaves out archived classes", async () => {
    const theirs = await newAssignment(await newClass(colleague), "QUIZ", null, colleague);
    const theirAttempt = await submit(theirs.id, student, [{ type: "SHORT_ANSWER" }]);
    const archivedClass = await newClass();
    const archivedQuiz = await newAssignment(archivedClass, "QUIZ");
    const archivedAttempt = await submit(archivedQuiz.id, student, [{ type: "SHORT_ANSWER" }]);
    await w.caller(teacher).classes.archive({ classId: archivedClass });
    const mine = await reviewIds();
    expect(mine).not.toContain(theirAttempt);
    expect(mine).not.toContain(archivedAttempt);
    expect(await reviewIds(colleague)).toContain(theirAttempt);
  });
});

describe("what is due this week on the teacher's home", () => {
  const dueIds = async (now = NOW) => (await homeOf(teacher, now)).dueThisWeek.map((d) => d.assignmentId);

  it("lists assignments due from now up to seven days ahead, soonest first", async () => {
    const classId = await newClass();
    const later = await newAssignment(classId, "LESSON", at(7 * DAY - 1));
    const soon = await newAssignment(classId, "LESSON", at(0));
    const ids = await dueIds();
    expect(ids).toContain(soon.id);
    expect(ids).toContain(later.id);
    expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf(later.id));
  });

  it("leaves out what was due before now, what is due seven days or more ahead, and what has no due date", async () => {
    const classId = await newClass();
    const past = await newAssignment(classId, "LESSON", at(-1));
    const weekAhead = await newAssignment(classId, "LESSON", at(7 * DAY));
    const undated = await newAssignment(classId, "LESSON", null);
    const ids = await dueIds();
    expect(ids).not.toContain(past.id);
    expect(ids).not.toContain(weekAhead.id);
    expect(ids).not.toContain(undated.id);
  });

  it("says how many of the class handed in a quiz (once per student, however many attempts)", async () => {
    const classId = await newClass();
    const quiz = await newAssignment(classId, "QUIZ", at(2 * DAY));
    await submit(quiz.id, student);
    await submit(quiz.id, student);
    await submit(quiz.id, classmate, [], { status: "IN_PROGRESS" });
    const item = (await homeOf(teacher)).dueThisWeek.find((d) => d.assignmentId === quiz.id);
    expect(item).toMatchObject({ title: quiz.title, type: "QUIZ", submitted: 1, students: 2 });
  });

  it("counts a lesson as handed in when the student completed it", async () => {
    const classId = await newClass();
    const lesson = await newAssignment(classId, "LESSON", new Date(Date.now() + 2 * DAY));
    await w.caller(student).assignments.completeSection({ assignmentId: lesson.id, sectionId: "s1" });
    await w.caller(classmate).assignments.openLesson({ assignmentId: lesson.id });
    const item = (await w.caller(teacher).home.teacher()).dueThisWeek.find((d) => d.assignmentId === lesson.id);
    expect(item).toMatchObject({ submitted: 1, students: 2 });
  });

  it("never lists a colleague's assignments", async () => {
    const theirs = await newAssignment(await newClass(colleague), "LESSON", at(DAY), colleague);
    expect(await dueIds()).not.toContain(theirs.id);
  });
});

describe("recent submissions on the teacher's home", () => {
  it("lists quizzes submitted and lessons completed in the last seven days, newest first", async () => {
    const classId = await newClass();
    const quiz = await newAssignment(classId, "QUIZ");
    const lesson = await newAssignment(classId, "LESSON");
    const attemptId = await submit(quiz.id, classmate, [], { submittedAt: new Date(Date.now() - 60_000) });
    await w.caller(student).assignments.completeSection({ assignmentId: lesson.id, sectionId: "s1" });
    const recent = (await w.caller(teacher).home.teacher()).recentSubmissions.filter((r) => r.classId === classId);
    expect(recent[0]).toMatchObject({ attemptId: null, assignmentId: lesson.id, studentName: student.name });
    expect(recent[1]).toMatchObject({ attemptId, assignmentId: quiz.id, score: 1, maxScore: 2 });
  });

  it("leaves out submissions older than seven days", async () => {
    const quiz = await newAssignment(await newClass(), "QUIZ");
    const old = await submit(quiz.id, student, [], { submittedAt: at(-8 * DAY) });
    expect((await homeOf(teacher)).recentSubmissions.map((s) => s.attemptId)).not.toContain(old);
  });
});

describe("AI drafts waiting to be kept on the teacher's home", () => {
  it("lists the teacher's own GENERATED content, not what they kept, deleted or a colleague drafted", async () => {
    const waiting = await newContent("LESSON", teacher, "GENERATED");
    const kept = await newContent("LESSON", teacher, "PUBLISHED");
    const deleted = await newContent("QUIZ", teacher, "GENERATED");
    await w.scoped("a").contentItem.update({ where: { id: deleted.id }, data: { deletedAt: NOW } });
    const theirs = await newContent("LESSON", colleague, "GENERATED");
    const { drafts } = await w.caller(teacher).home.teacher();
    const ids = drafts.items.map((d) => d.contentId);
    expect(ids).toContain(waiting.id);
    expect(ids).not.toContain(kept.id);
    expect(ids).not.toContain(deleted.id);
    expect(ids).not.toContain(theirs.id);
    expect(drafts.total).toBe(
      await w
        .scoped("a")
        .contentItem.count({ where: { authorId: teacher.userId, status: "GENERATED", deletedAt: null } }),
    );
  });
});

describe("the student's home", () => {
  let classId: string;
  beforeAll(async () => {
    classId = await newClass();
  });

  it("lists open work with a due date soonest first, the overdue marked, not what is done or undated", async () => {
    const overdue = await newAssignment(classId, "LESSON", new Date(Date.now() - DAY));
    const soon = await newAssignment(classId, "QUIZ", new Date(Date.now() + DAY));
    const done = await newAssignment(classId, "LESSON", new Date(Date.now() + 2 * DAY));
    await w.caller(student).assignments.completeSection({ assignmentId: done.id, sectionId: "s1" });
    const undated = await newAssignment(classId, "LESSON", null);
    await w.caller(student).assignments.openLesson({ assignmentId: overdue.id });
    const { due } = await w.caller(student).home.student();
    const ids = due.map((d) => d.assignmentId);
    expect(ids.indexOf(overdue.id)).toBeLessThan(ids.indexOf(soon.id));
    expect(due.find((d) => d.assignmentId === overdue.id)).toMatchObject({ overdue: true, state: "IN_PROGRESS" });
    expect(due.find((d) => d.assignmentId === soon.id)).toMatchObject({ overdue: false, state: "NOT_STARTED" });
    expect(ids).not.toContain(done.id);
    expect(ids).not.toContain(undated.id);
  });

  it("uses the student's own extended due date, and only theirs", async () => {
    const dueAt = new Date(Date.now() + DAY);
    const extended = new Date(Date.now() + 10 * DAY);
    const a = await newAssignment(classId, "LESSON", dueAt);
    await w
      .caller(teacher)
      .assignments.extendDueDate({ assignmentId: a.id, studentId: student.userId, dueAt: extended });
    const mine = (await w.caller(student).home.student()).due.find((d) => d.assignmentId === a.id);
    const theirs = (await w.caller(classmate).home.student()).due.find((d) => d.assignmentId === a.id);
    expect(mine?.dueAt).toEqual(extended);
    expect(theirs?.dueAt).toEqual(dueAt);
  });

  it("lets an extension move an overdue assignment back into time", async () => {
    const a = await newAssignment(classId, "LESSON", new Date(Date.now() - DAY));
    await w.scoped("a").assignment.update({
      where: { id: a.id },
      data: { dueExtensions: { [student.userId]: new Date(Date.now() + DAY).toISOString() } },
    });
    expect((await studentHome(w.svc(student))).due.find((d) => d.assignmentId === a.id)?.overdue).toBe(false);
    expect((await studentHome(w.svc(classmate))).due.find((d) => d.assignmentId === a.id)?.overdue).toBe(true);
  });

  it("lists a result the teacher returned, newest first, as new until the student opens it", async () => {
    const quiz = await newAssignment(classId, "QUIZ");
    const older = await submit(quiz.id, student, [], { submittedAt: at(-3 * DAY), resultSeenAt: at(-3 * DAY) });
    await w.scoped("a").attempt.update({ where: { id: older }, data: { returnedAt: at(-DAY), resultSeenAt: null } });
    const newest = await submit(quiz.id, student, [], {
      submittedAt: at(-2 * DAY),
      returnedAt: NOW,
      feedback: "Well argued",
    });
    const { returned } = await studentHome(w.svc(student), NOW);
    const ids = returned.map((r) => r.attemptId);
    expect(ids.indexOf(newest)).toBeLessThan(ids.indexOf(older));
    expect(returned.find((r) => r.attemptId === newest)).toMatchObject({
      returned: true,
      isNew: true,
      hasFeedback: true,
      at: NOW,
    });
    await w.caller(student).assignments.markResultSeen({ attemptId: newest });
    expect((await w.caller(student).home.student()).returned.find((r) => r.attemptId === newest)?.isNew).toBe(false);
  });

  it("lists a new automatic grade the student has not opened, and drops it once opened", async () => {
    const quiz = await newAssignment(classId, "QUIZ");
    const attemptId = await submit(quiz.id, student);
    const before = (await w.caller(student).home.student()).returned.find((r) => r.attemptId === attemptId);
    expect(before).toMatchObject({ returned: false, isNew: true, hasFeedback: false });
    await w.caller(student).assignments.markResultSeen({ attemptId });
    expect((await w.caller(student).home.student()).returned.map((r) => r.attemptId)).not.toContain(attemptId);
  });

  it("never shows another student's results", async () => {
    const quiz = await newAssignment(classId, "QUIZ");
    const theirs = await submit(quiz.id, classmate, [], { returnedAt: NOW });
    expect((await w.caller(student).home.student()).returned.map((r) => r.attemptId)).not.toContain(theirs);
  });
});

describe("who may read which home", () => {
  it("refuses the teacher's home to a student and the student's home to a teacher", async () => {
    expect((await errorOf(w.caller(student).home.teacher())).code).toBe("FORBIDDEN");
    expect((await errorOf(w.caller(teacher).home.student())).code).toBe("FORBIDDEN");
  });
});
