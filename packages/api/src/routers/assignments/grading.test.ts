// Grading and feedback (issue 12, finding 3): a teacher opens an attempt, overrides a score with a
// reason (audited, the total recomputed, the student told), marks a short answer's rubric and
// comments on answers and on the attempt; the student sees all of it on their result and grades page.

import type { Actor, DomainError, RealtimePublisher } from "@toolboxai/core";
import { channels, type QuestionInput, realtimeEvents } from "@toolboxai/validators";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createWorld, errorOf, type World } from "../../testing";

const sent: { channels: string[]; event: string; data: unknown }[] = [];
const recorder: RealtimePublisher = {
  trigger(to, event, data) {
    sent.push({ channels: typeof to === "string" ? [to] : [...to], event, data });
  },
  stats: () => ({ sent: sent.length, failed: 0, skipped: 0 }),
  flush: async () => {},
};

let w: World;
let teacher: Actor;
let student: Actor;
let classmate: Actor;
let otherTeacher: Actor;
let admin: Actor;
let classId: string;
let quizId: string;
let assignmentId: string;
const q: { tf: string; short: string; num: string } = { tf: "", short: "", num: "" };

const RUBRIC = [
  { id: "cause", label: "Names the cause", points: 2 },
  { id: "example", label: "Gives an example", points: 2 },
];
const legs = (value: number) =>
  ({ type: "NUMERIC", prompt: "How many legs does an insect have?", answer: { value }, points: 2 }) as const;
const questions: Record<keyof typeof q, QuestionInput> = {
  tf: { type: "TRUE_FALSE", prompt: "Plants make sugar.", answer: { value: true }, points: 1 },
  short: {
    type: "SHORT_ANSWER",
    prompt: "Why do plates move?",
    answer: { accepted: ["convection"] },
    points: 3,
    rubric: RUBRIC,
  },
  num: legs(6),
};

const as = (actor: Actor) => w.caller(actor);
const fieldErrorsOf = (e: { cause?: unknown }) =>
  e.cause instanceof z.ZodError ? z.flattenError(e.cause).fieldErrors : (e.cause as DomainError).fieldErrors;

/** The student takes the quiz: right on true/false, "heat" on the short answer, 5 legs. */
async function takeQuiz(who: Actor = student) {
  const player = await as(who).assignments.startAttempt({ assignmentId });
  const result = await as(who).assignments.submitAttempt({
    attemptId: player.attemptId,
    responses: { [q.tf]: { value: true }, [q.short]: { text: "heat from the mantle" }, [q.num]: { number: 5 } },
  });
  return result.attemptId;
}

beforeAll(async () => {
  w = await createWorld({ realtime: recorder });
  teacher = await w.actor("a", "TEACHER");
  student = await w.actor("a", "STUDENT");
  admin = await w.actor("a", "ADMIN");
  classmate = await w.newActor("a", "STUDENT", "Classmate");
  otherTeacher = await w.newActor("a", "TEACHER", "Other Teacher");
  const cls = await as(teacher).classes.create({ name: "Earth science", subject: "Science", gradeLevel: "7" });
  classId = cls.id;
  for (const s of [student, classmate]) await as(s).classes.join({ code: cls.joinCode ?? "" });
  for (const key of Object.keys(q) as (keyof typeof q)[])
    q[key] = (await as(teacher).questions.create(questions[key])).id;
  const quiz = await w.scoped("a").contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: teacher.userId,
      type: "QUIZ",
      title: "Plates quiz",
      subject: "Science",
      gradeLevel: "7",
      body: { instructions: "", draw: null },
      status: "PUBLISHED",
    },
  });
  quizId = quiz.id;
  await as(teacher).questions.setQuizQuestions({ quizId, questionIds: [q.tf, q.short, q.num] });
  assignmentId = (await as(teacher).assignments.create({ classId, contentId: quizId, showCorrectAnswers: true })).id;
});
afterAll(() => w.t.close());

let attemptId: string;
beforeEach(async () => {
  // Each test grades a fresh attempt (maxAttempts is unlimited).
  attemptId = await takeQuiz();
});

