// Who may see and change a question of the bank (see ./questions.ts for the rules), and how a
// row becomes the view clients get. Shared by the bank and quiz composition.
import type { Prisma, ShareAccess } from "@toolboxai/db";
import { parseRubric, type QuestionView } from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { notFound } from "../errors";

export const questionSelect = {
  id: true,
  type: true,
  prompt: true,
  options: true,
  answer: true,
  points: true,
  explanation: true,
  tags: true,
  rubric: true,
  sharedAccess: true,
  draftTaskId: true,
  version: true,
  ownerId: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.QuestionSelect;
export type QuestionRow = Prisma.QuestionGetPayload<{ select: typeof questionSelect }>;

export type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];

// ---------------------------------------------------------------------------------------------
// Access

export const isAdmin = (ctx: ServiceContext) => ctx.actor.role === "ADMIN";

/**
 * The questions the actor may see, their own AI drafts' questions included (the draft's quiz and
 * its review screen list and edit them). Where a question is used as a bank question (read by id,
 * shared, added to a quiz), `bankWhere` leaves those drafts out.
 */
export function visibleWhere(ctx: ServiceContext): Prisma.QuestionWhereInput {
  if (isAdmin(ctx)) return { deletedAt: null };
  return { deletedAt: null, OR: [{ ownerId: ctx.actor.userId }, { sharedAccess: { in: ["VIEW", "EDIT"] } }] };
}

/** The bank questions the actor may see: `visibleWhere` without questions of an AI draft not kept yet. */
export function bankWhere(ctx: ServiceContext): Prisma.QuestionWhereInput {
  return { AND: [visibleWhere(ctx), { draftTaskId: null }] };
}

/** The same rule as `visibleWhere`, for a row already loaded. */
export function isVisible(ctx: ServiceContext, q: { ownerId: string; sharedAccess: ShareAccess | null }): boolean {
  return isAdmin(ctx) || q.ownerId === ctx.actor.userId || q.sharedAccess === "VIEW" || q.sharedAccess === "EDIT";
}

export function canManage(ctx: ServiceContext, q: { ownerId: string }): boolean {
  return isAdmin(ctx) || q.ownerId === ctx.actor.userId;
}

export function canEdit(ctx: ServiceContext, q: { ownerId: string; sharedAccess: ShareAccess | null }): boolean {
  return canManage(ctx, q) || q.sharedAccess === "EDIT";
}

export function toView(ctx: ServiceContext, row: QuestionRow): QuestionView {
  return {
    id: row.id,
    type: row.type,
    prompt: row.prompt,
    options: row.options,
    answer: row.answer,
    points: row.points,
    explanation: row.explanation,
    tags: row.tags,
    ...(row.type === "SHORT_ANSWER" ? { rubric: parseRubric(row.rubric) } : {}),
    sharedAccess: row.sharedAccess,
    version: row.version,
    owner: row.owner,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    canEdit: canEdit(ctx, row),
    canManage: canManage(ctx, row),
  } as QuestionView;
}

export async function findVisible(ctx: ServiceContext, questionId: string): Promise<QuestionRow> {
  const row = await ctx.db.question.findFirst({
    where: { AND: [{ id: questionId }, visibleWhere(ctx)] },
    select: questionSelect,
  });
  if (!row) throw notFound("Question");
  return row;
}
