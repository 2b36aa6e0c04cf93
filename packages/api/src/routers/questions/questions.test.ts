import type { DomainError } from "@toolboxai/core";
import { type Actor, loadActor } from "@toolboxai/core";
import type { QuestionInput } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let teacher2: Actor;
beforeAll(async () => {
  w = await createWorld();
  const u = await w.t.db.user.create({
    data: {
      organizationId: w.orgs.a,
      email: "teacher2@a.test",
      name: "Second Teacher",
      role: "TEACHER",
      passwordHash: "x",
    },
  });
  teacher2 = (await loadActor(w.t.db, u.id)) as Actor;
});
afterAll(() => w.t.close());

const teacherA = () => w.actor("a", "TEACHER");
const adminA = () => w.actor("a", "ADMIN");

const single = (over: Partial<QuestionInput> = {}): QuestionInput =>
  ({
    type: "SINGLE_CHOICE",
    prompt: "Which planet is largest?",
    options: [
      { id: "a", text: "Mars" },
      { id: "b", text: "Jupiter" },
      { id: "c", text: "Venus" },
    ],
    answer: { correct: ["b"] },
    points: 2,
    tags: ["space"],
    ...over,
  }) as QuestionInput;

const numeric = (value = 9.81, tolerance = 0.01, points = 3): QuestionInput => ({
  type: "NUMERIC",
  prompt: "Gravity at the surface of Earth (m/s²)?",
  answer: { value, tolerance },
  points,
  tags: ["physics"],
});

/** The zod issue paths of a BAD_REQUEST. */
function issuePaths(error: { cause?: unknown }): string[] {
  expect(error.cause).toBeInstanceOf(ZodError);
  return (error.cause as ZodError).issues.map((i) => i.path.join("."));
}

