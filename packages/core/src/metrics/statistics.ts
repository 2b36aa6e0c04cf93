// `GET /metrics/statistics?period=`: this period's numbers beside the previous period's. Periods
// are whole UTC days ending today (day 1, week 7, month 30, quarter 90, year 365), so an
// organization's counters come from the daily rollups; a teacher's from their students' rows.
// Cached 5 minutes per scope and period.
import { Prisma } from "@toolboxai/db";
import type { Statistics, StatisticsInput, StatisticsPeriod } from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { addDays, utcDay } from "../days";
import { type MetricsRuntime, metricsNow } from "./runtime";
import { type MetricsScope, resolveMetricsScope, scopeView } from "./scope";
import { attemptsOfTeacher, ofTeacherAssignments } from "./teacher-events";

export const STATISTICS_TTL_SECONDS = 300;
export const PERIOD_DAYS: Record<StatisticsPeriod, number> = { day: 1, week: 7, month: 30, quarter: 90, year: 365 };

type Name = keyof Statistics["statistics"];
/** A period's numbers; null only for average_score when no quiz was submitted in it. */
type Pair = Record<Name, number | null>;
const NAMES: Name[] = [
  "new_users",
  "active_users",
  "content_created",
  "content_published",
  "lessons_completed",
  "assessments_taken",
  "average_score",
];
const ROLLUPS: Partial<Record<Name, string>> = {
  new_users: "users_created",
  content_created: "content_created",
  content_published: "content_published",
  lessons_completed: "lesson_completed",
  assessments_taken: "quiz_submitted",
};

interface Row {
  current: number | bigint | null;
  previous: number | bigint | null;
}

