// A content item's state changes: publish, unpublish, soft delete, restore, and duplication.
import type { Prisma } from "@toolboxai/db";
import type { ContentDetail } from "@toolboxai/validators";
import { settleDraftQuestions } from "../agents/draft-questions";
import { recordActivity, recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { conflict } from "../errors";
import { copyQuizQuestions } from "../questions/quiz-questions";
import { publishDashboardChanged } from "../realtime/events";
import { detailSelect, eventOf, findManageable, findVisible, toDetail } from "./content-access";
import { bodyToText } from "./content-text";

type StatusChange = "publish" | "unpublish" | "delete" | "restore";

const STATUS_EVENTS: Record<StatusChange, { activity: string; audit: string }> = {
  publish: { activity: "content_published", audit: "content.published" },
  unpublish: { activity: "content_unpublished", audit: "content.unpublished" },
  delete: { activity: "content_deleted", audit: "content.deleted" },
  restore: { activity: "content_restored", audit: "content.restored" },
};

/** Publish, unpublish, soft delete, restore: no new version; always audited. A no-op changes nothing. */
async function changeState(
  ctx: ServiceContext,
  contentId: string,
  change: StatusChange,
  expectedVersion?: number,
): Promise<ContentDetail> {
  const current = await findManageable(ctx, contentId, { includeDeleted: change === "restore" });
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw conflict(
      `Someone else saved this item since you opened it (it is now at version ${current.version}), so nothing was published. Load the latest version, check it, then publish.`,
    );
  }
  let data: Prisma.ContentItemUpdateInput | null = null;
  if (change === "publish" && current.status !== "PUBLISHED") data = { status: "PUBLISHED", publishedAt: new Date() };
  if (change === "unpublish" && current.status === "PUBLISHED") data = { status: "DRAFT", publishedAt: null };
  if (change === "delete") data = { deletedAt: new Date() };
  if (change === "restore" && current.deletedAt) data = { deletedAt: null };
  if (!data) return toDetail(ctx, current);

  const item = await ctx.db.contentItem.update({ where: { id: current.id }, data, select: detailSelect });
  // An AI draft's quiz questions join the bank when the quiz is kept, and go when it is discarded.
  await settleDraftQuestions(ctx, change, current, item);
  await recordAudit(ctx, {
    action: STATUS_EVENTS[change].audit,
    targetType: "ContentItem",
    targetId: item.id,
    metadata: { fromStatus: current.status, toStatus: item.status, authorId: item.author.id },
  });
  await recordActivity(ctx, STATUS_EVENTS[change].activity, eventOf(item));
  // Published content is what the dashboards count; a draft's delete or restore changes nothing there.
  if (change === "publish" || change === "unpublish" || item.status === "PUBLISHED") {
    publishDashboardChanged(ctx, "content");
  }
  return toDetail(ctx, item);
}

/** Publishes the item; with `expectedVersion`, only if it is still that version (else a CONFLICT, nothing published). */
export const publishContent = (
  ctx: ServiceContext,
  input: { contentId: string; expectedVersion?: number | undefined },
) => changeState(ctx, input.contentId, "publish", input.expectedVersion);
export const unpublishContent = (ctx: ServiceContext, input: { contentId: string }) =>
  changeState(ctx, input.contentId, "unpublish");
export const deleteContent = (ctx: ServiceContext, input: { contentId: string }) =>
  changeState(ctx, input.contentId, "delete");
export const restoreContent = (ctx: ServiceContext, input: { contentId: string }) =>
  changeState(ctx, input.contentId, "restore");

/**
 * A DRAFT copy owned by the caller; the source is untouched. A quiz's copy gets the questions the
 * caller may see in the bank (see `copyQuizQuestions`); `questionsLeftOut` counts those private to
 * someone else, which are not copied (their answer keys are not the caller's to read).
 */
export async function duplicateContent(
  ctx: ServiceContext,
  input: { contentId: string },
): Promise<ContentDetail & { questionsLeftOut: number }> {
  const source = await findVisible(ctx, input.contentId);
  const { copy, questions } = await ctx.db.$transaction(async (tx) => {
    const copy = await tx.contentItem.create({
      data: {
        organizationId: ctx.actor.orgId,
        authorId: ctx.actor.userId,
        type: source.type,
        title: `Copy of ${source.title}`.slice(0, 200),
        description: source.description,
        subject: source.subject,
        gradeLevel: source.gradeLevel,
        tags: source.tags,
        body: source.body as Prisma.InputJsonValue,
        searchText: bodyToText(source.type, source.body),
        generated: source.generated,
      },
      select: detailSelect,
    });
    const questions =
      source.type === "QUIZ"
        ? await copyQuizQuestions(ctx, tx, { fromQuizId: source.id, toQuizId: copy.id })
        : { copied: 0, leftOut: 0 };
    return { copy, questions };
  });
  // The author's own copy keeps the draft (its questions join their bank); anyone else's copy (an
  // admin's) got copies of the questions and leaves the author's draft as it was.
  if (source.author.id === ctx.actor.userId) await settleDraftQuestions(ctx, "duplicate", source, copy);
  await recordActivity(ctx, "content_duplicated", {
    ...eventOf(copy),
    sourceId: source.id,
    ...(source.type === "QUIZ" ? { questionsCopied: questions.copied, questionsLeftOut: questions.leftOut } : {}),
  });
  return { ...toDetail(ctx, copy), questionsLeftOut: questions.leftOut };
}
