import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let classId: string;
let lessonId: string;
let quizId: string;
const q: Record<string, string> = {};

async function content(type: "LESSON" | "QUIZ", status: "PUBLISHED" | "DRAFT", body: object, title = `${type} item`) {
  const row = await w.scoped("a").contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: w.users.a.TEACHER.id,
      type,
      title,
      subject: "Science",
      gradeLevel: "7",
      body,
      status,
    },
  });
  return row.id;
}

async function question(
  key: string,
  data: { type: string; prompt: string; options?: object[]; answer: object; tags?: string[] },
) {
  const row = await w.scoped("a").question.create({
    data: {
      organizationId: w.orgs.a,
      ownerId: w.users.a.TEACHER.id,
      type: data.type as "SINGLE_CHOICE",
      prompt: data.prompt,
      options: data.options ?? [],
      answer: data.answer,
      explanation: `Because ${key}`,
      points: 2,
      tags: data.tags ?? [],
    },
  });
  q[key] = row.id;
  return row.id;
}

const teacher = () => w.actor("a", "TEACHER");
const student = () => w.actor("a", "STUDENT");

beforeAll(async () => {
  w = await createWorld();
  const c = await w.caller(await teacher()).classes.create({ name: "Bio", subject: "Science", gradeLevel: "7" });
  classId = c.id;
  await w.caller(await student()).classes.join({ code: c.joinCode ?? "" });
  lessonId = await content("LESSON", "PUBLISHED", {
    sections: [
      { id: "s1", heading: "Light", markdown: "Plants use light.", media: [] },
      { id: "s2", heading: "Sugar", markdown: "They make sugar.", media: [] },
    ],
  });
  quizId = await content("QUIZ", "PUBLISHED", { instructions: "", draw: null }, "Photosynthesis quiz");
  await question("choice", {
    type: "SINGLE_CHOICE",
    prompt: "What do plants need?",
    options: [
      { id: "a", text: "Light" },
      { id: "b", text: "Noise" },
    ],
    answer: { correct: ["a"] },
  });
  await question("tf", { type: "TRUE_FALSE", prompt: "Plants make sugar.", answer: { value: true } });
  await question("num", { type: "NUMERIC", prompt: "How many sections?", answer: { value: 2, tolerance: 0 } });
  for (const [i, key] of ["choice", "tf", "num"].entries()) {
    await w.scoped("a").quizQuestion.create({
      data: { organizationId: w.orgs.a, quizId, questionId: q[key] as string, position: i },
    });
  }
});
afterAll(() => w.t.close());

