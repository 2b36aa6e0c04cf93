// The content library: lessons, quizzes, activities (and environments) with a version history,
// publishing, duplication, soft delete, and a cursor-paginated list with full-text search.
//
// Who sees what: an admin sees every item of the organization; a teacher sees their own items
// (any status) and other people's PUBLISHED ones. Only the author or an admin changes an item;
// anyone who sees an item can duplicate it. An item the caller cannot see is NOT_FOUND.
import { type ContentType, Prisma } from "@toolboxai/db";
import {
  type ContentDetail,
  type ContentSummary,
  contentBodySchemas,
  type contentListInputSchema,
  type createContentSchema,
  type updateContentSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { settleDraftQuestions } from "../agents/draft-questions";
import { recordActivity, recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { conflict, type DomainError, forbidden, invalid, isPrismaError, notFound } from "../errors";
import { checkQuizDraw, copyQuizQuestions } from "../questions/quiz-questions";
import { publishDashboardChanged } from "../realtime/events";
import { bodyToText } from "./content-text";

const summarySelect = {
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

const detailSelect = { ...summarySelect, body: true } satisfies Prisma.ContentItemSelect;
type ItemRow = Prisma.ContentItemGetPayload<{ select: typeof detailSelect }>;

/** The fields a save changes and a version keeps. */
interface VersionedFields {
  title: string;
  description: string;
  subject: string;
  gradeLevel: string;
  tags: string[];
  body: Prisma.InputJsonValue;
}

// ---------------------------------------------------------------------------------------------
// Access

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
async function findVisible(ctx: ServiceContext, contentId: string, opts: { includeDeleted?: boolean } = {}) {
  const item = await ctx.db.contentItem.findFirst({
    where: { id: contentId, ...visibleContentWhere(ctx) },
    select: detailSelect,
  });
  if (!item) throw notFound("Content");
  if (item.deletedAt && !(opts.includeDeleted && canManage(ctx, item.author.id))) throw notFound("Content");
  return item;
}

/** An item the caller may change: visible (else NOT_FOUND) and theirs or the caller is an admin (else FORBIDDEN). */
async function findManageable(ctx: ServiceContext, contentId: string, opts: { includeDeleted?: boolean } = {}) {
  const item = await findVisible(ctx, contentId, opts);
  if (!canManage(ctx, item.author.id)) {
    throw forbidden("Only the author or an admin can change this item.");
  }
  return item;
}

/** The row as a client sees it: the drafting task's model (if any) as `generatedBy`. */
function toSummary<T extends { agentTask: { provider: string; model: string } | null }>({ agentTask, ...row }: T) {
  return { ...row, generatedBy: agentTask && { provider: agentTask.provider, model: agentTask.model } };
}

function toDetail(ctx: ServiceContext, item: ItemRow): ContentDetail {
  return { ...toSummary(item), canManage: canManage(ctx, item.author.id) };
}

/** Activity metadata every content event carries. */
function eventOf(item: { id: string; type: ContentType; title: string; version: number }) {
  return { contentId: item.id, type: item.type, title: item.title, version: item.version };
}

/** Audit when the change touches data someone else owns (an admin editing a teacher's item). */
async function auditIfNotOwn(ctx: ServiceContext, item: ItemRow, action: string, metadata: Prisma.InputJsonObject) {
  if (item.author.id === ctx.actor.userId) return;
  await recordAudit(ctx, {
    action,
    targetType: "ContentItem",
    targetId: item.id,
    metadata: { ...metadata, authorId: item.author.id },
  });
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function getContent(ctx: ServiceContext, input: { contentId: string }): Promise<ContentDetail> {
  return toDetail(ctx, await findVisible(ctx, input.contentId, { includeDeleted: true }));
}

export async function listContentVersions(ctx: ServiceContext, input: { contentId: string }) {
  await findManageable(ctx, input.contentId, { includeDeleted: true });
  return ctx.db.contentVersion.findMany({
    where: { contentId: input.contentId },
    orderBy: { version: "desc" },
    select: {
      id: true,
      version: true,
      title: true,
      description: true,
      subject: true,
      gradeLevel: true,
      tags: true,
      body: true,
      createdAt: true,
      editedBy: { select: { id: true, name: true } },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Listing: filters, full-text search, cursor pagination

type ListInput = z.output<typeof contentListInputSchema>;

type Cursor = { k: "recent"; t: string; id: string } | { k: "rank"; r: number; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string, kind: Cursor["k"]): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    const valid =
      c.k === kind &&
      typeof c.id === "string" &&
      (c.k === "recent" ? !Number.isNaN(Date.parse(c.t)) : typeof c.r === "number" && Number.isFinite(c.r));
    if (valid) return c;
  } catch {
    // fall through
  }
  throw invalid("This list changed its filters; start again from the top.");
}

/**
 * The document the full-text GIN index covers. It must stay exactly the migration's expression
 * (`to_tsvector('english', "title" || ' ' || "description" || ' ' || "searchText")`), or the
 * planner cannot use the index.
 */
export const SEARCH_DOCUMENT = Prisma.sql`to_tsvector('english', c."title" || ' ' || c."description" || ' ' || c."searchText")`;

/** Ranking weighs the title over the description over the body; only the matched rows are ranked. */
const RANK_DOCUMENT = Prisma.sql`setweight(to_tsvector('english', c."title"), 'A') || setweight(to_tsvector('english', c."description"), 'B') || to_tsvector('english', c."searchText")`;

/**
 * The WHERE conditions of a list, as SQL over "ContentItem" c. Raw SQL bypasses the tenancy
 * extension of `ctx.db`, so the organization filter is written here, first, on purpose.
 */
function listConditions(ctx: ServiceContext, input: ListInput): Prisma.Sql[] {
  const me = ctx.actor.userId;
  const admin = ctx.actor.role === "ADMIN";
  const where: Prisma.Sql[] = [Prisma.sql`c."organizationId" = ${ctx.actor.orgId}`];
  if (input.deleted) {
    where.push(Prisma.sql`c."deletedAt" IS NOT NULL`);
    // Deleted items are listed for whoever can restore them: the author (an admin: all).
    if (!admin) where.push(Prisma.sql`c."authorId" = ${me}`);
  } else {
    where.push(Prisma.sql`c."deletedAt" IS NULL`);
    if (!admin) where.push(Prisma.sql`(c."authorId" = ${me} OR c."status" = 'PUBLISHED')`);
  }
  if (input.type) where.push(Prisma.sql`c."type" = CAST(${input.type} AS "ContentType")`);
  if (input.status) where.push(Prisma.sql`c."status" = CAST(${input.status} AS "ContentStatus")`);
  if (input.subject) where.push(Prisma.sql`lower(c."subject") = lower(${input.subject})`);
  if (input.gradeLevel) where.push(Prisma.sql`c."gradeLevel" = ${input.gradeLevel}`);
  if (input.authorId) where.push(Prisma.sql`c."authorId" = ${input.authorId}`);
  if (input.tag) where.push(Prisma.sql`${input.tag} = ANY(c."tags")`);
  return where;
}

/** The ids of one page (limit + 1 rows, to know whether there is a next one), in list order. */
export function listPageQuery(ctx: ServiceContext, input: ListInput): Prisma.Sql {
  const where = listConditions(ctx, input);
  const take = input.limit + 1;
  if (input.search) {
    const after = input.cursor ? decodeCursor(input.cursor, "rank") : null;
    const page =
      after?.k === "rank"
        ? Prisma.sql`WHERE m."rank" < ${after.r}::float8 OR (m."rank" = ${after.r}::float8 AND m."id" < ${after.id})`
        : Prisma.empty;
    return Prisma.sql`
      WITH matches AS (
        SELECT c."id", c."createdAt", ts_rank(${RANK_DOCUMENT}, q.query)::float8 AS "rank"
        FROM "ContentItem" c, websearch_to_tsquery('english', ${input.search}) AS q(query)
        WHERE ${Prisma.join(where, " AND ")} AND ${SEARCH_DOCUMENT} @@ q.query
      )
      SELECT m."id", m."createdAt", m."rank" FROM matches m
      ${page}
      ORDER BY m."rank" DESC, m."id" DESC
      LIMIT ${take}`;
  }
  const after = input.cursor ? decodeCursor(input.cursor, "recent") : null;
  if (after?.k === "recent") {
    // createdAt is timestamp(3) holding UTC; the cast drops the ISO string's "Z".
    where.push(Prisma.sql`(c."createdAt", c."id") < (CAST(${after.t} AS timestamp(3)), ${after.id})`);
  }
  return Prisma.sql`
    SELECT c."id", c."createdAt", NULL::float8 AS "rank" FROM "ContentItem" c
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY c."createdAt" DESC, c."id" DESC
    LIMIT ${take}`;
}

export async function listContent(
  ctx: ServiceContext,
  input: ListInput,
): Promise<{ items: ContentSummary[]; nextCursor: string | null }> {
  const rows = await ctx.db.$queryRaw<{ id: string; createdAt: Date; rank: number | null }[]>(
    listPageQuery(ctx, input),
  );
  const page = rows.slice(0, input.limit);
  // Load the rows through the scoped client: same organization filter, typed columns, author name.
  const found = await ctx.db.contentItem.findMany({
    where: { id: { in: page.map((r) => r.id) } },
    select: summarySelect,
  });
  const byId = new Map(found.map((item) => [item.id, item]));
  const items = page.flatMap((r) => {
    const item = byId.get(r.id);
    return item ? [toSummary(item)] : [];
  });
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > input.limit && last) {
    const lastItem = byId.get(last.id);
    nextCursor = input.search
      ? encodeCursor({ k: "rank", r: Number(last.rank), id: last.id })
      : encodeCursor({ k: "recent", t: (lastItem?.createdAt ?? new Date(last.createdAt)).toISOString(), id: last.id });
  }
  return { items, nextCursor };
}

// ---------------------------------------------------------------------------------------------
// Changes

function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags)];
}

export async function createContent(
  ctx: ServiceContext,
  input: z.output<typeof createContentSchema>,
  /** Set when an agent task drafted the item: it starts as GENERATED and links to the task. */
  origin?: { agentTaskId: string },
): Promise<ContentDetail> {
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

function staleVersion(current: number): DomainError {
  return conflict(
    `Someone else saved this item while you were editing (it is now at version ${current}). Reload it to see their changes, then make your edits again.`,
  );
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

/**
 * Keeps the current state as a ContentVersion (numbered with the current version), then applies
 * `next` and increments the version, in one transaction. A concurrent save that got there first
 * makes either the version row (unique per content and version) or the version-guarded update
 * fail: both are reported as CONFLICT.
 */
async function saveWithVersion(ctx: ServiceContext, current: ItemRow, next: VersionedFields): Promise<ItemRow> {
  try {
    return await ctx.db.$transaction(async (tx) => {
      await tx.contentVersion.create({
        data: {
          organizationId: ctx.actor.orgId,
          contentId: current.id,
          version: current.version,
          title: current.title,
          description: current.description,
          subject: current.subject,
          gradeLevel: current.gradeLevel,
          tags: current.tags,
          body: current.body as Prisma.InputJsonValue,
          editedById: ctx.actor.userId,
        },
      });
      return tx.contentItem.update({
        where: { id: current.id, version: current.version },
        data: {
          ...next,
          tags: uniqueTags(next.tags),
          searchText: bodyToText(current.type, next.body),
          version: { increment: 1 },
        },
        select: detailSelect,
      });
    });
  } catch (error) {
    if (isPrismaError(error, "P2002") || isPrismaError(error, "P2025")) throw staleVersion(current.version + 1);
    throw error;
  }
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

export async function restoreContentVersion(
  ctx: ServiceContext,
  input: { contentId: string; version: number },
): Promise<ContentDetail> {
  const current = await findManageable(ctx, input.contentId);
  const old = await ctx.db.contentVersion.findFirst({ where: { contentId: current.id, version: input.version } });
  if (!old) throw notFound("Version");
  const item = await saveWithVersion(ctx, current, {
    title: old.title,
    description: old.description,
    subject: old.subject,
    gradeLevel: old.gradeLevel,
    tags: old.tags,
    body: old.body as Prisma.InputJsonValue,
  });
  await recordActivity(ctx, "content_version_restored", { ...eventOf(item), restoredVersion: old.version });
  await auditIfNotOwn(ctx, item, "content.version_restored", {
    restoredVersion: old.version,
    fromVersion: current.version,
    toVersion: item.version,
  });
  return toDetail(ctx, item);
}

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
  await settleDraftQuestions(ctx, "duplicate", source, copy);
  await recordActivity(ctx, "content_duplicated", {
    ...eventOf(copy),
    sourceId: source.id,
    ...(source.type === "QUIZ" ? { questionsCopied: questions.copied, questionsLeftOut: questions.leftOut } : {}),
  });
  return { ...toDetail(ctx, copy), questionsLeftOut: questions.leftOut };
}