describe("questions.create: answer-key validation", () => {
  it("creates every type, owned by the caller, at version 1, with an activity event", async () => {
    const caller = w.caller(await teacherA());
    const inputs: QuestionInput[] = [
      single(),
      {
        type: "MULTIPLE_CHOICE",
        prompt: "Pick the primes",
        options: [
          { id: "1", text: "2" },
          { id: "2", text: "4" },
          { id: "3", text: "5" },
        ],
        answer: { correct: ["1", "3"] },
      },
      { type: "TRUE_FALSE", prompt: "The sun is a star", answer: { value: true } },
      { type: "SHORT_ANSWER", prompt: "Capital of France?", answer: { accepted: ["Paris"] } },
      numeric(),
    ];
    for (const input of inputs) {
      const q = await caller.questions.create(input);
      expect(q).toMatchObject({ type: input.type, version: 1, sharedAccess: null, canEdit: true, canManage: true });
      expect(q.owner.id).toBe(w.users.a.TEACHER.id);
      const event = await w.t.db.activityEvent.findFirst({
        where: { type: "question_created" },
        orderBy: { createdAt: "desc" },
      });
      expect(event?.metadata).toMatchObject({ questionId: q.id });
    }
  });

  it("applies defaults: 1 point, case-insensitive short answers, zero tolerance, de-duplicated lower-case tags", async () => {
    const caller = w.caller(await teacherA());
    const q = await caller.questions.create({
      type: "SHORT_ANSWER",
      prompt: "H2O is called?",
      answer: { accepted: ["water"] },
      tags: ["Chem", "chem"],
    });
    expect(q).toMatchObject({ points: 1, answer: { accepted: ["water"], caseSensitive: false }, tags: ["chem"] });
    const n = await caller.questions.create({ type: "NUMERIC", prompt: "2+2", answer: { value: 4 } });
    expect(n.answer).toEqual({ value: 4, tolerance: 0 });
  });

  it("refuses an answer that is not among the options, at answer.correct.0", async () => {
    const error = await errorOf(w.caller(await teacherA()).questions.create(single({ answer: { correct: ["z"] } })));
    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual(["answer.correct.0"]);
  });

  it("refuses a question with no correct option", async () => {
    const caller = w.caller(await teacherA());
    const none = await errorOf(caller.questions.create(single({ answer: { correct: [] } })));
    expect(issuePaths(none)).toEqual(["answer.correct"]);
    const multi = await errorOf(
      caller.questions.create({ ...single(), type: "MULTIPLE_CHOICE", answer: { correct: [] } } as QuestionInput),
    );
    expect(issuePaths(multi)).toEqual(["answer.correct"]);
  });

  it("refuses duplicate options (text compared case-insensitively) and duplicate ids", async () => {
    const caller = w.caller(await teacherA());
    const dupText = await errorOf(
      caller.questions.create(
        single({
          options: [
            { id: "a", text: "Mars" },
            { id: "b", text: " mars " },
          ],
          answer: { correct: ["a"] },
        }),
      ),
    );
    expect(issuePaths(dupText)).toEqual(["options.1.text"]);
    const dupId = await errorOf(
      caller.questions.create(
        single({
          options: [
            { id: "a", text: "Mars" },
            { id: "a", text: "Venus" },
          ],
          answer: { correct: ["a"] },
        }),
      ),
    );
    expect(issuePaths(dupId)).toEqual(["options.1.id"]);
  });

  it("refuses a multiple-choice key marking an option twice, and two correct options on single choice", async () => {
    const caller = w.caller(await teacherA());
    const twice = await errorOf(
      caller.questions.create({
        ...single(),
        type: "MULTIPLE_CHOICE",
        answer: { correct: ["a", "a"] },
      } as QuestionInput),
    );
    expect(issuePaths(twice)).toEqual(["answer.correct"]);
    const two = await errorOf(caller.questions.create(single({ answer: { correct: ["a", "b"] } })));
    expect(issuePaths(two)).toEqual(["answer.correct"]);
  });

  it("refuses short answers without accepted answers or with a repeated one, and negative tolerance", async () => {
    const caller = w.caller(await teacherA());
    const empty = await errorOf(
      caller.questions.create({ type: "SHORT_ANSWER", prompt: "x", answer: { accepted: [] } }),
    );
    expect(issuePaths(empty)).toEqual(["answer.accepted"]);
    const repeated = await errorOf(
      caller.questions.create({ type: "SHORT_ANSWER", prompt: "x", answer: { accepted: ["Paris", " paris"] } }),
    );
    expect(issuePaths(repeated)).toEqual(["answer.accepted.1"]);
    const tolerance = await errorOf(caller.questions.create(numeric(1, -0.5)));
    expect(issuePaths(tolerance)).toEqual(["answer.tolerance"]);
  });

  it("refuses options on a true/false question and a missing prompt", async () => {
    const caller = w.caller(await teacherA());
    const error = await errorOf(
      caller.questions.create({
        type: "TRUE_FALSE",
        prompt: " ",
        options: [{ id: "a", text: "x" }],
        answer: { value: true },
      }),
    );
    expect(issuePaths(error).sort()).toEqual(["options", "prompt"]);
  });
});