describe("opening an attempt", () => {
  it("shows its teacher each question with the student's answer, the answer key and points out of the maximum", async () => {
    const review = await as(teacher).assignments.review({ attemptId });
    expect(review).toMatchObject({ score: 1, maxScore: 6, status: "SUBMITTED", student: { id: student.userId } });
    expect(review.questions.map((x) => [x.prompt, x.response, x.correctAnswer, x.points, x.maxPoints])).toEqual([
      ["Plants make sugar.", { value: true }, { value: true }, 1, 1],
      [
        "Why do plates move?",
        { text: "heat from the mantle" },
        { accepted: ["convection"], caseSensitive: false },
        0,
        3,
      ],
      ["How many legs does an insect have?", { number: 5 }, { value: 6, tolerance: 0 }, 0, 2],
    ]);
  });

  it("is open to an admin of the organization but not to another teacher or a student", async () => {
    expect((await as(admin).assignments.review({ attemptId })).attemptId).toBe(attemptId);
    expect((await errorOf(as(otherTeacher).assignments.review({ attemptId }))).code).toBe("NOT_FOUND");
    expect((await errorOf(as(student).assignments.review({ attemptId }))).code).toBe("FORBIDDEN");
  });

  it("gradebook cells open the student's best attempt", async () => {
    const book = await as(teacher).gradebook.forClass({ classId });
    const row = book.rows.find((r) => r.student.id === student.userId);
    const cell = row?.cells[book.assignments.findIndex((a) => a.id === assignmentId)];
    const own = await w.scoped("a").attempt.findMany({ where: { assignmentId, studentId: student.userId } });
    expect(own.map((t) => t.id)).toContain(cell?.attemptId);
  });
});

describe("overriding a score", () => {
  it("counts the teacher's points, keeps what automatic grading gave and recomputes the total", async () => {
    const review = await as(teacher).assignments.gradeAnswer({
      attemptId,
      questionId: q.num,
      points: 1.5,
      reason: "Counted the legs right, wrote the wrong digit",
    });
    expect(review.score).toBe(2.5);
    expect(review.questions.find((x) => x.id === q.num)).toMatchObject({
      points: 1.5,
      autoPoints: 0,
      overrideReason: "Counted the legs right, wrote the wrong digit",
      gradedBy: { id: teacher.userId },
    });
  });

  it("writes an audit entry naming the answer, the points before and after, and the reason", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, points: 2, reason: "Typo" });
    const audit = await w.scoped("a").auditLog.findFirstOrThrow({
      where: { action: "attempt.grade_overridden", targetId: attemptId },
    });
    expect(audit).toMatchObject({ actorId: teacher.userId, targetType: "Attempt" });
    expect(audit.metadata).toMatchObject({ questionId: q.num, from: 0, to: 2, reason: "Typo", score: 3, maxScore: 6 });
  });

  it("reaches the student as a new grade: the result shows the new score, the badge counts it, an event tells them", async () => {
    const from = sent.length;
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, points: 2, reason: "Typo" });
    const released = sent
      .slice(from)
      .filter((e) => e.event === realtimeEvents.gradeReleased && e.channels.includes(channels.user(student.userId)));
    expect(released.map((e) => e.data)).toEqual([expect.objectContaining({ attemptId, score: 50 })]);
    expect((await as(student).assignments.newGradeCount()).count).toBeGreaterThan(0);
    const got = await as(student).assignments.attempt({ attemptId });
    expect(got.kind === "result" && got.result).toMatchObject({ score: 3, newGrade: true });
    const answer = got.kind === "result" ? got.result.questions.find((x) => x.id === q.num) : undefined;
    expect(answer).toMatchObject({ points: 2, teacherScored: true });
  });

  it("survives a regrade of the question: the teacher's points stay and the automatic score is updated", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, points: 1, reason: "Half right" });
    // The key changes so that 5 becomes correct: automatic grading would now give 2 points.
    await as(teacher).questions.update({ questionId: q.num, ...legs(5), regradePolicy: "REGRADE_ALL" });
    const review = await as(teacher).assignments.review({ attemptId });
    expect(review.questions.find((x) => x.id === q.num)).toMatchObject({ points: 1, autoPoints: 2 });
    expect(review.score).toBe(2);
    await as(teacher).questions.update({ questionId: q.num, ...legs(6), regradePolicy: "REGRADE_ALL" });
  });

  it("can be taken back: points: null restores the automatic score", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, points: 2, reason: "Typo" });
    const review = await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, points: null });
    expect(review.questions.find((x) => x.id === q.num)).toMatchObject({
      points: 0,
      autoPoints: null,
      overrideReason: null,
    });
    expect(review.score).toBe(1);
  });

  it.each([
    ["an empty reason", { points: 1, reason: "  " }, "reason"],
    ["no reason", { points: 1 }, "reason"],
    ["negative points", { points: -1, reason: "x" }, "points"],
    ["points that are not a number", { points: Number.NaN, reason: "x" }, "points"],
    ["more points than the question is worth", { points: 3, reason: "x" }, "points"],
  ])("refuses %s with a message next to the field", async (_name, change, field) => {
    const error = await errorOf(as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, ...change }));
    expect(error.code).toBe("BAD_REQUEST");
    const messages = fieldErrorsOf(error) as Record<string, string[] | undefined>;
    expect(Object.keys(messages)).toEqual([field]);
    // Written for people: no validator jargon.
    expect(messages[field]?.join(" ")).not.toMatch(/expected|received|NaN|Invalid input/);
    expect((await as(teacher).assignments.review({ attemptId })).score).toBe(1);
  });

  it("is refused to another teacher (NOT_FOUND) and to the student (FORBIDDEN), and changes nothing", async () => {
    const change = { attemptId, questionId: q.num, points: 2, reason: "Mine" };
    expect((await errorOf(as(otherTeacher).assignments.gradeAnswer(change))).code).toBe("NOT_FOUND");
    expect((await errorOf(as(student).assignments.gradeAnswer(change))).code).toBe("FORBIDDEN");
    expect((await as(teacher).assignments.review({ attemptId })).score).toBe(1);
  });

  it("is refused while the attempt is still in progress", async () => {
    const player = await as(classmate).assignments.startAttempt({ assignmentId });
    const error = await errorOf(
      as(teacher).assignments.gradeAnswer({ attemptId: player.attemptId, questionId: q.num, points: 2, reason: "x" }),
    );
    expect(error.code).toBe("PRECONDITION_FAILED");
    await as(classmate).assignments.submitAttempt({ attemptId: player.attemptId });
  });
});

