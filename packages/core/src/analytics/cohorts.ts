// Weekly sign-up cohorts: the scope's users grouped by the ISO week (Monday, UTC) they joined,
// and for each week since, the share of the cohort active in it (any activity: ActiveUserDay).
// A cohort is every account created that week, deleted ones too, so a past week's numbers do not
// change when someone leaves later.
import { Prisma } from "@toolboxai/db";
import type { Cohorts, CohortsInput } from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { addDays, dayKey, isoWeekStart, WEEK_MS } from "../days";
import { type MetricsRuntime, metricsNow } from "../metrics/runtime";
import { type MetricsScope, resolveMetricsScope } from "../metrics/scope";
import { scopeUserIds } from "./trend";

export const COHORTS_TTL_SECONDS = 300;

interface CohortRow {
  week: Date;
  size: bigint;
}

interface RetentionRow {
  week: Date;
  offset: number;
  active: bigint;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Cohorts without the cache's metadata: what is computed (and cached). */
export type CohortsNumbers = Omit<Cohorts, "cache_metadata">;

/**
 * The cohorts of the last `weeks` weeks, the current one last (computed, not cached). A week
 * nobody joined has an empty retention: no one to retain is not 0% retained.
 */
export async function computeCohorts(
  ctx: ServiceContext,
  scope: MetricsScope,
  weeks: number,
  now: Date,
): Promise<CohortsNumbers> {
  const current = isoWeekStart(now);
  const first = addDays(current, -7 * (weeks - 1));
  const ids = scopeUserIds(scope);
  const org = ctx.actor.orgId;
  // Raw SQL bypasses the tenant extension: the organization is filtered here.
  const inScope = ids ? Prisma.sql`AND u."id" = ANY(${ids}::text[])` : Prisma.empty;
  const [sizes, active] = await Promise.all([
    ctx.db.$queryRaw<CohortRow[]>(Prisma.sql`
      SELECT date_trunc('week', u."createdAt")::date AS week, count(*) AS size
      FROM "User" u
      WHERE u."organizationId" = ${org} AND u."createdAt" >= ${first} ${inScope}
      GROUP BY 1`),
    ctx.db.$queryRaw<RetentionRow[]>(Prisma.sql`
      WITH cohort AS (
        SELECT u."id", date_trunc('week', u."createdAt")::date AS week
        FROM "User" u
        WHERE u."organizationId" = ${org} AND u."createdAt" >= ${first} ${inScope}
      )
      SELECT c.week, ((a."day" - c.week) / 7)::int AS "offset", count(DISTINCT a."userId") AS active
      FROM cohort c
      JOIN "ActiveUserDay" a ON a."organizationId" = ${org} AND a."userId" = c."id" AND a."day" >= c.week
      GROUP BY 1, 2`),
  ]);
  const sizeOf = new Map(sizes.map((r) => [dayKey(r.week), Number(r.size)]));
  const activeOf = new Map(active.map((r) => [`${dayKey(r.week)}/${r.offset}`, Number(r.active)]));
  const cohorts = Array.from({ length: weeks }, (_, i) => {
    const week = addDays(first, 7 * i);
    const key = dayKey(week);
    const size = sizeOf.get(key) ?? 0;
    const elapsed = Math.round((current.getTime() - week.getTime()) / WEEK_MS);
    const retention =
      size === 0
        ? []
        : Array.from({ length: elapsed + 1 }, (_, k) => round1((100 * (activeOf.get(`${key}/${k}`) ?? 0)) / size));
    return { week: key, size, retention };
  });
  return { weeks, cohorts };
}

/** `GET /analytics/cohorts`: weekly sign-up cohorts and their retention (cached 5 minutes). */
export async function getCohorts(ctx: ServiceContext, rt: MetricsRuntime, input: CohortsInput): Promise<Cohorts> {
  const scope = await resolveMetricsScope(ctx);
  const answer = await rt.cache.getOrCompute(
    { orgId: ctx.actor.orgId, scope, endpoint: "cohorts", params: { weeks: input.weeks } },
    COHORTS_TTL_SECONDS,
    () => computeCohorts(ctx, scope, input.weeks, metricsNow(rt)),
  );
  return {
    ...answer.value,
    cache_metadata: {
      generated_at: answer.generatedAt,
      cache_ttl: COHORTS_TTL_SECONDS,
      cache_key: answer.key,
      cache_hit: answer.hit,
    },
  };
}