describe("visibility and sharing", () => {
  it("keeps a question private to its owner (and admins) until it is shared", async () => {
    const owner = w.caller(await teacherA());
    const q = await owner.questions.create(single({ prompt: "Private question about owls" }));
    const other = w.caller(teacher2);
    expect((await errorOf(other.questions.get({ questionId: q.id }))).code).toBe("NOT_FOUND");
    expect((await other.questions.list({ search: "owls" })).total).toBe(0);
    const asAdmin = await w.caller(await adminA()).questions.get({ questionId: q.id });
    expect(asAdmin).toMatchObject({ canEdit: true, canManage: true });
  });

  it("VIEW sharing is read-only: update, remove and share are FORBIDDEN", async () => {
    const owner = w.caller(await teacherA());
    const q = await owner.questions.create(single({ prompt: "Shared to view: herons" }));
    const shared = await owner.questions.share({ questionId: q.id, access: "VIEW" });
    expect(shared.sharedAccess).toBe("VIEW");

    const other = w.caller(teacher2);
    const seen = await other.questions.get({ questionId: q.id });
    expect(seen).toMatchObject({ canEdit: false, canManage: false });
    expect((await errorOf(other.questions.update({ questionId: q.id, ...single({ prompt: "Hacked" }) }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await errorOf(other.questions.remove({ questionId: q.id }))).code).toBe("FORBIDDEN");
    expect((await errorOf(other.questions.share({ questionId: q.id, access: "EDIT" }))).code).toBe("FORBIDDEN");

    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "question.shared", targetId: q.id } });
    expect(audit.metadata).toEqual({ from: null, to: "VIEW", requestId: expect.any(String) });
  });

  it("EDIT sharing lets another teacher edit (version bumps) but not remove or re-share", async () => {
    const owner = w.caller(await teacherA());
    const q = await owner.questions.create(single({ prompt: "Shared to edit: cranes" }));
    await owner.questions.share({ questionId: q.id, access: "EDIT" });
    const other = w.caller(teacher2);
    const { question } = await other.questions.update({ questionId: q.id, ...single({ prompt: "Edited: cranes" }) });
    expect(question).toMatchObject({ prompt: "Edited: cranes", version: 2, canEdit: true, canManage: false });
    expect(question.owner.id).toBe(w.users.a.TEACHER.id);
    expect((await errorOf(other.questions.remove({ questionId: q.id }))).code).toBe("FORBIDDEN");
    expect((await errorOf(other.questions.share({ questionId: q.id, access: null }))).code).toBe("FORBIDDEN");
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "question.updated", targetId: q.id } });
    expect(audit.actorId).toBe(teacher2.userId);
    expect(
      await w.t.db.activityEvent.count({ where: { type: "question_updated", userId: teacher2.userId } }),
    ).toBeGreaterThan(0);
  });

  it("unsharing makes it private again; an admin can share anyone's question", async () => {
    const owner = w.caller(await teacherA());
    const q = await owner.questions.create(single({ prompt: "Toggle sharing: storks" }));
    await w.caller(await adminA()).questions.share({ questionId: q.id, access: "VIEW" });
    expect((await w.caller(teacher2).questions.get({ questionId: q.id })).sharedAccess).toBe("VIEW");
    await owner.questions.share({ questionId: q.id, access: null });
    expect((await errorOf(w.caller(teacher2).questions.get({ questionId: q.id }))).code).toBe("NOT_FOUND");
  });

  it("lists by scope, search (case-insensitive), tag and type, with pages", async () => {
    const owner = w.caller(await teacherA());
    const mine = await owner.questions.create(single({ prompt: "Scope test MINE zebra", tags: ["scope"] }));
    const theirs = await w
      .caller(teacher2)
      .questions.create(single({ prompt: "Scope test THEIRS zebra", tags: ["scope"] }));
    await w.caller(teacher2).questions.share({ questionId: theirs.id, access: "VIEW" });
    await w.caller(teacher2).questions.create(single({ prompt: "Scope test PRIVATE zebra", tags: ["scope"] }));

    const ids = async (input: Parameters<typeof owner.questions.list>[0]) =>
      (await owner.questions.list(input)).items.map((q) => q.id).sort();
    expect(await ids({ tag: "scope", scope: "mine" })).toEqual([mine.id]);
    expect(await ids({ tag: "scope", scope: "shared" })).toEqual([theirs.id]);
    expect(await ids({ tag: "scope", scope: "all" })).toEqual([mine.id, theirs.id].sort());
    expect(await ids({ search: "ZEBRA" })).toEqual([mine.id, theirs.id].sort());
    expect(await ids({ search: "zebra", type: "NUMERIC" })).toEqual([]);
    const admin = await w.caller(await adminA()).questions.list({ tag: "scope" });
    expect(admin.total).toBe(3);
    const page = await owner.questions.list({ tag: "scope", pageSize: 1, page: 2 });
    expect(page).toMatchObject({ total: 2, pageCount: 2, page: 2 });
    expect(page.items).toHaveLength(1);
  });
});

describe("questions.remove (soft delete)", () => {
  it("hides the question, keeps the row, takes it out of quizzes and audits", async () => {
    const owner = w.caller(await teacherA());
    const q = await owner.questions.create(single({ prompt: "To be removed" }));
    const quiz = await createQuiz("a", w.users.a.TEACHER.id);
    await owner.questions.setQuizQuestions({ quizId: quiz, questionIds: [q.id] });
    const result = await owner.questions.remove({ questionId: q.id });
    expect(result).toEqual({ questionId: q.id, regrade: null });
    expect((await errorOf(owner.questions.get({ questionId: q.id }))).code).toBe("NOT_FOUND");
    expect((await owner.questions.list({ search: "To be removed" })).total).toBe(0);
    expect((await w.t.db.question.findUniqueOrThrow({ where: { id: q.id } })).deletedAt).not.toBeNull();
    expect(await owner.questions.quizQuestions({ quizId: quiz })).toEqual([]);
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "question.removed", targetId: q.id } });
    expect(audit.metadata).toEqual({ quizzesAffected: 1, requestId: expect.any(String) });
    expect((await errorOf(owner.questions.update({ questionId: q.id, ...single() }))).code).toBe("NOT_FOUND");
  });
});