describe("comments", () => {
  it("a comment on an answer and feedback on the attempt show on the student's result", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, comment: "Think about convection." });
    await as(teacher).assignments.setFeedback({ attemptId, feedback: "Good effort, review chapter 3." });
    const got = await as(student).assignments.attempt({ attemptId });
    if (got.kind !== "result") throw new Error("expected a result");
    expect(got.result.feedback).toBe("Good effort, review chapter 3.");
    expect(got.result.questions.find((x) => x.id === q.short)?.comment).toBe("Think about convection.");
    expect(got.result.newGrade).toBe(true);
  });

  it("an empty comment removes it", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, comment: "First thought" });
    const review = await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, comment: "" });
    expect(review.questions.find((x) => x.id === q.short)?.comment).toBeNull();
  });

  it("comments are refused to another teacher", async () => {
    const error = await errorOf(as(otherTeacher).assignments.setFeedback({ attemptId, feedback: "Hi" }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("rubric scoring", () => {
  it("the question bank keeps a short answer's rubric", async () => {
    const question = await as(teacher).questions.get({ questionId: q.short });
    expect(question.type === "SHORT_ANSWER" && question.rubric).toEqual(RUBRIC);
  });

  it("a rubric with an unnamed criterion is refused with a message next to it", async () => {
    const error = await errorOf(
      as(teacher).questions.create({
        ...questions.short,
        rubric: [{ id: "a", label: "", points: 1 }],
      } as QuestionInput),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("the answer's points are the sum of the marks, capped at the question's points, stored per criterion", async () => {
    const one = await as(teacher).assignments.gradeAnswer({
      attemptId,
      questionId: q.short,
      rubricScores: { cause: 1 },
    });
    expect(one.questions.find((x) => x.id === q.short)).toMatchObject({
      points: 1,
      rubricScores: { cause: 1, example: 0 },
    });
    const all = await as(teacher).assignments.gradeAnswer({
      attemptId,
      questionId: q.short,
      rubricScores: { cause: 2, example: 2 },
    });
    expect(all.questions.find((x) => x.id === q.short)).toMatchObject({ points: 3, maxPoints: 3, correct: true });
    expect(all.score).toBe(4);
  });

  it("the student sees the marks criterion by criterion", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, rubricScores: { cause: 2 } });
    const got = await as(student).assignments.attempt({ attemptId });
    const answer = got.kind === "result" ? got.result.questions.find((x) => x.id === q.short) : undefined;
    expect(answer?.rubric).toEqual([
      { id: "cause", label: "Names the cause", points: 2, awarded: 2 },
      { id: "example", label: "Gives an example", points: 2, awarded: 0 },
    ]);
  });

  it("a mark above what a criterion is worth is refused next to that criterion", async () => {
    const error = await errorOf(
      as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, rubricScores: { cause: 3 } }),
    );
    expect(fieldErrorsOf(error)).toEqual({ "rubricScores.cause": ["“Names the cause” is worth at most 2 points."] });
  });

  it("marking a rubric on a question without one is refused", async () => {
    const error = await errorOf(
      as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, rubricScores: { cause: 1 } }),
    );
    expect(Object.keys(fieldErrorsOf(error))).toEqual(["rubricScores"]);
  });
});

