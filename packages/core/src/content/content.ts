// The content library: lessons, quizzes, activities (and environments) with a version history,
// publishing, duplication, soft delete, and a cursor-paginated list with full-text search.
// This file reads and writes an item; access rules live in content-access.ts, the list in
// content-list.ts, versions in content-versions.ts, state changes in content-state.ts.
//
// Who sees what: an admin sees every item of the organization; a teacher sees their own items
// (any status) and other people's PUBLISHED ones. Only the author or an admin changes an item;
// anyone who sees an item can duplicate it. An item the caller cannot see is NOT_FOUND.
import type { Prisma } from "@toolboxai/db";
import {
  type ContentDetail,
  contentBodySchemas,
  type createContentSchema,
  type updateContentSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { recordActivity } from "../audit/audit";
import type { ServiceContext } from "../context";
import { type DomainError, invalid } from "../errors";
import { checkQuizDraw } from "../questions/quiz-questions";
import {
  auditIfNotOwn,
  detailSelect,
  eventOf,
  findManageable,
  findVisible,
  toDetail,
  uniqueTags,
} from "./content-access";
import { bodyToText } from "./content-text";
import { saveWithVersion, staleVersion } from "./content-versions";

export async function getContent(ctx: ServiceContext, input: { contentId: string }): Promise<ContentDetail> {
  return toDetail(ctx, await findVisible(ctx, input.contentId, { includeDeleted: true }));
}

export async function createContent(
  ctx: ServiceContext,
  input: z.output<typeof createContentSchema>,
  /** Set when an agent task drafted the item: it starts as GENERATED and links to the task. */
  origin?: { agentTaskId: string },
): Promise<ContentDetail> {
  // A new quiz's draw must be drawable, as on every later save (a draw of 50 from 1 is refused).
  if (input.type === "QUIZ") await checkQuizDraw(ctx, { authorId: ctx.actor.userId, before: null, after: input.body });
  const item = await ctx.db.contentItem.create({
    data: {
      ...(origin ? { status: "GENERATED", generated: true, agentTaskId: origin.agentTaskId } : {}),
      organizationId: ctx.actor.orgId,
      authorId: ctx.actor.userId,
      type: input.type,
      title: input.title,
      description: input.description,
      subject: input.subject,
      gradeLevel: input.gradeLevel,
      tags: uniqueTags(input.tags),
      body: input.body as Prisma.InputJsonValue,
      searchText: bodyToText(input.type, input.body),
    },
    select: detailSelect,
  });
  await recordActivity(ctx, "content_created", eventOf(item));
  return toDetail(ctx, item);
}

/** Body errors keyed by their form path (`body.sections.0.heading`), so the editor can place them. */
function bodyErrors(error: z.ZodError): DomainError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = ["body", ...issue.path.map(String)].join(".");
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return invalid("Some parts of the content need fixing.", fieldErrors);
}

export async function updateContent(
  ctx: ServiceContext,
  input: z.output<typeof updateContentSchema>,
): Promise<ContentDetail> {
  const current = await findManageable(ctx, input.contentId);
  if (current.version !== input.expectedVersion) throw staleVersion(current.version);
  const body = contentBodySchemas[current.type].safeParse(input.body);
  if (!body.success) throw bodyErrors(body.error);
  if (current.type === "QUIZ")
    await checkQuizDraw(ctx, { authorId: current.author.id, before: current.body, after: body.data });
  const item = await saveWithVersion(ctx, current, {
    title: input.title,
    description: input.description,
    subject: input.subject,
    gradeLevel: input.gradeLevel,
    tags: input.tags,
    body: body.data as Prisma.InputJsonValue,
  });
  await recordActivity(ctx, "content_updated", eventOf(item));
  await auditIfNotOwn(ctx, item, "content.updated", { fromVersion: current.version, toVersion: item.version });
  return toDetail(ctx, item);
}
