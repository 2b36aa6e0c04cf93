// The questions of an AI draft's quiz. They are saved with the quiz (so the review screen can show
// and edit them) but belong to the draft, not to the bank: `Question.draftTaskId` holds the task
// while the teacher has not kept the quiz, and the bank's listing skips them. Keeping the quiz
// (it leaves GENERATED, or is copied) clears the mark and the questions join the bank with the
// teacher's topic tags; discarding it (deleting the GENERATED quiz) removes them with it, stamped
// with the quiz's own deletedAt, so restoring the quiz brings back exactly those (not a draft
// question the teacher removed on purpose earlier).
//
// Kept apart from drafts.ts so the content service can call it without an import cycle
// (drafts.ts creates content through the content service).
import { type GenerateRequest, tagSchema } from "@toolboxai/validators";
import type { ServiceContext } from "../context";

/**
 * The bank tags of a draft's questions: the teacher's own words for what they asked about (the
 * request's topic and subject, as the bank spells tags), never an internal id.
 */
export function draftQuestionTags(request: Pick<GenerateRequest, "topic" | "subject">): string[] {
  const tags: string[] = [];
  for (const text of [request.topic, request.subject]) {
    const tag = tagSchema.safeParse(text.replace(/\s+/g, " ").slice(0, 40));
    if (tag.success && !tags.includes(tag.data)) tags.push(tag.data);
  }
  return tags;
}

/** What the content service knows about an item whose state changed. */
export interface GeneratedItemRef {
  id: string;
  type: string;
  status: string;
  agentTaskId: string | null;
  /** When the item was deleted (null: it isn't). */
  deletedAt?: Date | null;
}

function draftTaskOf(item: GeneratedItemRef): string | null {
  return item.type === "QUIZ" && item.agentTaskId ? item.agentTaskId : null;
}

/**
 * The teacher kept the task's quiz (published it, or made a copy of it): the draft questions the
 * quiz still lists join the bank; any it no longer lists (the teacher took them out, or a second
 * worker's duplicate save) go. Answers how many joined. Idempotent.
 */
export async function keepDraftQuestions(ctx: ServiceContext, item: GeneratedItemRef): Promise<number> {
  const taskId = draftTaskOf(item);
  if (!taskId) return 0;
  const inQuiz = { quizQuestions: { some: { quizId: item.id } } };
  const kept = await ctx.db.question.updateMany({
    where: { draftTaskId: taskId, deletedAt: null, ...inQuiz },
    data: { draftTaskId: null },
  });
  await ctx.db.question.updateMany({
    where: { draftTaskId: taskId, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  return kept.count;
}

/**
 * The teacher discarded the task's GENERATED quiz (deleted it at `deletedAt`): its draft questions
 * go with it, soft-deleted at the same moment, so restoring the quiz brings back these and only
 * these. Kept questions are untouched.
 */
export async function discardDraftQuestions(
  ctx: ServiceContext,
  item: GeneratedItemRef,
  deletedAt: Date,
): Promise<number> {
  const taskId = draftTaskOf(item);
  if (!taskId) return 0;
  const removed = await ctx.db.question.updateMany({
    where: { draftTaskId: taskId, deletedAt: null },
    data: { deletedAt },
  });
  return removed.count;
}

/**
 * The GENERATED quiz deleted at `deletedAt` was restored: the draft questions its discard removed
 * come back with it; one removed another time (the teacher deleted it, or a keep dropped it) stays removed.
 */
export async function restoreDraftQuestions(
  ctx: ServiceContext,
  item: GeneratedItemRef,
  deletedAt: Date,
): Promise<number> {
  const taskId = draftTaskOf(item);
  if (!taskId) return 0;
  const restored = await ctx.db.question.updateMany({
    where: { draftTaskId: taskId, deletedAt },
    data: { deletedAt: null },
  });
  return restored.count;
}

/**
 * The content service's one hook: called after a GENERATED item's state changed (`change` as the
 * content service names it). Publishing keeps the draft; deleting discards it; restoring brings
 * it back.
 */
export async function settleDraftQuestions(
  ctx: ServiceContext,
  change: "publish" | "unpublish" | "delete" | "restore" | "duplicate",
  before: GeneratedItemRef,
  after: GeneratedItemRef,
): Promise<void> {
  if (before.status !== "GENERATED") return;
  if (change === "delete") await discardDraftQuestions(ctx, before, after.deletedAt ?? new Date());
  else if (change === "restore") {
    if (before.deletedAt) await restoreDraftQuestions(ctx, before, before.deletedAt);
  } else if (change === "duplicate" || after.status !== "GENERATED") await keepDraftQuestions(ctx, before);
}