describe("rubric criterion ids", () => {
  it("a criterion named like a built-in property (constructor) is refused when the question is saved", async () => {
    const error = await errorOf(
      as(teacher).questions.create({
        ...questions.short,
        rubric: [
          { id: "constructor", label: "Names the cause", points: 2 },
          { id: "a", label: "Gives an example", points: 1 },
        ],
      } as QuestionInput),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error)).toEqual({ rubric: ["Pick another criterion id"] });
  });

  it("a mark for a built-in property name is refused and the answer keeps its points", async () => {
    const error = await errorOf(
      as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, rubricScores: { constructor: 1 } }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const review = await as(teacher).assignments.review({ attemptId });
    expect(review.questions.find((x) => x.id === q.short)?.points).toBe(0);
    expect(review.score).toBe(1);
  });

  it("a stored rubric with such an id is never marked, so the points never turn into NaN", async () => {
    // Written before ids were restricted: the rubric no longer parses, so there is nothing to mark.
    const questions = w.scoped("a").question;
    await questions.update({
      where: { id: q.short },
      data: {
        rubric: [
          { id: "constructor", label: "Names the cause", points: 2 },
          { id: "a", label: "Gives an example", points: 1 },
        ],
      },
    });
    try {
      const error = await errorOf(
        as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, rubricScores: { a: 1 } }),
      );
      expect(fieldErrorsOf(error)).toEqual({ rubricScores: ["This question has no rubric to mark."] });
      expect((await as(teacher).assignments.review({ attemptId })).score).toBe(1);
    } finally {
      await questions.update({ where: { id: q.short }, data: { rubric: RUBRIC } });
    }
  });
});

describe("reviewing an answer the automatic grading got right", () => {
  const waiting = async () => (await as(teacher).home.teacher()).toReview.items.map((i) => i.attemptId);
  beforeEach(async () => {
    // Only this test's attempt waits: earlier tests' attempts would push it past the home's list.
    await w
      .scoped("a")
      .attemptAnswer.updateMany({ where: { attemptId: { not: attemptId } }, data: { gradedAt: new Date() } });
  });

  it("waits in the teacher's To review until they look at it", async () => {
    expect(await waiting()).toContain(attemptId);
  });

  it("leaves To review once the teacher marks it reviewed, keeping its points", async () => {
    const review = await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, reviewed: true });
    expect(review.questions.find((x) => x.id === q.short)).toMatchObject({
      points: 0,
      autoPoints: null,
      gradedBy: { id: teacher.userId },
    });
    expect(await waiting()).not.toContain(attemptId);
  });

  it("writes an audit entry naming the teacher and the answer they accepted", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, reviewed: true });
    const entry = await w.scoped("a").auditLog.findFirst({
      where: { action: "attempt.answer_reviewed", targetId: attemptId },
    });
    expect(entry).toMatchObject({ actorId: teacher.userId, metadata: { questionId: q.short, from: 0, to: 0 } });
  });

  it("leaves To review when the teacher only comments on the answer, and the comment is audited", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, comment: "Good start." });
    expect(await waiting()).not.toContain(attemptId);
    const entry = await w.scoped("a").auditLog.findFirst({
      where: { action: "attempt.answer_commented", targetId: attemptId },
    });
    expect(entry?.metadata).toMatchObject({ questionId: q.short, comment: "Good start." });
  });

  it("leaves To review when the teacher goes back to the automatic score", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, points: 2, reason: "Close" });
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.short, points: null });
    expect(await waiting()).not.toContain(attemptId);
  });
});

describe("saving marks at the same time", () => {
  it("leaves the total as the sum of every answer's saved points", async () => {
    await Promise.all([
      as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, points: 2, reason: "Counted legs" }),
      as(admin).assignments.gradeAnswer({ attemptId, questionId: q.short, rubricScores: { cause: 2, example: 1 } }),
      as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.tf, points: 0.5, reason: "Guessed" }),
    ]);
    const review = await as(teacher).assignments.review({ attemptId });
    expect(review.questions.map((x) => x.points)).toEqual([0.5, 3, 2]);
    expect(review.score).toBe(5.5);
  });

  it("keeps points to 2 decimals so totals add up exactly", async () => {
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.num, points: 0.1 + 0.2, reason: "Part" });
    const review = await as(teacher).assignments.gradeAnswer({
      attemptId,
      questionId: q.tf,
      points: 1 / 3,
      reason: "Part",
    });
    expect(review.questions.map((x) => x.points)).toEqual([0.33, 0, 0.3]);
    expect(review.score).toBe(0.63);
  });
});