// ---------------------------------------------------------------------------------------------
// Attempts, inserted directly as a submit would leave them.

let seq = 0;
async function createQuiz(org: "a" | "b", authorId: string, status: "DRAFT" | "PUBLISHED" = "DRAFT") {
  const quiz = await w.scoped(org).contentItem.create({
    data: {
      organizationId: w.orgs[org],
      authorId,
      type: "QUIZ",
      title: `Quiz ${++seq}`,
      subject: "science",
      gradeLevel: "5",
      body: { instructions: "", draw: null },
      status,
    },
  });
  return quiz.id;
}

interface Submitted {
  attemptId: string;
}
/**
 * Each attempt answers `question` with the given response and a fixed 5-point "other" question
 * (correct), so scores show the regrade changes only the question's share.
 */
async function submitAttempts(questionId: string, responses: unknown[]): Promise<Submitted[]> {
  const db = w.scoped("a");
  const teacher = w.users.a.TEACHER.id;
  const quiz = await createQuiz("a", teacher);
  const cls = await db.class.create({
    data: {
      organizationId: w.orgs.a,
      teacherId: teacher,
      name: `Class ${++seq}`,
      subject: "science",
      gradeLevel: "5",
      joinCode: `J${seq}X${Date.now()}`,
    },
  });
  const assignment = await db.assignment.create({
    data: { organizationId: w.orgs.a, classId: cls.id, contentId: quiz, assignedById: teacher },
  });
  const other = await w.caller(await teacherA()).questions.create(single({ prompt: "Other", points: 5 }));
  const question = await w.t.db.question.findUniqueOrThrow({ where: { id: questionId } });
  const { gradeResponse } = await import("@toolboxai/core");
  const out: Submitted[] = [];
  for (const [i, response] of responses.entries()) {
    const grade = gradeResponse(question, response);
    const attempt = await db.attempt.create({
      data: {
        organizationId: w.orgs.a,
        assignmentId: assignment.id,
        studentId: w.users.a.STUDENT.id,
        number: i + 1,
        status: "SUBMITTED",
        questionIds: [questionId, other.id],
        responses: { [questionId]: response, [other.id]: { selected: ["b"] } } as object,
        score: grade.points + 5,
        maxScore: grade.maxPoints + 5,
        submittedAt: new Date(),
      },
    });
    await db.attemptAnswer.createMany({
      data: [
        { organizationId: w.orgs.a, attemptId: attempt.id, questionId, response: response as object, ...grade },
        {
          organizationId: w.orgs.a,
          attemptId: attempt.id,
          questionId: other.id,
          response: { selected: ["b"] },
          correct: true,
          points: 5,
          maxPoints: 5,
        },
      ],
    });
    out.push({ attemptId: attempt.id });
  }
  return out;
}

async function scores(attempts: Submitted[]) {
  const rows = await w.t.db.attempt.findMany({ where: { id: { in: attempts.map((a) => a.attemptId) } } });
  return attempts.map((a) => {
    const row = rows.find((r) => r.id === a.attemptId);
    return [row?.score, row?.maxScore];
  });
}

