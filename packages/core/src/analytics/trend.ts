// One metric's daily trend over the last 7, 30 or 90 UTC days (today last, days without any
// activity as zeros). An organization's numbers come from the daily rollups (MetricDaily: one row
// per metric and day, so a 90-day trend reads at most 90 rows per metric); a teacher's from the
// source rows of their students and their own content, which a teacher's classes keep small.
import { Prisma } from "@toolboxai/db";
import {
  type DateRange,
  type Trend,
  type TrendInput,
  type TrendMetric,
  type TrendPoint,
  trendMetrics,
} from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { addDays, dayKey, rangeDays } from "../days";
import { engagementScore } from "../metrics/engagement";
import { type MetricsRuntime, metricsNow } from "../metrics/runtime";
import { type MetricsScope, resolveMetricsScope } from "../metrics/scope";
import { ofTeacherAssignments } from "../metrics/teacher-events";

/** Seconds a trend is cached (events that change the numbers clear it sooner). */
export const TREND_TTL_SECONDS = 300;

/** The rollup counter (MetricDaily.metric) behind each counted trend. */
export const ROLLUP_METRIC = {
  daily_active_users: "active_users",
  new_users: "users_created",
  content_created: "content_created",
  content_published: "content_published",
  lessons_completed: "lesson_completed",
  assessments_taken: "quiz_submitted",
} as const satisfies Record<Exclude<TrendMetric, "engagement_score">, string>;

type CountedMetric = keyof typeof ROLLUP_METRIC;
/** Per counted metric, the value of each day (`YYYY-MM-DD`) that has one. */
type DailyCounts = Record<CountedMetric, Map<string, number>>;

/** The users a scope's numbers are about: null for the whole organization. */
export function scopeUserIds(scope: MetricsScope): string[] | null {
  return scope.kind === "organization" ? null : [scope.teacherId, ...scope.studentIds];
}

function emptyCounts(): DailyCounts {
  return {
    daily_active_users: new Map(),
    new_users: new Map(),
    content_created: new Map(),
    content_published: new Map(),
    lessons_completed: new Map(),
    assessments_taken: new Map(),
  };
}

async function organizationCounts(ctx: ServiceContext, from: Date, to: Date): Promise<DailyCounts> {
  const counts = emptyCounts();
  const byRollup = new Map<string, CountedMetric>(
    Object.entries(ROLLUP_METRIC).map(([trend, rollup]) => [rollup, trend as CountedMetric]),
  );
  const rows = await ctx.db.metricDaily.findMany({
    where: { metric: { in: [...byRollup.keys()] }, day: { gte: from, lte: to } },
    select: { metric: true, day: true, value: true },
  });
  for (const row of rows) {
    const trend = byRollup.get(row.metric);
    if (trend) counts[trend].set(dayKey(row.day), row.value);
  }
  return counts;
}

interface ActivityDayRow {
  day: Date;
  active: bigint;
  lessons: bigint;
  quizzes: bigint;
  published: bigint;
}

async function teacherCounts(
  ctx: ServiceContext,
  scope: Extract<MetricsScope, { kind: "teacher" }>,
  from: Date,
  end: Date,
): Promise<DailyCounts> {
  const counts = emptyCounts();
  const users = scopeUserIds(scope) ?? [];
  const org = ctx.actor.orgId;
  // Lessons and quizzes count only for the teacher's own classes' assignments (like the dashboard).
  const mine = ofTeacherAssignments(org, scope, 'e."metadata"');
  // Raw SQL bypasses the tenant extension: the organization is filtered here.
  const [activity, joined, created] = await Promise.all([
    ctx.db.$queryRaw<ActivityDayRow[]>(Prisma.sql`
      SELECT e."createdAt"::date AS day,
             count(DISTINCT e."userId") AS active,
             count(*) FILTER (WHERE e."type" = 'lesson_completed' ${mine}) AS lessons,
             count(*) FILTER (WHERE e."type" = 'quiz_submitted' ${mine}) AS quizzes,
             count(*) FILTER (WHERE e."type" = 'content_published' AND e."userId" = ${scope.teacherId}) AS published
      FROM "ActivityEvent" e
      WHERE e."organizationId" = ${org} AND e."userId" = ANY(${users}::text[])
        AND e."createdAt" >= ${from} AND e."createdAt" < ${end}
      GROUP BY 1`),
    ctx.db.$queryRaw<{ day: Date; n: bigint }[]>(Prisma.sql`
      SELECT u."createdAt"::date AS day, count(*) AS n FROM "User" u
      WHERE u."organizationId" = ${org} AND u."id" = ANY(${users}::text[])
        AND u."createdAt" >= ${from} AND u."createdAt" < ${end}
      GROUP BY 1`),
    ctx.db.$queryRaw<{ day: Date; n: bigint }[]>(Prisma.sql`
      SELECT c."createdAt"::date AS day, count(*) AS n FROM "ContentItem" c
      WHERE c."organizationId" = ${org} AND c."authorId" = ${scope.teacherId}
        AND c."createdAt" >= ${from} AND c."createdAt" < ${end}
      GROUP BY 1`),
  ]);
  for (const row of activity) {
    const key = dayKey(row.day);
    counts.daily_active_users.set(key, Number(row.active));
    counts.lessons_completed.set(key, Number(row.lessons));
    counts.assessments_taken.set(key, Number(row.quizzes));
    counts.content_published.set(key, Number(row.published));
  }
  for (const row of joined) counts.new_users.set(dayKey(row.day), Number(row.n));
  for (const row of created) counts.content_created.set(dayKey(row.day), Number(row.n));
  return counts;
}

