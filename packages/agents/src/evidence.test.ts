// The evidence panel's checks: they report the item as it is saved now (after a teacher's edits),
// and a broken script or answer key shows as a failure rather than the original draft's pass.
import { type Prisma, scopeToOrganization } from "@toolboxai/db";
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import type { RobloxEnvironment, TaskResult } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, runOffline } from "./agents/test-fixtures";
import {
  buildEvidence,
  checkAnswerKeys,
  checkEnvironmentScripts,
  checkScripts,
  currentEvidence,
  EMPTY_QUIZ_PROBLEM,
  recheckEvidence,
  type SavedItem,
} from "./evidence";
import type { Drafts, MaterializedItem } from "./task-types";

const run = runOffline(request());

const drafts: Drafts = {
  request: run.request,
  outline: run.outline,
  lesson: run.lesson,
  quiz: run.quiz,
  terrain: run.terrain,
  scripts: run.scripts,
  standards: run.standards,
  review: run.review,
  sourceSteps: {
    lesson: { step: "content", agent: "content" },
    quiz: { step: "quiz", agent: "quiz" },
    environment: { step: "script", agent: "script" },
  },
  revised: run.revised,
};

const items: MaterializedItem[] = [
  { part: "lesson", contentId: "lesson-1", type: "LESSON", title: "Lesson" },
  { part: "quiz", contentId: "quiz-1", type: "QUIZ", title: "Quiz" },
  { part: "environment", contentId: "env-1", type: "ENVIRONMENT", title: "Lab" },
];

const questions = run.quiz?.questions ?? [];
const scripts = run.scripts?.scripts ?? [];

/** A valid single-choice question whose key is then edited. */
const choice = {
  type: "SINGLE_CHOICE",
  prompt: "Which organelle captures light?",
  points: 1,
  explanation: null,
  options: [
    { id: "a", text: "Chloroplast" },
    { id: "b", text: "Nucleus" },
  ],
  answer: { correct: ["a"] },
};

const BROKEN_SCRIPT = { name: "StationPrompts", source: "local count = 0\nif count > 1 then\n\tprint(count)\n" };

function environmentBody(withScripts: { name: string; source: string }[]): Partial<RobloxEnvironment> {
  return {
    terrain: run.terrain ?? undefined,
    scripts: withScripts.map((s) => ({ kind: "server" as const, purpose: "Test", ...s })),
    checkpoints: [],
  };
}

const itemOf = (result: TaskResult, part: string) => result.items.find((i) => i.part === part);

describe("checkAnswerKeys", () => {
  it("passes every answer key the offline quiz writer produced", () => {
    expect(checkAnswerKeys(questions)).toEqual({ checked: questions.length, valid: questions.length, problems: [] });
  });

  it("fails a question whose correct answer is not one of its options, naming the question and field", () => {
    const edited = { ...choice, answer: { correct: ["z"] } };
    const check = checkAnswerKeys([choice, edited]);
    expect(check).toMatchObject({ checked: 2, valid: 1 });
    expect(check.problems).toEqual(["Question 2: The answer must be one of the options (at answer.correct.0)"]);
  });

  it("fails a multiple-choice question that marks the same option correct twice", () => {
    const check = checkAnswerKeys([{ ...choice, type: "MULTIPLE_CHOICE", answer: { correct: ["a", "a"] } }]);
    expect(check.valid).toBe(0);
    expect(check.problems[0]).toMatch(/^Question 1: An option is marked correct twice/);
  });

  it("fails a stored row that is not a question at all", () => {
    const check = checkAnswerKeys([null, { type: "ESSAY", prompt: "Discuss." }]);
    expect(check).toMatchObject({ checked: 2, valid: 0 });
    expect(check.problems).toHaveLength(2);
  });

  it("flags a quiz left with no questions", () => {
    expect(checkAnswerKeys([])).toEqual({ checked: 0, valid: 0, problems: [EMPTY_QUIZ_PROBLEM] });
  });
});

