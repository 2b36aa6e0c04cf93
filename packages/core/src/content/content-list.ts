// The content list: filters, full-text search and cursor pagination, over the items the caller sees.
import { Prisma } from "@toolboxai/db";
import type { ContentSummary, contentListInputSchema } from "@toolboxai/validators";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { invalid } from "../errors";
import { summarySelect, toSummary } from "./content-access";

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
