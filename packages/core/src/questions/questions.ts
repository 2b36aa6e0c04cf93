// The question bank: teachers' reusable quiz questions, shared within the organization, and the
// questions of a quiz. Grading itself is in ./grading.ts (pure).
//
// Who sees what: a teacher sees their own questions and the ones others share (VIEW or EDIT); an
// admin sees every question of the organization. Editing: owner, admin, or anyone when shared
// with EDIT. Sharing and removing: owner or admin. A question the caller cannot see is NOT_FOUND;
// one they see but may not change is FORBIDDEN.
//
// Regrades: once students have answered a question (AttemptAnswer rows), changing its answer key
// (type, options, answer, points) or removing it requires a `regradePolicy`:
//   KEEP_SCORES   existing answers and scores stay as they are;
//   REGRADE_ALL   edit: each answer is graded again with the new key;
//                 removal: the question stops counting (0 of 0 points) in those attempts;
//   FULL_MARKS    everyone gets the question's full points (the new points on an edit).
// Affected attempts get score/maxScore recomputed as the sums of their answers. A teacher's override
// (or rubric marks) wins over a regrade: the answer keeps the teacher's points (capped at the new
// maximum) and only `autoPoints`, what automatic grading gives, follows the new key.
import { Prisma, type ShareAccess } from "@toolboxai/db";
import type {
  QuestionData,
  QuestionView,
  questionListInputSchema,
  RegradePolicy,
  updateQuestionSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { gradeResponse } from "../assignments/grading";
import { recordActivity, recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { conflict, type DomainError, forbidden, isPrismaError, notFound, preconditionFailed } from "../errors";
import { publishDashboardChanged, publishGradesReleased } from "../realtime/events";
import {
  canEdit,
  canManage,
  findVisible,
  type QuestionRow,
  questionSelect,
  type Tx,
  toView,
  visibleWhere,
} from "./access";

export const REGRADE_REQUIRED = "Students have answered this question: choose how to treat their scores";

// ---------------------------------------------------------------------------------------------
// Reads

export async function listQuestions(ctx: ServiceContext, input: z.output<typeof questionListInputSchema>) {
  const scope: Prisma.QuestionWhereInput =
    input.scope === "mine"
      ? { ownerId: ctx.actor.userId }
      : input.scope === "shared"
        ? { sharedAccess: { in: ["VIEW", "EDIT"] }, ownerId: { not: ctx.actor.userId } }
        : {};
  const where: Prisma.QuestionWhereInput = {
    AND: [
      visibleWhere(ctx),
      scope,
      input.search ? { prompt: { contains: input.search, mode: "insensitive" } } : {},
      input.tag ? { tags: { has: input.tag } } : {},
      input.type ? { type: input.type } : {},
      // An AI draft's questions stay with their draft until the teacher keeps it (agents/draft-questions.ts).
      { draftTaskId: null },
    ],
  };
  const [total, rows] = await Promise.all([
    ctx.db.question.count({ where }),
    ctx.db.question.findMany({
      where,
      select: questionSelect,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  return {
    items: rows.map((row) => toView(ctx, row)),
    total,
    page: input.page,
    pageSize: input.pageSize,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

/** A bank question by id: a question of an AI draft not kept yet isn't in the bank (NOT_FOUND). */
export async function getQuestion(ctx: ServiceContext, input: { questionId: string }): Promise<QuestionView> {
  const row = await findVisible(ctx, input.questionId);
  if (row.draftTaskId !== null) throw notFound("Question");
  return toView(ctx, row);
}

// ---------------------------------------------------------------------------------------------
// Writes

function columns(data: QuestionData) {
  return {
    type: data.type,
    prompt: data.prompt,
    options: data.options as Prisma.InputJsonValue,
    answer: data.answer as Prisma.InputJsonValue,
    points: data.points,
    explanation: data.explanation || null,
    tags: data.tags,
    rubric:
      data.type === "SHORT_ANSWER" && data.rubric?.length ? (data.rubric as Prisma.InputJsonValue) : Prisma.DbNull,
  };
}

export async function createQuestion(ctx: ServiceContext, input: QuestionData): Promise<QuestionView> {
  const row = await ctx.db.question.create({
    data: { organizationId: ctx.actor.orgId, ownerId: ctx.actor.userId, ...columns(input) },
    select: questionSelect,
  });
  await recordAudit(ctx, {
    action: "question.created",
    targetType: "Question",
    targetId: row.id,
    metadata: { type: row.type },
  });
  await recordActivity(ctx, "question_created", { questionId: row.id, type: row.type });
  return toView(ctx, row);
}

/** JSON with sorted keys (Postgres jsonb does not keep key order) and sorted correct-option ids. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
      return Object.fromEntries(
        entries.map(([k, x]) => [k, k === "correct" && Array.isArray(x) ? [...x].map(String).sort() : x]),
      );
    }
    return v;
  });
}

/** Whether an edit can change a student's grade: type, options, answer key or points. */
function keyChanged(before: QuestionRow, after: QuestionData): boolean {
  return (
    before.type !== after.type ||
    before.points !== after.points ||
    canonical(before.options) !== canonical(after.options) ||
    canonical(before.answer) !== canonical(after.answer)
  );
}

function regradeRequired(attempts: number): DomainError {
  const count = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  return conflict(`${count} already answered this question. Choose how to treat their scores.`, {
    regradePolicy: [REGRADE_REQUIRED],
  });
}

type RegradeMode = { kind: "update"; question: { type: string; answer: unknown; points: number } } | { kind: "remove" };

/** An attempt whose score a regrade changed: its student is told once the transaction has committed. */
interface RegradedAttempt {
  attemptId: string;
  studentId: string;
  assignmentId: string;
  title: string;
  score: number;
  maxScore: number;
}

interface RegradeResult {
  /** Attempts with an answer to the question. */
  attemptsAffected: number;
  /** Those whose score or maximum changed. */
  changed: RegradedAttempt[];
}

/** Applies a policy to every answer of the question and recomputes the affected attempts' scores. */
async function applyRegrade(
  tx: Tx,
  questionId: string,
  policy: RegradePolicy,
  mode: RegradeMode,
): Promise<RegradeResult> {
  // Lock the attempts first (in id order, so two regrades never deadlock), as a teacher's save of
  // an answer does: a concurrent override is then seen here, never overwritten by a stale read.
  await tx.$queryRaw`SELECT "id" FROM "Attempt" WHERE "id" IN (SELECT "attemptId" FROM "AttemptAnswer" WHERE "questionId" = ${questionId}) ORDER BY "id" FOR UPDATE`;
  const answers = await tx.attemptAnswer.findMany({
    where: { questionId },
    select: { id: true, attemptId: true, response: true, points: true, maxPoints: true, autoPoints: true },
  });
  if (policy === "KEEP_SCORES" || answers.length === 0) return { attemptsAffected: answers.length, changed: [] };
  for (const answer of answers) {
    let data: Prisma.AttemptAnswerUpdateInput;
    let auto: { correct: boolean; points: number; maxPoints: number } | null = null;
    if (policy === "FULL_MARKS") {
      const full = mode.kind === "update" ? mode.question.points : answer.maxPoints;
      auto = { correct: true, points: full, maxPoints: full };
    } else if (mode.kind === "update") {
      auto = gradeResponse(mode.question, answer.response);
    }
    if (!auto) {
      // A removed question stops counting, whoever scored it.
      data = { points: 0, maxPoints: 0 };
    } else if (answer.autoPoints !== null) {
      // A teacher's override wins: the regrade updates what automatic grading gives, and the
      // teacher's points stay (within the new maximum).
      const points = Math.min(answer.points, auto.maxPoints);
      data = {
        autoPoints: auto.points,
        maxPoints: auto.maxPoints,
        points,
        correct: auto.maxPoints > 0 && points >= auto.maxPoints,
      };
    } else {
      data = { correct: auto.correct, points: auto.points, maxPoints: auto.maxPoints };
    }
    await tx.attemptAnswer.update({ where: { id: answer.id }, data });
  }
  const attemptIds = [...new Set(answers.map((a) => a.attemptId))];
  const before = new Map(
    (
      await tx.attempt.findMany({
        where: { id: { in: attemptIds } },
        select: {
          id: true,
          studentId: true,
          assignmentId: true,
          score: true,
          maxScore: true,
          assignment: { select: { content: { select: { title: true } } } },
        },
      })
    ).map((a) => [a.id, a]),
  );
  const sums = await tx.attemptAnswer.groupBy({
    by: ["attemptId"],
    where: { attemptId: { in: attemptIds } },
    _sum: { points: true, maxPoints: true },
  });
  const changed: RegradedAttempt[] = [];
  for (const sum of sums) {
    const score = sum._sum.points ?? 0;
    const maxScore = sum._sum.maxPoints ?? 0;
    const old = before.get(sum.attemptId);
    const scoreChanged = !old || old.score !== score || old.maxScore !== maxScore;
    // A changed score is a new grade for its student until they open the result again.
    await tx.attempt.update({
      where: { id: sum.attemptId },
      data: { score, maxScore, ...(scoreChanged ? { resultSeenAt: null } : {}) },
    });
    if (old && scoreChanged) {
      changed.push({
        attemptId: old.id,
        studentId: old.studentId,
        assignmentId: old.assignmentId,
        title: old.assignment.content.title,
        score,
        maxScore,
      });
    }
  }
  return { attemptsAffected: attemptIds.length, changed };
}

/** After a regrade has committed: each student whose score changed, and the dashboards. */
function publishRegrade(ctx: ServiceContext, changed: RegradedAttempt[]) {
  if (changed.length === 0) return;
  publishGradesReleased(ctx, changed);
  publishDashboardChanged(ctx, "submissions");
}

function answeredCount(ctx: ServiceContext, questionId: string) {
  return ctx.db.attemptAnswer.count({ where: { questionId } });
}

export async function updateQuestion(ctx: ServiceContext, input: z.output<typeof updateQuestionSchema>) {
  const { questionId, regradePolicy, ...data } = input;
  const before = await findVisible(ctx, questionId);
  if (!canEdit(ctx, before)) throw forbidden("This question is shared with you read-only.");
  const changed = keyChanged(before, data);
  const answered = changed ? await answeredCount(ctx, questionId) : 0;
  if (answered > 0 && !regradePolicy) throw regradeRequired(answered);
  const policy = answered > 0 ? (regradePolicy ?? null) : null;

  // The update is guarded by the version read above: a concurrent edit makes it fail (CONFLICT).
  const {
    row,
    attemptsAffected,
    changed: regraded,
  } = await ctx.db
    .$transaction(async (tx) => {
      const row = await tx.question.update({
        where: { id: questionId, version: before.version },
        data: { ...columns(data), version: { increment: 1 } },
        select: questionSelect,
      });
      const regrade = policy
        ? await applyRegrade(tx, questionId, policy, { kind: "update", question: row })
        : { attemptsAffected: 0, changed: [] };
      return { row, ...regrade };
    })
    .catch((error: unknown) => {
      if (isPrismaError(error, "P2025")) {
        throw conflict("Someone else just changed this question. Reload it.");
      }
      throw error;
    });

  await recordAudit(ctx, {
    action: "question.updated",
    targetType: "Question",
    targetId: row.id,
    metadata: { version: row.version, keyChanged: changed },
  });
  if (policy) {
    await recordAudit(ctx, {
      action: "question.regraded",
      targetType: "Question",
      targetId: row.id,
      metadata: { policy, attemptsAffected, trigger: "update", version: row.version },
    });
  }
  await recordActivity(ctx, "question_updated", { questionId: row.id, version: row.version });
  publishRegrade(ctx, regraded);
  return { question: toView(ctx, row), regrade: policy ? { policy, attemptsAffected } : null };
}

export async function removeQuestion(
  ctx: ServiceContext,
  input: { questionId: string; regradePolicy?: RegradePolicy | undefined },
) {
  const before = await findVisible(ctx, input.questionId);
  if (!canManage(ctx, before)) throw forbidden("Only the owner or an admin can remove this question.");
  const answered = await answeredCount(ctx, before.id);
  if (answered > 0 && !input.regradePolicy) throw regradeRequired(answered);
  const policy = answered > 0 ? (input.regradePolicy ?? null) : null;

  const { quizzesAffected, attemptsAffected, changed } = await ctx.db.$transaction(async (tx) => {
    await tx.question.update({ where: { id: before.id }, data: { deletedAt: new Date() } });
    // A removed question leaves every quiz that listed it (attempts keep their own question list).
    const { count: quizzesAffected } = await tx.quizQuestion.deleteMany({ where: { questionId: before.id } });
    const regrade = policy
      ? await applyRegrade(tx, before.id, policy, { kind: "remove" })
      : { attemptsAffected: 0, changed: [] };
    return { quizzesAffected, ...regrade };
  });

  await recordAudit(ctx, {
    action: "question.removed",
    targetType: "Question",
    targetId: before.id,
    metadata: { quizzesAffected },
  });
  if (policy) {
    await recordAudit(ctx, {
      action: "question.regraded",
      targetType: "Question",
      targetId: before.id,
      metadata: { policy, attemptsAffected, trigger: "remove" },
    });
  }
  publishRegrade(ctx, changed);
  return { questionId: before.id, regrade: policy ? { policy, attemptsAffected } : null };
}

export async function shareQuestion(
  ctx: ServiceContext,
  input: { questionId: string; access: ShareAccess | null },
): Promise<QuestionView> {
  const before = await findVisible(ctx, input.questionId);
  if (!canManage(ctx, before)) throw forbidden("Only the owner or an admin can change how this question is shared.");
  if (before.draftTaskId !== null) {
    throw preconditionFailed(
      "This question belongs to an AI draft that hasn't been kept yet. Publish the draft's quiz (or make a copy of it) first; then its questions join your bank and can be shared.",
    );
  }
  if (before.sharedAccess === input.access) return toView(ctx, before);
  const row = await ctx.db.question.update({
    where: { id: before.id },
    data: { sharedAccess: input.access },
    select: questionSelect,
  });
  await recordAudit(ctx, {
    action: "question.shared",
    targetType: "Question",
    targetId: row.id,
    metadata: { from: before.sharedAccess, to: row.sharedAccess },
  });
  return toView(ctx, row);
}
