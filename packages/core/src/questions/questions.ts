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
// Affected attempts get score/maxScore recomputed as the sums of their answers.
import type { Prisma, ShareAccess } from "@toolboxai/db";
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
import { conflict, DomainError, forbidden, isPrismaError, notFound } from "../errors";
import { publishDashboardChanged, publishGradesReleased } from "../realtime/events";

export const REGRADE_REQUIRED = "Students have answered this question: choose how to treat their scores";

const questionSelect = {
  id: true,
  type: true,
  prompt: true,
  options: true,
  answer: true,
  points: true,
  explanation: true,
  tags: true,
  sharedAccess: true,
  version: true,
  ownerId: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.QuestionSelect;
type QuestionRow = Prisma.QuestionGetPayload<{ select: typeof questionSelect }>;

type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];

// ---------------------------------------------------------------------------------------------
// Access

const isAdmin = (ctx: ServiceContext) => ctx.actor.role === "ADMIN";

function visibleWhere(ctx: ServiceContext): Prisma.QuestionWhereInput {
  if (isAdmin(ctx)) return { deletedAt: null };
  return { deletedAt: null, OR: [{ ownerId: ctx.actor.userId }, { sharedAccess: { in: ["VIEW", "EDIT"] } }] };
}

/** The same rule as `visibleWhere`, for a row already loaded. */
function isVisible(ctx: ServiceContext, q: { ownerId: string; sharedAccess: ShareAccess | null }): boolean {
  return isAdmin(ctx) || q.ownerId === ctx.actor.userId || q.sharedAccess === "VIEW" || q.sharedAccess === "EDIT";
}

function canManage(ctx: ServiceContext, q: { ownerId: string }): boolean {
  return isAdmin(ctx) || q.ownerId === ctx.actor.userId;
}

function canEdit(ctx: ServiceContext, q: { ownerId: string; sharedAccess: ShareAccess | null }): boolean {
  return canManage(ctx, q) || q.sharedAccess === "EDIT";
}

function toView(ctx: ServiceContext, row: QuestionRow): QuestionView {
  return {
    id: row.id,
    type: row.type,
    prompt: row.prompt,
    options: row.options,
    answer: row.answer,
    points: row.points,
    explanation: row.explanation,
    tags: row.tags,
    sharedAccess: row.sharedAccess,
    version: row.version,
    owner: row.owner,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    canEdit: canEdit(ctx, row),
    canManage: canManage(ctx, row),
  } as QuestionView;
}

async function findVisible(ctx: ServiceContext, questionId: string): Promise<QuestionRow> {
  const row = await ctx.db.question.findFirst({
    where: { AND: [{ id: questionId }, visibleWhere(ctx)] },
    select: questionSelect,
  });
  if (!row) throw notFound("Question");
  return row;
}

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