describe("a rubric's criteria while the answers are hidden", () => {
  it("reach the student only as a total until the teacher shares the answers", async () => {
    const quiz = await w.scoped("a").contentItem.create({
      data: {
        organizationId: w.orgs.a,
        authorId: teacher.userId,
        type: "QUIZ",
        title: "Hidden key quiz",
        subject: "Science",
        gradeLevel: "7",
        body: { instructions: "", draw: null },
        status: "PUBLISHED",
      },
    });
    await as(teacher).questions.setQuizQuestions({ quizId: quiz.id, questionIds: [q.short] });
    const hidden = await as(teacher).assignments.create({ classId, contentId: quiz.id, showCorrectAnswers: false });
    const player = await as(student).assignments.startAttempt({ assignmentId: hidden.id });
    await as(student).assignments.submitAttempt({
      attemptId: player.attemptId,
      responses: { [q.short]: { text: "heat" } },
    });
    await as(teacher).assignments.gradeAnswer({
      attemptId: player.attemptId,
      questionId: q.short,
      rubricScores: { cause: 2 },
    });
    const got = await as(student).assignments.attempt({ attemptId: player.attemptId });
    const answer = got.kind === "result" ? got.result.questions[0] : undefined;
    expect(answer?.rubric).toEqual([{ id: "total", label: null, points: 4, awarded: 2 }]);
    expect(JSON.stringify(got)).not.toContain("Names the cause");
  });
});

describe("the student's grades page", () => {
  it("lists each class's assignments with the result's score and the teacher's feedback", async () => {
    await as(teacher).assignments.setFeedback({ attemptId, feedback: "See me about question 3." });
    const grades = await as(student).assignments.myGrades();
    const item = grades.find((c) => c.classId === classId)?.items.find((i) => i.assignmentId === assignmentId);
    expect(item).toMatchObject({
      title: "Plates quiz",
      state: "COMPLETED",
      returned: true,
      attempt: { id: attemptId, score: 1, maxScore: 6, feedback: "See me about question 3." },
    });
  });

  it("stops highlighting a returned result once the student has opened it", async () => {
    // Earlier tests returned other attempts: the student has opened those.
    const earlier = await w.scoped("a").attempt.findMany({ where: { assignmentId, studentId: student.userId } });
    for (const t of earlier) await as(student).assignments.markResultSeen({ attemptId: t.id });
    const item = async () =>
      (await as(student).assignments.myGrades())
        .find((c) => c.classId === classId)
        ?.items.find((i) => i.assignmentId === assignmentId);
    await as(teacher).assignments.gradeAnswer({ attemptId, questionId: q.tf, comment: "Yes!" });
    expect(await item()).toMatchObject({ returned: true, attempt: { id: attemptId, comments: 1 } });
    await as(student).assignments.markResultSeen({ attemptId });
    expect((await item())?.returned).toBe(false);
  });

  it("shows a student only their own results", async () => {
    await as(teacher).assignments.setFeedback({ attemptId, feedback: "For the student only" });
    const grades = await as(classmate).assignments.myGrades();
    const item = grades.find((c) => c.classId === classId)?.items.find((i) => i.assignmentId === assignmentId);
    expect(item?.attempt?.id).not.toBe(attemptId);
    expect(JSON.stringify(grades)).not.toContain("For the student only");
  });
});

describe("a student's extended due date in the gradebook", () => {
  it("shows in that student's cell only", async () => {
    const dueAt = new Date(Date.now() + 9 * 86_400_000);
    await as(teacher).assignments.extendDueDate({ assignmentId, studentId: classmate.userId, dueAt });
    const book = await as(teacher).gradebook.forClass({ classId });
    const col = book.assignments.findIndex((a) => a.id === assignmentId);
    const cellOf = (id: string) => book.rows.find((r) => r.student.id === id)?.cells[col];
    expect(cellOf(classmate.userId)?.extendedDueAt).toEqual(dueAt);
    expect(cellOf(student.userId)?.extendedDueAt).toBeNull();
    await as(teacher).assignments.extendDueDate({ assignmentId, studentId: classmate.userId, dueAt: null });
  });
});
