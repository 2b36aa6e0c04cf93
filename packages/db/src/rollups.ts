// Rebuilding the dashboards' daily rollups (MetricDaily, ActiveUserDay, User.lastActiveAt) from
// the source rows. The incremental path, one statement per event, is the metrics service's
// (packages/core/src/metrics/rollups.ts); this is the exact recomputation it is checked against,
// and what anything that writes rows without the services (the demo seed, a bulk import, the
// benchmark's fill) runs afterwards. It lives here, beside the schema, because it is plain SQL
// over the tables and the seed (this package) needs it.
import type { Database } from "./client";
import { Prisma } from "./generated/prisma/client";

/** Counters derived from rows other than an activity event of the same name. */
export const DERIVED_METRICS = [
  "active_users",
  "last_active",
  "users_created",
  "users_deleted",
  "content_created",
  "total_users",
  "users_alive_joined",
  "users_joined_active",
  "generations_completed",
  "generation_seconds",
] as const;

/** The day of MetricDaily's totals rows (a total, not a day): total_users, content_status:<STATUS>. */
export const TOTALS_DAY = "1970-01-01";

/**
 * Recomputes MetricDaily, ActiveUserDay and User.lastActiveAt exactly from the source rows
 * (ActivityEvent, User, ContentItem), for one organization or for each in turn: set-based SQL,
 * the delete and the inserts of an organization in one transaction, so readers see either the
 * old rows or the new ones.
 */
export async function rebuildMetricRollups(db: Database, organizationId?: string): Promise<void> {
  const orgs = organizationId
    ? [organizationId]
    : (await db.organization.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((o) => o.id);
  for (const org of orgs) {
    await db.$transaction(
      async (tx) => {
        // The totals' triggers (migration 20261202060110_metrics_totals) stand aside: this recomputes them.
        await tx.$executeRaw`SELECT set_config('toolboxai.rollup_rebuild', 'on', true)`;
        for (const statement of rebuildStatements(org)) await tx.$executeRaw(statement);
      },
      // A million events take seconds, not the interactive default's 5 s.
      { timeout: REBUILD_TIMEOUT_MS, maxWait: REBUILD_TIMEOUT_MS },
    );
  }
}

const REBUILD_TIMEOUT_MS = 15 * 60_000;

function rebuildStatements(org: string): Prisma.Sql[] {
  const derivedList = [...DERIVED_METRICS];
  return [
    Prisma.sql`DELETE FROM "MetricDaily" WHERE "organizationId" = ${org}`,
    Prisma.sql`DELETE FROM "ActiveUserDay" WHERE "organizationId" = ${org}`,
    Prisma.sql`
      INSERT INTO "ActiveUserDay" ("organizationId", "userId", "day", "lastAt")
      SELECT e."organizationId", e."userId", e."createdAt"::date, max(e."createdAt")
      FROM "ActivityEvent" e JOIN "User" u ON u."id" = e."userId"
      WHERE e."organizationId" = ${org}
      GROUP BY 1, 2, 3`,
    // The latest activity of each user is the latest lastAt of their days (just rebuilt above).
    Prisma.sql`
      UPDATE "User" u SET "lastActiveAt" = last.at
      FROM (
        SELECT u2."id", max(d."lastAt") AS at FROM "User" u2
        LEFT JOIN "ActiveUserDay" d ON d."userId" = u2."id" AND d."organizationId" = ${org}
        WHERE u2."organizationId" = ${org} GROUP BY u2."id"
      ) last
      WHERE u."id" = last."id" AND u."lastActiveAt" IS DISTINCT FROM last.at`,
    Prisma.sql`
      INSERT INTO "MetricDaily" ("organizationId", "metric", "day", "value", "updatedAt")
      SELECT ${org}::text, "type", "createdAt"::date, count(*), now() FROM "ActivityEvent"
      WHERE "organizationId" = ${org} AND NOT ("type" = ANY(${derivedList}::text[]))
      GROUP BY 2, 3
      UNION ALL
      SELECT ${org}::text, 'active_users', "day", count(*), now() FROM "ActiveUserDay"
      WHERE "organizationId" = ${org} GROUP BY 3
      UNION ALL
      SELECT ${org}::text, 'users_created', "createdAt"::date, count(*), now() FROM "User"
      WHERE "organizationId" = ${org} GROUP BY 3
      UNION ALL
      SELECT ${org}::text, 'users_deleted', "deletedAt"::date, count(*), now() FROM "User"
      WHERE "organizationId" = ${org} AND "deletedAt" IS NOT NULL GROUP BY 3
      UNION ALL
      SELECT ${org}::text, 'content_created', "createdAt"::date, count(*), now() FROM "ContentItem"
      WHERE "organizationId" = ${org} GROUP BY 3
      UNION ALL
      SELECT ${org}::text, 'last_active', "lastActiveAt"::date, count(*), now() FROM "User"
      WHERE "organizationId" = ${org} AND "deletedAt" IS NULL AND "lastActiveAt" IS NOT NULL GROUP BY 3
      UNION ALL
      SELECT ${org}::text, 'total_users', ${TOTALS_DAY}::date, count(*), now() FROM "User"
      WHERE "organizationId" = ${org} AND "deletedAt" IS NULL HAVING count(*) > 0
      UNION ALL
      SELECT ${org}::text, 'users_alive_joined', "createdAt"::date, count(*), now() FROM "User"
      WHERE "organizationId" = ${org} AND "deletedAt" IS NULL GROUP BY 3
      UNION ALL
      SELECT ${org}::text, 'users_joined_active', "createdAt"::date, count(*), now() FROM "User"
      WHERE "organizationId" = ${org} AND "deletedAt" IS NULL AND "lastActiveAt"::date >= "createdAt"::date GROUP BY 3
      UNION ALL
      SELECT ${org}::text, 'content_status:' || "status"::text, ${TOTALS_DAY}::date, count(*), now() FROM "ContentItem"
      WHERE "organizationId" = ${org} AND "deletedAt" IS NULL GROUP BY 2
      UNION ALL
      SELECT ${org}::text, 'generations_completed', "finishedAt"::date, count(*), now() FROM "AgentTask"
      WHERE "organizationId" = ${org} AND "status" = 'COMPLETED' AND "finishedAt" IS NOT NULL GROUP BY 3
      UNION ALL
      SELECT ${org}::text, 'generation_seconds', "finishedAt"::date, sum(EXTRACT(EPOCH FROM ("finishedAt" - "queuedAt")))::float8, now()
      FROM "AgentTask" WHERE "organizationId" = ${org} AND "status" = 'COMPLETED' AND "finishedAt" IS NOT NULL GROUP BY 3`,
  ];
}
