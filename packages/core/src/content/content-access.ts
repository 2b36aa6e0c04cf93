// Who sees and changes a content item, and the row shapes every content service reads and returns.
//
// An admin sees every item of the organization; a teacher sees their own items (any status) and
// other people's PUBLISHED ones. Only the author or an admin changes an item. An item the caller
// cannot see is NOT_FOUND.
import type { ContentType, Prisma } from "@toolboxai/db";
import type { ContentDetail } from "@toolboxai/validators";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { forbidden, notFound } from "../errors";

export const summarySelect = {
  id: true,
  type: true,
  title: true,
  description: true,
  subject: true,
  gradeLevel: true,
  tags: true,
  status: true,
  generated: true,
  agentTaskId: true,
  version: true,
  publishedAt: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  agentTask: { select: { provider: true, model: true } },
} satisfies Prisma.ContentItemSelect;

export const detailSelect = { ...summarySelect, body: true } satisfies Prisma.ContentItemSelect;
export type ItemRow = Prisma.ContentItemGetPayload<{ select: typeof detailSelect }>;

function canManage(ctx: ServiceContext, authorId: string): boolean {
  return ctx.actor.role === "ADMIN" || authorId === ctx.actor.userId;
}

/** Non-admins see their own items and everyone's published ones (`ctx.db` already limits to the org). */
export function visibleContentWhere(ctx: ServiceContext): Prisma.ContentItemWhereInput {
  return ctx.actor.role === "ADMIN" ? {} : { OR: [{ authorId: ctx.actor.userId }, { status: "PUBLISHED" }] };
}

/**
 * An item the caller can see, or NOT_FOUND. A soft-deleted item is found only with
 * `includeDeleted`, and then only by someone who can manage it (to restore it).
 */
export async function findVisible(ctx: ServiceContext, contentId: string, opts: { includeDeleted?: boolean } = {}) {
  const item = await ctx.db.contentItem.findFirst({
    where: { id: contentId, ...visibleContentWhere(ctx) },
    select: detailSelect,
  });
  if (!item) throw notFound("Content");
  if (item.deletedAt && !(opts.includeDeleted && canManage(ctx, item.author.id))) throw notFound("Content");
  return item;
}

/** An item the caller may change: visible (else NOT_FOUND) and theirs or the caller is an admin (else FORBIDDEN). */
export async function findManageable(ctx: ServiceContext, contentId: string, opts: { includeDeleted?: boolean } = {}) {
  const item = await findVisible(ctx, contentId, opts);
  if (!canManage(ctx, item.author.id)) {
    throw forbidden("Only the author or an admin can change this item.");
  }
  return item;
}

/** The row as a client sees it: the drafting task's model (if any) as `generatedBy`. */
export function toSummary<T extends { agentTask: { provider: string; model: string } | null }>({
  agentTask,
  ...row
}: T) {
  return { ...row, generatedBy: agentTask && { provider: agentTask.provider, model: agentTask.model } };
}

export function toDetail(ctx: ServiceContext, item: ItemRow): ContentDetail {
  return { ...toSummary(item), canManage: canManage(ctx, item.author.id) };
}

/** Activity metadata every content event carries. */
export function eventOf(item: { id: string; type: ContentType; title: string; version: number }) {
  return { contentId: item.id, type: item.type, title: item.title, version: item.version };
}

/** Audit when the change touches data someone else owns (an admin editing a teacher's item). */
export async function auditIfNotOwn(
  ctx: ServiceContext,
  item: ItemRow,
  action: string,
  metadata: Prisma.InputJsonObject,
) {
  if (item.author.id === ctx.actor.userId) return;
  await recordAudit(ctx, {
    action,
    targetType: "ContentItem",
    targetId: item.id,
    metadata: { ...metadata, authorId: item.author.id },
  });
}

export function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags)];
}