describe("checkScripts", () => {
  it("passes every script the offline script writer produced", () => {
    expect(checkScripts(scripts)).toEqual({ checked: scripts.length, parsed: scripts.length, problems: [] });
  });

  it("fails a script that does not parse, naming it and the parser's message with its line", () => {
    const check = checkScripts([...scripts, BROKEN_SCRIPT]);
    expect(check).toMatchObject({ checked: scripts.length + 1, parsed: scripts.length });
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatch(/^StationPrompts: \[\d+:\d+\] 'end' expected/);
  });

  it("fails an environment body whose scripts cannot be read", () => {
    const check = checkEnvironmentScripts({ terrain: {}, scripts: "print('hi')" });
    expect(check.problems).toEqual([
      "The environment's scripts could not be read: open it in the editor, fix it and save it.",
    ]);
  });
});

describe("buildEvidence", () => {
  const result = buildEvidence(drafts, items);

  it("reports the drafts' answer keys and scripts as checked when the task finishes", () => {
    expect(itemOf(result, "quiz")?.answerKeyCheck).toEqual({
      checked: questions.length,
      valid: questions.length,
      problems: [],
    });
    expect(itemOf(result, "environment")?.scriptCheck).toEqual({
      checked: scripts.length,
      parsed: scripts.length,
      problems: [],
    });
  });

  it("reports a draft script that does not parse as a failure", () => {
    const broken = buildEvidence(
      { ...drafts, scripts: { scripts: [...scripts, { ...BROKEN_SCRIPT, kind: "server", purpose: "x" }] } },
      items,
    );
    expect(itemOf(broken, "environment")?.scriptCheck?.parsed).toBe(scripts.length);
    expect(itemOf(broken, "environment")?.scriptCheck?.problems).toHaveLength(1);
  });

  it("credits each item to the step and agent that produced it, with its findings and standards", () => {
    expect(itemOf(result, "environment")).toMatchObject({ step: "script", agent: "script" });
    expect(itemOf(result, "lesson")?.standards.map((s) => s.code)).toContain("MS-LS1-6");
  });

  it("carries the offline reviewer's verdict, which says its checks are heuristic, to the review screen", () => {
    expect(result.review).toMatchObject({
      verdict: "approved",
      summary: expect.stringMatching(/^Offline review: heuristic checks \(no language model\)\. /),
    });
  });
});

describe("recheckEvidence", () => {
  const atFinish = buildEvidence(drafts, items);

  it("reports a script the teacher broke after the task finished", () => {
    const saved = new Map<string, SavedItem>([
      ["env-1", { type: "ENVIRONMENT", body: environmentBody([...scripts, BROKEN_SCRIPT]) }],
    ]);
    const check = itemOf(recheckEvidence(atFinish, saved), "environment")?.scriptCheck;
    expect(check).toMatchObject({ checked: scripts.length + 1, parsed: scripts.length });
    expect(check?.problems[0]).toMatch(/^StationPrompts: /);
  });

  it("reports an answer key that no longer validates in the quiz as saved", () => {
    const saved = new Map<string, SavedItem>([
      ["quiz-1", { type: "QUIZ", questions: [choice, { ...choice, answer: { correct: ["gone"] } }] }],
    ]);
    expect(itemOf(recheckEvidence(atFinish, saved), "quiz")?.answerKeyCheck).toMatchObject({ checked: 2, valid: 1 });
  });

  it("counts the questions the quiz holds now, not the ones the draft had", () => {
    const saved = new Map<string, SavedItem>([["quiz-1", { type: "QUIZ", questions: questions.slice(0, 2) }]]);
    expect(itemOf(recheckEvidence(atFinish, saved), "quiz")?.answerKeyCheck).toEqual({
      checked: 2,
      valid: 2,
      problems: [],
    });
  });

  it("keeps the finished task's checks for an item that is no longer saved", () => {
    expect(recheckEvidence(atFinish, new Map())).toEqual(atFinish);
  });

  it("leaves the step, findings, standards and review as they were", () => {
    const saved = new Map<string, SavedItem>([
      ["env-1", { type: "ENVIRONMENT", body: environmentBody([BROKEN_SCRIPT]) }],
    ]);
    const rechecked = recheckEvidence(atFinish, saved);
    const { scriptCheck: _after, ...after } = itemOf(rechecked, "environment") ?? {};
    const { scriptCheck: _before, ...before } = itemOf(atFinish, "environment") ?? {};
    expect(after).toEqual(before);
    expect(rechecked.review).toEqual(atFinish.review);
  });
});