describe("regrade policies", () => {
  // Key 9.81 +/- 0.01, 3 points. Responses: right, wrong (10), unanswered-ish shape.
  async function answered() {
    const q = await w.caller(await teacherA()).questions.create(numeric());
    const attempts = await submitAttempts(q.id, [{ number: 9.81 }, { number: 10 }, { text: "ten" }]);
    expect(await scores(attempts)).toEqual([
      [8, 8],
      [5, 8],
      [5, 8],
    ]);
    return { q, attempts };
  }

  it("an edit of the key without a policy is CONFLICT on regradePolicy, naming the number of attempts", async () => {
    const { q } = await answered();
    const error = await errorOf(w.caller(await teacherA()).questions.update({ questionId: q.id, ...numeric(10, 0.5) }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("3 attempts");
    expect((error.cause as DomainError).fieldErrors).toEqual({
      regradePolicy: ["Students have answered this question: choose how to treat their scores"],
    });
    expect((await w.t.db.question.findUniqueOrThrow({ where: { id: q.id } })).version).toBe(1);
  });

  it("an edit that leaves the key alone (prompt, tags, explanation) needs no policy", async () => {
    const { q, attempts } = await answered();
    const { question, regrade } = await w.caller(await teacherA()).questions.update({
      questionId: q.id,
      ...numeric(),
      prompt: "Reworded prompt",
      explanation: "g ≈ 9.81",
      tags: ["physics", "gravity"],
    });
    expect(question.version).toBe(2);
    expect(regrade).toBeNull();
    expect(await scores(attempts)).toEqual([
      [8, 8],
      [5, 8],
      [5, 8],
    ]);
  });

  it("KEEP_SCORES changes the question but no answer or score", async () => {
    const { q, attempts } = await answered();
    const result = await w.caller(await teacherA()).questions.update({
      questionId: q.id,
      ...numeric(10, 0.5, 4),
      regradePolicy: "KEEP_SCORES",
    });
    expect(result.regrade).toEqual({ policy: "KEEP_SCORES", attemptsAffected: 3 });
    expect(result.question).toMatchObject({ version: 2, points: 4, answer: { value: 10, tolerance: 0.5 } });
    expect(await scores(attempts)).toEqual([
      [8, 8],
      [5, 8],
      [5, 8],
    ]);
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "question.regraded", targetId: q.id } });
    expect(audit.metadata).toMatchObject({ policy: "KEEP_SCORES", attemptsAffected: 3 });
  });

  it("REGRADE_ALL grades every answer again with the new key and points", async () => {
    const { q, attempts } = await answered();
    const result = await w.caller(await teacherA()).questions.update({
      questionId: q.id,
      ...numeric(10, 0.1, 4),
      regradePolicy: "REGRADE_ALL",
    });
    expect(result.regrade).toEqual({ policy: "REGRADE_ALL", attemptsAffected: 3 });
    expect(await scores(attempts)).toEqual([
      [5, 9],
      [9, 9],
      [5, 9],
    ]);
    const answers = await w.t.db.attemptAnswer.findMany({ where: { questionId: q.id } });
    expect(answers.map((a) => [a.correct, a.points, a.maxPoints]).sort()).toEqual(
      [
        [false, 0, 4],
        [false, 0, 4],
        [true, 4, 4],
      ].sort(),
    );
  });

  it("FULL_MARKS gives every answer the question's (new) full points", async () => {
    const { q, attempts } = await answered();
    await w.caller(await teacherA()).questions.update({
      questionId: q.id,
      ...numeric(9.81, 0.01, 2),
      regradePolicy: "FULL_MARKS",
    });
    expect(await scores(attempts)).toEqual([
      [7, 7],
      [7, 7],
      [7, 7],
    ]);
    expect(await w.t.db.attemptAnswer.count({ where: { questionId: q.id, correct: false } })).toBe(0);
  });

  it("a type change counts as a key change", async () => {
    const { q } = await answered();
    const error = await errorOf(
      w.caller(await teacherA()).questions.update({
        questionId: q.id,
        type: "SHORT_ANSWER",
        prompt: "g?",
        points: 3,
        answer: { accepted: ["9.81"] },
      }),
    );
    expect(error.code).toBe("CONFLICT");
  });

  it("removing an answered question needs a policy too", async () => {
    const { q } = await answered();
    const error = await errorOf(w.caller(await teacherA()).questions.remove({ questionId: q.id }));
    expect(error.code).toBe("CONFLICT");
    expect((error.cause as DomainError).fieldErrors.regradePolicy).toHaveLength(1);
    expect((await w.t.db.question.findUniqueOrThrow({ where: { id: q.id } })).deletedAt).toBeNull();
  });

  it("remove + KEEP_SCORES keeps the scores", async () => {
    const { q, attempts } = await answered();
    const result = await w
      .caller(await teacherA())
      .questions.remove({ questionId: q.id, regradePolicy: "KEEP_SCORES" });
    expect(result.regrade).toEqual({ policy: "KEEP_SCORES", attemptsAffected: 3 });
    expect(await scores(attempts)).toEqual([
      [8, 8],
      [5, 8],
      [5, 8],
    ]);
  });

  it("remove + FULL_MARKS gives everyone the question's points", async () => {
    const { q, attempts } = await answered();
    await w.caller(await adminA()).questions.remove({ questionId: q.id, regradePolicy: "FULL_MARKS" });
    expect(await scores(attempts)).toEqual([
      [8, 8],
      [8, 8],
      [8, 8],
    ]);
  });

  it("remove + REGRADE_ALL stops the question counting (0 of 0) and audits the regrade", async () => {
    const { q, attempts } = await answered();
    await w.caller(await teacherA()).questions.remove({ questionId: q.id, regradePolicy: "REGRADE_ALL" });
    expect(await scores(attempts)).toEqual([
      [5, 5],
      [5, 5],
      [5, 5],
    ]);
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "question.regraded", targetId: q.id } });
    expect(audit.metadata).toEqual({
      policy: "REGRADE_ALL",
      attemptsAffected: 3,
      trigger: "remove",
      requestId: expect.any(String),
    });
  });
});