describe("assigning", () => {
  it("refuses content that is not published, naming the content field", async () => {
    const draft = await content("LESSON", "DRAFT", { sections: [{ id: "x", heading: "h", markdown: "m", media: [] }] });
    const error = await errorOf(w.caller(await teacher()).assignments.create({ classId, contentId: draft }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("assigns a lesson and a quiz once each; a second assignment of the same item is a conflict", async () => {
    const caller = w.caller(await teacher());
    await caller.assignments.create({ classId, contentId: lessonId, dueAt: new Date(Date.now() + 24 * 3600 * 1000) });
    await caller.assignments.create({ classId, contentId: quizId, maxAttempts: 2, showCorrectAnswers: false });
    expect((await errorOf(caller.assignments.create({ classId, contentId: lessonId }))).code).toBe("CONFLICT");
    expect(await caller.assignments.listForClass({ classId })).toHaveLength(2);
  });

  it("another organization's teacher cannot assign to the class", async () => {
    const error = await errorOf(
      w.caller(await w.actor("b", "TEACHER")).assignments.create({ classId, contentId: lessonId }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("a student's work", () => {
  const assignmentOf = async (contentId: string) =>
    (await w.scoped("a").assignment.findFirstOrThrow({ where: { classId, contentId } })).id;

  it("lists what is assigned with its state and a due-soon flag", async () => {
    const mine = await w.caller(await student()).assignments.mine();
    const lesson = mine.find((a) => a.type === "LESSON");
    expect(lesson).toMatchObject({ state: "NOT_STARTED", dueSoon: true, overdue: false, className: "Bio" });
  });

  it("reads a lesson section by section until it is complete, recording each step", async () => {
    const caller = w.caller(await student());
    const assignmentId = await assignmentOf(lessonId);
    const opened = await caller.assignments.openLesson({ assignmentId });
    expect(opened.totalSections).toBe(2);
    await caller.assignments.openLesson({ assignmentId });
    await caller.assignments.completeSection({ assignmentId, sectionId: "s1" });
    const done = await caller.assignments.completeSection({ assignmentId, sectionId: "s2" });
    expect(done.completedAt).toBeInstanceOf(Date);
    const types = (await w.t.db.activityEvent.findMany({ where: { userId: w.users.a.STUDENT.id } })).map((e) => e.type);
    expect(types.filter((t) => t === "lesson_started")).toHaveLength(1);
    expect(types.filter((t) => t === "section_completed")).toHaveLength(2);
    expect(types).toContain("lesson_completed");
    expect((await caller.assignments.mine()).find((a) => a.type === "LESSON")?.state).toBe("COMPLETED");
  });

  it("takes a quiz: no answer key while playing, autosave, instant grading on submit", async () => {
    const caller = w.caller(await student());
    const assignmentId = await assignmentOf(quizId);
    const player = await caller.assignments.startAttempt({ assignmentId });
    expect(player.questions.map((x) => x.id)).toEqual([q.choice, q.tf, q.num]);
    expect(JSON.stringify(player)).not.toMatch(/"answer"|"correct"|Because/);

    await caller.assignments.saveResponses({
      attemptId: player.attemptId,
      responses: { [q.choice as string]: { selected: ["a"] } },
    });
    const resumed = await caller.assignments.startAttempt({ assignmentId });
    expect(resumed.attemptId).toBe(player.attemptId);
    expect(resumed.responses[q.choice as string]).toEqual({ selected: ["a"] });

    const result = await caller.assignments.submitAttempt({
      attemptId: player.attemptId,
      responses: { [q.tf as string]: { value: false }, [q.num as string]: { number: 2 } },
    });
    expect(result).toMatchObject({ score: 4, maxScore: 6, answersRevealed: false });
    expect(result.questions.map((x) => x.correct)).toEqual([true, false, true]);
    expect(await w.t.db.attemptAnswer.count({ where: { attemptId: player.attemptId } })).toBe(3);
    expect(await w.t.db.activityEvent.count({ where: { type: "quiz_submitted" } })).toBe(1);
  });

  it("never sends hidden correct answers or explanations in a result", async () => {
    const caller = w.caller(await student());
    const [attempt] = (await caller.assignments.myAttempts({ assignmentId: await assignmentOf(quizId) })).attempts;
    const view = await caller.assignments.attempt({ attemptId: attempt?.id ?? "" });
    expect(view.kind).toBe("result");
    const serialized = JSON.stringify(view);
    expect(serialized).not.toContain("Because");
    expect(view.kind === "result" && view.result.questions.every((x) => x.correctAnswer === null)).toBe(true);
  });

  it("reveals answers and explanations when the teacher chose to show them", async () => {
    const assignmentId = await assignmentOf(quizId);
    await w.scoped("a").assignment.update({ where: { id: assignmentId }, data: { showCorrectAnswers: true } });
    const caller = w.caller(await student());
    const [attempt] = (await caller.assignments.myAttempts({ assignmentId })).attempts;
    const view = await caller.assignments.attempt({ attemptId: attempt?.id ?? "" });
    expect(view.kind === "result" && view.result.questions[1]?.correctAnswer).toEqual({ value: true });
    expect(view.kind === "result" && view.result.questions[1]?.explanation).toBe("Because tf");
    await w.scoped("a").assignment.update({ where: { id: assignmentId }, data: { showCorrectAnswers: false } });
  });

  it("refuses a second submission of the same attempt", async () => {
    const caller = w.caller(await student());
    const [attempt] = (await caller.assignments.myAttempts({ assignmentId: await assignmentOf(quizId) })).attempts;
    expect((await errorOf(caller.assignments.submitAttempt({ attemptId: attempt?.id ?? "" }))).code).toBe(
      "PRECONDITION_FAILED",
    );
  });

  it("enforces the attempt limit on the server", async () => {
    const caller = w.caller(await student());
    const assignmentId = await assignmentOf(quizId);
    const second = await caller.assignments.startAttempt({ assignmentId });
    expect(second.number).toBe(2);
    await caller.assignments.submitAttempt({ attemptId: second.attemptId });
    expect((await errorOf(caller.assignments.startAttempt({ assignmentId }))).code).toBe("PRECONDITION_FAILED");
  });

  it("other students cannot open another student's attempt or an assignment of a class they are not in", async () => {
    const assignmentId = await assignmentOf(quizId);
    const [attempt] = (await w.caller(await student()).assignments.myAttempts({ assignmentId })).attempts;
    const outsider = await w.scoped("a").user.create({
      data: {
        organizationId: w.orgs.a,
        email: "outsider@a.test",
        name: "Out Sider",
        role: "STUDENT",
        passwordHash: "x",
      },
    });
    const caller = w.caller({
      userId: outsider.id,
      orgId: w.orgs.a,
      role: "STUDENT",
      name: "Out",
      email: outsider.email,
      scopes: [],
    });
    expect((await errorOf(caller.assignments.attempt({ attemptId: attempt?.id ?? "" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(caller.assignments.startAttempt({ assignmentId }))).code).toBe("NOT_FOUND");
    const foreign = w.caller(await w.actor("b", "STUDENT"));
    expect((await errorOf(foreign.assignments.openLesson({ assignmentId: await assignmentOf(lessonId) }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("quizzes drawn from a bank tag", () => {
  it("does not repeat a question across a student's attempts while the bank has fresh ones", async () => {
    for (const key of ["p1", "p2", "p3", "p4"]) {
      await question(key, {
        type: "TRUE_FALSE",
        prompt: `Plant fact ${key}`,
        answer: { value: true },
        tags: ["plants"],
      });
    }
    const drawQuiz = await content(
      "QUIZ",
      "PUBLISHED",
      { instructions: "", draw: { tag: "plants", count: 2, avoidRepeats: true } },
      "Draw",
    );
    const assignment = await w
      .caller(await teacher())
      .assignments.create({ classId, contentId: drawQuiz, maxAttempts: 3 });
    const caller = w.caller(await student());
    const first = await caller.assignments.startAttempt({ assignmentId: assignment.id });
    await caller.assignments.submitAttempt({ attemptId: first.attemptId });
    const second = await caller.assignments.startAttempt({ assignmentId: assignment.id });
    expect(first.questions).toHaveLength(2);
    expect(second.questions.map((x) => x.id).filter((id) => first.questions.some((f) => f.id === id))).toEqual([]);
  });

  it("a cleared answer is removed from the saved attempt and graded as unanswered", async () => {
    const caller = w.caller(await student());
    const assignment = await w.scoped("a").assignment.findFirstOrThrow({ where: { content: { title: "Draw" } } });
    const attempt = await caller.assignments.startAttempt({ assignmentId: assignment.id });
    const [first] = attempt.questions;
    const id = first?.id ?? "";
    await caller.assignments.saveResponses({ attemptId: attempt.attemptId, responses: { [id]: { value: true } } });
    await caller.assignments.saveResponses({ attemptId: attempt.attemptId, responses: { [id]: null } });
    const resumed = await caller.assignments.startAttempt({ assignmentId: assignment.id });
    expect(resumed.responses[id]).toBeUndefined();
    const result = await caller.assignments.submitAttempt({ attemptId: attempt.attemptId });
    expect(result.questions.find((x) => x.id === id)).toMatchObject({ correct: false, points: 0, response: null });
  });
});
