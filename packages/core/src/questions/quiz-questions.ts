// Quiz composition: the questions of a quiz, in order, and what a copy of a quiz may take along.
import { Prisma } from "@toolboxai/db";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { DomainError, fieldError, forbidden, notFound } from "../errors";
import { isAdmin, isVisible, questionSelect, type Tx, toView, visibleWhere } from "./access";

// ---------------------------------------------------------------------------------------------
// Quiz composition

/** A quiz the actor may compose: its author or an admin. Others' published quizzes are FORBIDDEN. */
async function findEditableQuiz(ctx: ServiceContext, quizId: string) {
  const quiz = await ctx.db.contentItem.findFirst({
    where: { id: quizId, type: "QUIZ", deletedAt: null },
    select: { id: true, authorId: true, status: true, agentTaskId: true },
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
  // Bank questions, and the quiz's own AI draft's questions (the draft's quiz lists them); never
  // another draft's questions, which would vanish from this quiz when that draft is discarded.
  const found = await ctx.db.question.findMany({
    where: {
      AND: [
        { id: { in: input.questionIds } },
        visibleWhere(ctx),
        { OR: [{ draftTaskId: null }, ...(quiz.agentTaskId ? [{ draftTaskId: quiz.agentTaskId }] : [])] },
      ],
    },
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
          rubric: true,
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
        rubric: q.rubric === null ? Prisma.DbNull : (q.rubric as Prisma.InputJsonValue),
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

// ---------------------------------------------------------------------------------------------
// Random draws

/**
 * The bank questions a quiz's random draw picks from: its author's own and the organization's
 * shared ones with the tag; never a removed question or an AI draft's question not kept yet.
 */
export function drawPoolWhere(authorId: string, tag: string): Prisma.QuestionWhereInput {
  return {
    deletedAt: null,
    draftTaskId: null,
    tags: { has: tag },
    OR: [{ ownerId: authorId }, { sharedAccess: { not: null } }],
  };
}

type Draw = { tag: string; count: number } | null | undefined;

const drawOf = (body: unknown): Draw => (body as { draw?: Draw } | null)?.draw ?? null;

/**
 * A quiz's new draw settings must be drawable: at least one question has the tag, and the count is
 * no more than the questions that do (a draw of 50 from 1 question is refused, with the number
 * available). Settings left as they were pass, so an unrelated edit never fails on the bank.
 */
export async function checkQuizDraw(
  ctx: ServiceContext,
  input: { authorId: string; before: unknown; after: unknown },
): Promise<void> {
  const draw = drawOf(input.after);
  if (!draw) return;
  const old = drawOf(input.before);
  if (old && old.tag === draw.tag && old.count === draw.count) return;
  const available = await ctx.db.question.count({ where: drawPoolWhere(input.authorId, draw.tag) });
  if (available === 0) {
    throw fieldError(
      "INVALID",
      "body.draw.tag",
      `No questions in the bank are tagged “${draw.tag}”. Tag some questions first, or pick another tag.`,
    );
  }
  if (draw.count > available) {
    const questions = available === 1 ? "Only 1 question is" : `Only ${available} questions are`;
    throw fieldError(
      "INVALID",
      "body.draw.count",
      `${questions} tagged “${draw.tag}”: choose ${available} or fewer, or tag more questions.`,
    );
  }
}