describe("quiz composition", () => {
  it("sets the questions in the given order and replaces them on the next save", async () => {
    const caller = w.caller(await teacherA());
    const quiz = await createQuiz("a", w.users.a.TEACHER.id);
    const [q1, q2, q3] = await Promise.all([
      caller.questions.create(single({ prompt: "Q one" })),
      caller.questions.create(numeric()),
      caller.questions.create({ type: "TRUE_FALSE", prompt: "Q three", answer: { value: false } }),
    ]);
    const ids = [q3.id, q1.id, q2.id];
    const set = await caller.questions.setQuizQuestions({ quizId: quiz, questionIds: ids });
    expect(set.map((r) => r.question.id)).toEqual(ids);
    expect(set.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(set[0]?.question).toMatchObject({ type: "TRUE_FALSE", answer: { value: false } });

    await caller.questions.setQuizQuestions({ quizId: quiz, questionIds: [q2.id, q3.id] });
    const again = await caller.questions.quizQuestions({ quizId: quiz });
    expect(again.map((r) => r.question.id)).toEqual([q2.id, q3.id]);
    expect(await w.t.db.quizQuestion.count({ where: { quizId: quiz } })).toBe(2);
  });

  it("accepts questions shared with the actor, refuses invisible ones with a questionIds field error", async () => {
    const quiz = await createQuiz("a", teacher2.userId);
    const owner = w.caller(await teacherA());
    const shared = await owner.questions.create(single({ prompt: "Shared for quiz" }));
    await owner.questions.share({ questionId: shared.id, access: "VIEW" });
    const hidden = await owner.questions.create(single({ prompt: "Hidden from quiz" }));
    const other = w.caller(teacher2);
    expect(await other.questions.setQuizQuestions({ quizId: quiz, questionIds: [shared.id] })).toHaveLength(1);
    const error = await errorOf(
      other.questions.setQuizQuestions({ quizId: quiz, questionIds: [shared.id, hidden.id] }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect((error.cause as DomainError).fieldErrors.questionIds).toHaveLength(1);
    expect(await other.questions.quizQuestions({ quizId: quiz })).toHaveLength(1);
  });

  it("refuses a repeated question", async () => {
    const caller = w.caller(await teacherA());
    const quiz = await createQuiz("a", w.users.a.TEACHER.id);
    const q = await caller.questions.create(single());
    const error = await errorOf(caller.questions.setQuizQuestions({ quizId: quiz, questionIds: [q.id, q.id] }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("only the author or an admin composes a quiz; content that is not a quiz is NOT_FOUND", async () => {
    const draft = await createQuiz("a", w.users.a.TEACHER.id);
    const published = await createQuiz("a", w.users.a.TEACHER.id, "PUBLISHED");
    const other = w.caller(teacher2);
    expect((await errorOf(other.questions.setQuizQuestions({ quizId: draft, questionIds: [] }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await errorOf(other.questions.setQuizQuestions({ quizId: published, questionIds: [] }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await w.caller(await adminA()).questions.setQuizQuestions({ quizId: draft, questionIds: [] })).toEqual([]);
    const lesson = await w.scoped("a").contentItem.create({
      data: {
        organizationId: w.orgs.a,
        authorId: w.users.a.TEACHER.id,
        type: "LESSON",
        title: "A lesson",
        subject: "science",
        gradeLevel: "5",
        body: { sections: [] },
      },
    });
    const error = await errorOf(w.caller(await teacherA()).questions.quizQuestions({ quizId: lesson.id }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("authorization and tenancy", () => {
  it("students and parents are FORBIDDEN", async () => {
    for (const role of ["STUDENT", "PARENT"] as const) {
      const caller = w.caller(await w.actor("a", role));
      expect((await errorOf(caller.questions.list({}))).code).toBe("FORBIDDEN");
      expect((await errorOf(caller.questions.create(single()))).code).toBe("FORBIDDEN");
    }
  });

  it("another organization's questions and quizzes are NOT_FOUND, even to its admin", async () => {
    const q = await w.caller(await teacherA()).questions.create(single({ prompt: "Org A only" }));
    await w.caller(await teacherA()).questions.share({ questionId: q.id, access: "EDIT" });
    const quizA = await createQuiz("a", w.users.a.TEACHER.id);
    const adminB = w.caller(await w.actor("b", "ADMIN"));
    const teacherB = w.caller(await w.actor("b", "TEACHER"));
    for (const caller of [adminB, teacherB]) {
      expect((await errorOf(caller.questions.get({ questionId: q.id }))).code).toBe("NOT_FOUND");
      expect((await errorOf(caller.questions.update({ questionId: q.id, ...single() }))).code).toBe("NOT_FOUND");
      expect((await errorOf(caller.questions.remove({ questionId: q.id }))).code).toBe("NOT_FOUND");
      expect((await errorOf(caller.questions.share({ questionId: q.id, access: null }))).code).toBe("NOT_FOUND");
      expect((await errorOf(caller.questions.quizQuestions({ quizId: quizA }))).code).toBe("NOT_FOUND");
      expect((await caller.questions.list({ search: "Org A only" })).total).toBe(0);
    }
    const quizB = await createQuiz("b", w.users.b.TEACHER.id);
    const error = await errorOf(teacherB.questions.setQuizQuestions({ quizId: quizB, questionIds: [q.id] }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await w.t.db.question.findUniqueOrThrow({ where: { id: q.id } })).sharedAccess).toBe("EDIT");
  });
});

describe("questions.quizQuestions: only questions the caller may see in the bank", () => {
  it("stops showing a colleague's question, answer key included, once its owner makes it private", async () => {
    const owner = w.caller(await teacherA());
    const shared = await owner.questions.create(single({ prompt: "Shared, then made private" }));
    await owner.questions.share({ questionId: shared.id, access: "VIEW" });
    const mine = await w.caller(teacher2).questions.create(single({ prompt: "The composer's own" }));
    const quiz = await createQuiz("a", teacher2.userId);
    const composer = w.caller(teacher2);
    await composer.questions.setQuizQuestions({ quizId: quiz, questionIds: [shared.id, mine.id] });

    await owner.questions.share({ questionId: shared.id, access: null });

    expect((await composer.questions.quizQuestions({ quizId: quiz })).map((r) => r.question.id)).toEqual([mine.id]);
    expect((await errorOf(composer.questions.get({ questionId: shared.id }))).code).toBe("NOT_FOUND");
  });

  it("an admin still sees every question of the quiz", async () => {
    const owner = w.caller(await teacherA());
    const hidden = await owner.questions.create(single({ prompt: "Private to its owner" }));
    const quiz = await createQuiz("a", w.users.a.TEACHER.id);
    await owner.questions.setQuizQuestions({ quizId: quiz, questionIds: [hidden.id] });
    const listed = await w.caller(await adminA()).questions.quizQuestions({ quizId: quiz });
    expect(listed.map((r) => r.question.id)).toEqual([hidden.id]);
  });
});