async function periodCounts(ctx: ServiceContext, scope: MetricsScope, prevFrom: Date, from: Date, end: Date) {
  const org = ctx.actor.orgId;
  const users = scope.kind === "organization" ? null : [scope.teacherId, ...scope.studentIds];
  const inUsers = (column: string) =>
    users ? Prisma.sql`AND ${Prisma.raw(column)} = ANY(${users}::text[])` : Prisma.empty;
  const split = (column: string) => Prisma.sql`
    count(*) FILTER (WHERE ${Prisma.raw(column)} >= ${from}) AS current,
    count(*) FILTER (WHERE ${Prisma.raw(column)} < ${from}) AS previous`;
  // Raw SQL bypasses the tenant extension: every statement filters the organization itself.
  const active = ctx.db.$queryRaw<Row[]>(Prisma.sql`
    SELECT count(DISTINCT "userId") FILTER (WHERE "day" >= ${from}::date) AS current,
           count(DISTINCT "userId") FILTER (WHERE "day" < ${from}::date) AS previous
    FROM "ActiveUserDay" WHERE "organizationId" = ${org} AND "day" >= ${prevFrom}::date ${inUsers('"userId"')}`);
  const score = ctx.db.$queryRaw<Row[]>(Prisma.sql`
    SELECT avg(100 * "score" / "maxScore") FILTER (WHERE "submittedAt" >= ${from})::float8 AS current,
           avg(100 * "score" / "maxScore") FILTER (WHERE "submittedAt" < ${from})::float8 AS previous
    FROM "Attempt" WHERE "organizationId" = ${org} AND "status" = 'SUBMITTED' AND "maxScore" > 0
      AND "submittedAt" >= ${prevFrom} AND "submittedAt" <= ${end} ${inUsers('"studentId"')}
      ${attemptsOfTeacher(org, scope)}`);
  const counters: Promise<Partial<Record<Name, Row>>> =
    scope.kind === "organization"
      ? ctx.db.metricDaily
          .findMany({
            where: { metric: { in: Object.values(ROLLUPS) }, day: { gte: prevFrom } },
            select: { metric: true, day: true, value: true },
          })
          .then((rows) => {
            const out: Partial<Record<Name, { current: number; previous: number }>> = {};
            for (const [name, metric] of Object.entries(ROLLUPS) as [Name, string][]) {
              const pair = { current: 0, previous: 0 };
              for (const r of rows) if (r.metric === metric) pair[r.day >= from ? "current" : "previous"] += r.value;
              out[name] = pair;
            }
            return out;
          })
      : Promise.all([
          ctx.db.$queryRaw<Row[]>(Prisma.sql`SELECT ${split('"createdAt"')} FROM "User"
            WHERE "organizationId" = ${org} AND "createdAt" >= ${prevFrom} AND "createdAt" <= ${end} ${inUsers('"id"')}`),
          ctx.db.$queryRaw<Row[]>(Prisma.sql`SELECT ${split('"createdAt"')} FROM "ContentItem"
            WHERE "organizationId" = ${org} AND "authorId" = ${scope.teacherId} AND "createdAt" >= ${prevFrom} AND "createdAt" <= ${end}`),
          ...(["content_published", "lesson_completed", "quiz_submitted"] as const).map((type) =>
            ctx.db.$queryRaw<Row[]>(Prisma.sql`SELECT ${split('"createdAt"')} FROM "ActivityEvent"
              WHERE "organizationId" = ${org} AND "type" = ${type} AND "createdAt" >= ${prevFrom} AND "createdAt" <= ${end}
              ${type === "content_published" && scope.kind === "teacher" ? Prisma.sql`AND "userId" = ${scope.teacherId}` : inUsers('"userId"')}
              ${type === "content_published" ? Prisma.empty : ofTeacherAssignments(org, scope)}`),
          ),
        ]).then(([u, c, p, l, q]) => ({
          new_users: u?.[0],
          content_created: c?.[0],
          content_published: p?.[0],
          lessons_completed: l?.[0],
          assessments_taken: q?.[0],
        }));
  const [a, s, rest] = await Promise.all([active, score, counters]);
  const current = {} as Pair;
  const previous = {} as Pair;
  const rows: Partial<Record<Name, Row | undefined>> = { ...rest, active_users: a[0], average_score: s[0] };
  // A mean of nothing is no number (avg() answers NULL), not 0: average_score keeps its nulls.
  const value = (name: Name, v: number | bigint | null | undefined) =>
    name === "average_score" ? (v === null || v === undefined ? null : Number(v)) : Number(v ?? 0);
  for (const name of NAMES) {
    current[name] = value(name, rows[name]?.current);
    previous[name] = value(name, rows[name]?.previous);
  }
  return { current, previous };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

type Computed = Omit<Statistics, "cache_metadata">;

async function computeStatistics(ctx: ServiceContext, scope: MetricsScope, period: StatisticsPeriod, now: Date) {
  const days = PERIOD_DAYS[period];
  const from = addDays(utcDay(now), -(days - 1));
  const prevFrom = addDays(from, -days);
  const { current, previous } = await periodCounts(ctx, scope, prevFrom, from, now);
  const statistics = {} as Record<Name, { current: number | null; previous: number | null; change: number | null }>;
  for (const name of NAMES) {
    const c = current[name] === null ? null : round1(current[name]);
    const p = previous[name] === null ? null : round1(previous[name]);
    statistics[name] = {
      current: c,
      previous: p,
      change: c === null || p === null || p === 0 ? null : round1(((c - p) / p) * 100),
    };
  }
  const computed: Computed = {
    timestamp: now,
    organization_id: ctx.actor.orgId,
    scope: scopeView(scope),
    period,
    start: from,
    end: now,
    // Only average_score's pair may hold nulls (periodMeanSchema); the counters are always numbers.
    statistics: statistics as Statistics["statistics"],
  };
  return computed;
}

export async function getStatistics(
  ctx: ServiceContext,
  rt: MetricsRuntime,
  input: StatisticsInput,
): Promise<Statistics> {
  const scope = await resolveMetricsScope(ctx);
  const answer = await rt.cache.getOrCompute(
    { orgId: ctx.actor.orgId, scope, endpoint: "statistics", params: { period: input.period } },
    STATISTICS_TTL_SECONDS,
    () => computeStatistics(ctx, scope, input.period, metricsNow(rt)),
  );
  return {
    ...answer.value,
    cache_metadata: {
      generated_at: answer.generatedAt,
      cache_ttl: STATISTICS_TTL_SECONDS,
      cache_key: answer.key,
      cache_hit: answer.hit,
    },
  };
}