describe("currentEvidence on a real database", () => {
  let t: TestDatabase;
  let orgId: string;
  let userId: string;
  let quizId: string;
  let envId: string;
  let questionIds: string[];
  let result: TaskResult;
  const db = () => scopeToOrganization(t.db, orgId);

  beforeAll(async () => {
    t = await createTestDatabase();
    orgId = (await t.db.organization.create({ data: { name: "Evidence School", slug: "evidence" } })).id;
    userId = (
      await t.db.user.create({
        data: { organizationId: orgId, email: "t@evidence.test", name: "T", role: "TEACHER", passwordHash: "x" },
      })
    ).id;
    const content = (type: "QUIZ" | "ENVIRONMENT", body: Prisma.InputJsonValue) =>
      db().contentItem.create({
        data: {
          organizationId: orgId,
          authorId: userId,
          type,
          title: type,
          subject: "Life Science",
          gradeLevel: "7",
          body,
          status: "GENERATED",
          generated: true,
        },
      });
    quizId = (await content("QUIZ", { instructions: "", draw: null })).id;
    envId = (await content("ENVIRONMENT", environmentBody(scripts) as Prisma.InputJsonValue)).id;
    questionIds = [];
    for (const [i, q] of questions.entries()) {
      const row = await db().question.create({
        data: {
          organizationId: orgId,
          ownerId: userId,
          type: q.type,
          prompt: q.prompt,
          options: q.options,
          answer: q.answer,
          points: q.points,
          explanation: q.explanation ?? null,
        },
      });
      questionIds.push(row.id);
      await db().quizQuestion.create({ data: { organizationId: orgId, quizId, questionId: row.id, position: i + 1 } });
    }
    result = buildEvidence(drafts, [
      { part: "quiz", contentId: quizId, type: "QUIZ", title: "Quiz" },
      { part: "environment", contentId: envId, type: "ENVIRONMENT", title: "Lab" },
    ]);
  });
  afterAll(() => t.close());

  it("agrees with the finished task while nothing has been edited", async () => {
    expect(await currentEvidence(db(), result)).toEqual(result);
  });

  it("reports a script that an edit saved without it parsing", async () => {
    await db().contentItem.update({
      where: { id: envId },
      data: { body: environmentBody([...scripts, BROKEN_SCRIPT]) as Prisma.InputJsonValue, version: { increment: 1 } },
    });
    const check = itemOf(await currentEvidence(db(), result), "environment")?.scriptCheck;
    expect(check).toMatchObject({ checked: scripts.length + 1, parsed: scripts.length });
    expect(check?.problems).toEqual([expect.stringMatching(/^StationPrompts: /)]);
  });

  it("reports a stored answer key that names an option the question does not have", async () => {
    expect(questions[0]?.type).toMatch(/^(SINGLE|MULTIPLE)_CHOICE$/);
    await db().question.update({ where: { id: questionIds[0] }, data: { answer: { correct: ["not-an-option"] } } });
    const check = itemOf(await currentEvidence(db(), result), "quiz")?.answerKeyCheck;
    expect(check).toMatchObject({ checked: questions.length, valid: questions.length - 1 });
    expect(check?.problems).toEqual([expect.stringMatching(/^Question 1: The answer must be one of the options/)]);
  });

  it("leaves questions removed from the bank out of the count", async () => {
    await db().question.update({ where: { id: questionIds[1] }, data: { deletedAt: new Date() } });
    const check = itemOf(await currentEvidence(db(), result), "quiz")?.answerKeyCheck;
    expect(check?.checked).toBe(questions.length - 1);
  });

  it("does not read another organization's items", async () => {
    const other = (await t.db.organization.create({ data: { name: "Other", slug: "other" } })).id;
    const foreign = await currentEvidence(scopeToOrganization(t.db, other), result);
    expect(foreign).toEqual(result);
  });
});
