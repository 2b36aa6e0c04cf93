// The last step of an erasure purge: the person's names and addresses, now and as the audit log
// recorded them, replaced with "[erased]" wherever else they were copied (see docs/data-protection.md).
import type { ServiceContext } from "../context";

/** The name an erased person's account keeps. */
export const ERASED_NAME = "Erased user";

/** What the person's name or email becomes wherever it was copied into other text. */
export const ERASED_MARK = "[erased]";

/**
 * A name or email shorter than this is not scrubbed from other people's text (it would match
 * ordinary words); the person's own fields are still replaced.
 */
export const MIN_SCRUB_LENGTH = 4;

export type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];

/**
 * The strings that identify the person: their name and email now, and earlier ones the audit log
 * recorded for their account (a changed name or address, the address it was created with).
 */
export async function identifiersOf(tx: Tx, subject: { id: string; name: string; email: string }): Promise<string[]> {
  const found = new Set<string>([subject.name, subject.email]);
  const rows = await tx.auditLog.findMany({
    where: { targetType: "User", targetId: subject.id },
    select: { metadata: true },
  });
  const take = (value: unknown) => {
    if (typeof value === "string") found.add(value);
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      const { from, to } = value as { from?: unknown; to?: unknown };
      if (typeof from === "string") found.add(from);
      if (typeof to === "string") found.add(to);
    }
  };
  for (const { metadata } of rows) {
    if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) continue;
    const m = metadata as Record<string, unknown>;
    take(m.name);
    take(m.email);
  }
  return [...found].map((s) => s.trim()).filter((s) => s.length >= MIN_SCRUB_LENGTH && s !== ERASED_NAME);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A case-insensitive pattern for any of `needles` as whole words (when they start and end with one). */
function patternOf(needles: string[]): string {
  return needles.map((n) => `${/^\w/.test(n) ? "\\m" : ""}${escapeRegex(n)}${/\w$/.test(n) ? "\\M" : ""}`).join("|");
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Replaces the person's identifiers with "[erased]" in every text, varchar, text[] and JSON column
 * of every table of the organization but the accounts themselves (audit metadata, other people's messages and comments, a
 * class or thread named after them, an import's problems...). The columns are read from the
 * database's catalog, so a table added later is covered without a change here. Returns the
 * number of rows changed.
 */
export async function scrubIdentifiers(tx: Tx, organizationId: string, needles: string[]): Promise<number> {
  if (needles.length === 0) return 0;
  const textPattern = patternOf(needles);
  // In JSON's text form a name's quotes and backslashes are escaped.
  const jsonPattern = patternOf(needles.map((n) => JSON.stringify(n).slice(1, -1)));
  const columns = await tx.$queryRaw<{ table: string; column: string; kind: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column",
           CASE WHEN c.data_type = 'ARRAY' THEN 'array' ELSE c.data_type END AS "kind"
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb')
           OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
      AND c.column_name <> 'organizationId'
      -- Other people's accounts are theirs (a namesake keeps their name); the person's own row is
      -- replaced field by field above.
      AND c.table_name <> 'User'
      AND EXISTS (SELECT 1 FROM information_schema.columns o
                  WHERE o.table_schema = c.table_schema AND o.table_name = c.table_name
                    AND o.column_name = 'organizationId')
    ORDER BY c.table_name, c.column_name`;
  let changed = 0;
  for (const { table, column, kind } of columns) {
    const t = quote(table);
    const c = quote(column);
    let sql: string;
    let pattern = textPattern;
    if (kind === "json" || kind === "jsonb") {
      pattern = jsonPattern;
      sql = `UPDATE ${t} SET ${c} = regexp_replace(${c}::text, $1, $2, 'gi')::${kind}
             WHERE "organizationId" = $3 AND ${c}::text ~* $1`;
    } else if (kind === "array") {
      sql = `UPDATE ${t} SET ${c} = ARRAY(SELECT regexp_replace(e, $1, $2, 'gi') FROM unnest(${c}) WITH ORDINALITY AS u(e, i) ORDER BY i)
             WHERE "organizationId" = $3 AND array_to_string(${c}, chr(31)) ~* $1`;
    } else {
      sql = `UPDATE ${t} SET ${c} = regexp_replace(${c}, $1, $2, 'gi') WHERE "organizationId" = $3 AND ${c} ~* $1`;
    }
    changed += await tx.$executeRawUnsafe(sql, pattern, ERASED_MARK, organizationId);
  }
  return changed;
}