/**
 * How many of the scope's users there were at the end of each day, as the dashboard counts them
 * (engagement's denominator): the users not deleted now who had joined by then.
 */
async function usersByDay(ctx: ServiceContext, scope: MetricsScope, days: Date[]): Promise<Map<string, number>> {
  const first = days[0] ?? new Date();
  const ids = scopeUserIds(scope);
  const inScope = ids ? Prisma.sql`AND u."id" = ANY(${ids}::text[])` : Prisma.empty;
  const [before, joined] = await Promise.all([
    ctx.db.user.count({ where: { deletedAt: null, createdAt: { lt: first }, ...(ids ? { id: { in: ids } } : {}) } }),
    ctx.db.$queryRaw<{ day: Date; n: bigint }[]>(Prisma.sql`
      SELECT u."createdAt"::date AS day, count(*) AS n FROM "User" u
      WHERE u."organizationId" = ${ctx.actor.orgId} AND u."deletedAt" IS NULL AND u."createdAt" >= ${first} ${inScope}
      GROUP BY 1`),
  ]);
  const joinedOn = new Map(joined.map((r) => [dayKey(r.day), Number(r.n)]));
  let total = before;
  const totals = new Map<string, number>();
  for (const day of days) {
    total += joinedOn.get(dayKey(day)) ?? 0;
    totals.set(dayKey(day), total);
  }
  return totals;
}

/**
 * Every trend metric of a scope over a range, one point per day: the counters from the rollups
 * (organization) or the source rows (teacher), and the engagement score computed per day from them
 * with the dashboard's formula.
 */
export async function trendSeries(
  ctx: ServiceContext,
  scope: MetricsScope,
  range: DateRange,
  now: Date,
  metrics: readonly TrendMetric[] = trendMetrics,
): Promise<Record<TrendMetric, TrendPoint[]>> {
  const days = rangeDays(now, range);
  const from = days[0] ?? now;
  const last = days.at(-1) ?? now;
  const [counts, totals] = await Promise.all([
    scope.kind === "organization"
      ? organizationCounts(ctx, from, last)
      : teacherCounts(ctx, scope, from, addDays(last, 1)),
    metrics.includes("engagement_score") ? usersByDay(ctx, scope, days) : null,
  ]);
  const series = {} as Record<TrendMetric, TrendPoint[]>;
  for (const metric of metrics) {
    series[metric] = days.map((day) => {
      const date = dayKey(day);
      if (metric !== "engagement_score") return { date, value: counts[metric].get(date) ?? 0 };
      return {
        date,
        value: engagementScore({
          activeUsers: counts.daily_active_users.get(date) ?? 0,
          totalUsers: totals?.get(date) ?? 0,
          lessonsCompleted: counts.lessons_completed.get(date) ?? 0,
          assessmentsTaken: counts.assessments_taken.get(date) ?? 0,
        }),
      };
    });
  }
  return series;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A trend without the cache's metadata: what is computed (and cached). */
export type TrendNumbers = Omit<Trend, "cache_metadata">;

/**
 * A trend with its total and daily average. The engagement score is a score per day, not a count:
 * its days do not add up, so it has no total (null), only the average.
 */
export function toTrend(metric: TrendMetric, range: DateRange, points: TrendPoint[]): TrendNumbers {
  const total = points.reduce((s, p) => s + p.value, 0);
  return {
    metric,
    date_range: range,
    points,
    total: metric === "engagement_score" ? null : round1(total),
    average: points.length ? round1(total / points.length) : 0,
  };
}

/** `GET /analytics/trends/{metric}`: one metric's daily points over the range (cached 5 minutes). */
export async function getTrend(ctx: ServiceContext, rt: MetricsRuntime, input: TrendInput): Promise<Trend> {
  const scope = await resolveMetricsScope(ctx);
  const answer = await rt.cache.getOrCompute(
    { orgId: ctx.actor.orgId, scope, endpoint: "trend", params: { metric: input.metric, range: input.date_range } },
    TREND_TTL_SECONDS,
    async () => {
      const series = await trendSeries(ctx, scope, input.date_range, metricsNow(rt), [input.metric]);
      return toTrend(input.metric, input.date_range, series[input.metric]);
    },
  );
  return {
    ...answer.value,
    cache_metadata: {
      generated_at: answer.generatedAt,
      cache_ttl: TREND_TTL_SECONDS,
      cache_key: answer.key,
      cache_hit: answer.hit,
    },
  };
}