export async function getQuestion(ctx: ServiceContext, input: { questionId: string }): Promise<QuestionView> {
  return toView(ctx, await findVisible(ctx, input.questionId));
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
  const answers = await tx.attemptAnswer.findMany({
    where: { questionId },
    select: { id: true, attemptId: true, response: true, maxPoints: true },
  });
  if (policy === "KEEP_SCORES" || answers.length === 0) return { attemptsAffected: answers.length, changed: [] };
  for (const answer of answers) {
    let data: Prisma.AttemptAnswerUpdateInput;
    if (policy === "FULL_MARKS") {
      const full = mode.kind === "update" ? mode.question.points : answer.maxPoints;
      data = { correct: true, points: full, maxPoints: full };
    } else if (mode.kind === "update") {
      const grade = gradeResponse(mode.question, answer.response);
      data = { correct: grade.correct, points: grade.points, maxPoints: grade.maxPoints };
    } else {
      data = { points: 0, maxPoints: 0 };
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

// ---------------------------------------------------------------------------------------------
// Quiz composition

/** A quiz the actor may compose: its author or an admin. Others' published quizzes are FORBIDDEN. */
async function findEditableQuiz(ctx: ServiceContext, quizId: string) {
  const quiz = await ctx.db.contentItem.findFirst({
    where: { id: quizId, type: "QUIZ", deletedAt: null },
    select: { id: true, authorId: true, status: true },
  });
  if (!quiz) throw notFound("Quiz");
  if (!isAdmin(ctx) && quiz.authorId !== ctx.actor.userId) {
    if (quiz.status !== "PUBLISHED") throw notFound("Quiz");
    throw forbidden("Only the quiz's author or an admin can change its questions.");
  }
  return quiz;
}

/**
 * The quiz's questions, answer keys included, for its author or an admin: only those the caller
 * may see in the bank (a question its owner has since made private is not shown, as
 * `questions.get` would not show it).
 */
export async function getQuizQuestions(ctx: ServiceContext, input: { quizId: string }) {
  const quiz = await findEditableQuiz(ctx, input.quizId);
  const rows = await ctx.db.quizQuestion.findMany({
    where: { quizId: quiz.id, question: visibleWhere(ctx) },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { position: true, question: { select: questionSelect } },
  });
  return rows.map((r) => ({ position: r.position, question: toView(ctx, r.question) }));
}

export async function setQuizQuestions(ctx: ServiceContext, input: { quizId: string; questionIds: string[] }) {
  const quiz = await findEditableQuiz(ctx, input.quizId);
  const found = await ctx.db.question.findMany({
    where: { AND: [{ id: { in: input.questionIds } }, visibleWhere(ctx)] },
    select: { id: true },
  });
  const foundIds = new Set(found.map((q) => q.id));
  const missing = input.questionIds.filter((id) => !foundIds.has(id));
  if (missing.length > 0) {
    const message =
      missing.length === 1 ? "A question was not found in your bank" : `${missing.length} questions were not found`;
    throw new DomainError("NOT_FOUND", message, { fieldErrors: { questionIds: [message] } });
  }
  await ctx.db.$transaction(async (tx) => {
    await tx.quizQuestion.deleteMany({ where: { quizId: quiz.id } });
    await tx.quizQuestion.createMany({
      data: input.questionIds.map((questionId, i) => ({
        organizationId: ctx.actor.orgId,
        quizId: quiz.id,
        questionId,
        position: i + 1,
      })),
    });
  });
  await recordAudit(ctx, {
    action: "quiz.questions_set",
    targetType: "ContentItem",
    targetId: quiz.id,
    metadata: { count: input.questionIds.length },
  });
  return getQuizQuestions(ctx, { quizId: quiz.id });
}

/**
 * For a duplicated quiz (`content.duplicate`, inside its transaction): gives the copy the source's
 * questions that the duplicator may see, in order. Their own questions are reused; one that another
 * teacher shares with them (or any, for an admin) is copied into a new private question of theirs,
 * so the copy keeps working whatever its owner does later. Questions private to someone else are
 * left out: duplicating never reveals an answer key the bank would not show.
 */
export async function copyQuizQuestions(
  ctx: ServiceContext,
  tx: Tx,
  input: { fromQuizId: string; toQuizId: string },
): Promise<{ copied: number; leftOut: number }> {
  const rows = await tx.quizQuestion.findMany({
    where: { quizId: input.fromQuizId, question: { deletedAt: null } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      question: {
        select: {
          id: true,
          ownerId: true,
          sharedAccess: true,
          type: true,
          prompt: true,
          options: true,
          answer: true,
          points: true,
          explanation: true,
          tags: true,
        },
      },
    },
  });
  const visible = rows.map((r) => r.question).filter((q) => isVisible(ctx, q));
  const questionIds: string[] = [];
  for (const q of visible) {
    if (q.ownerId === ctx.actor.userId) {
      questionIds.push(q.id);
      continue;
    }
    const copy = await tx.question.create({
      data: {
        organizationId: ctx.actor.orgId,
        ownerId: ctx.actor.userId,
        type: q.type,
        prompt: q.prompt,
        options: q.options as Prisma.InputJsonValue,
        answer: q.answer as Prisma.InputJsonValue,
        points: q.points,
        explanation: q.explanation,
        tags: q.tags,
      },
      select: { id: true },
    });
    questionIds.push(copy.id);
  }
  if (questionIds.length > 0) {
    await tx.quizQuestion.createMany({
      data: questionIds.map((questionId, i) => ({
        organizationId: ctx.actor.orgId,
        quizId: input.toQuizId,
        questionId,
        position: i + 1,
      })),
    });
  }
  return { copied: questionIds.length, leftOut: rows.length - visible.length };
}
