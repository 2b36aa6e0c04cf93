// `GET /metrics/dashboard`: the organization's numbers (admins) or a teacher's classes' (teachers),
// cached 15 minutes per scope and cleared sooner by the events that change them (./events.ts).
// Definitions of every number: docs/metrics.md.
import type { DashboardMetrics, DashboardMetricsInput, TrendPoint } from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { addDays, dayKey, utcDay } from "../days";
import { type DashboardNumbers, dashboardNumbers, TREND_DAYS } from "./dashboard-queries";
import { engagementScore } from "./engagement";
import { type MetricsRuntime, metricsNow } from "./runtime";
import { resolveMetricsScope, scopeView } from "./scope";

export const DASHBOARD_TTL_SECONDS = 900;

/** A percentage with one decimal. */
export const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
const round1 = (v: number) => Math.round(v * 10) / 10;

type Computed = Omit<DashboardMetrics, "cache_metadata" | "system_metrics">;

/** The numbers of a scope at `now` (no system metrics, no cache). */
export function assembleDashboard(numbers: DashboardNumbers, now: Date): Omit<Computed, "organization_id" | "scope"> {
  const today = utcDay(now);
  const joinedOn = (offset: number) => numbers.joinedByDay.get(dayKey(addDays(today, -offset))) ?? 0;
  let last7 = 0;
  let prev7 = 0;
  for (let i = 0; i < 7; i++) last7 += joinedOn(i);
  for (let i = 7; i < 14; i++) prev7 += joinedOn(i);

  // Users in the scope at the end of each trend day: today's total less those who joined since.
  let joinedSince = 0;
  const totals = new Map<string, number>();
  for (const day of [...numbers.days].reverse()) {
    totals.set(day.date, numbers.totalUsers - joinedSince);
    joinedSince += day.joined;
  }
  const week = numbers.days.reduce(
    (s, d) => ({
      active: s.active + d.activeUsers,
      lessons: s.lessons + d.lessonsCompleted,
      quizzes: s.quizzes + d.assessmentsTaken,
    }),
    { active: 0, lessons: 0, quizzes: 0 },
  );
  const todayCounts = numbers.days.at(-1);
  const series = (value: (d: DashboardNumbers["days"][number]) => number): TrendPoint[] =>
    numbers.days.map((d) => ({ date: d.date, value: value(d) }));

  return {
    timestamp: now,
    user_metrics: {
      total_users: numbers.totalUsers,
      active_users: numbers.activeUsers24h,
      new_users_today: joinedOn(0),
      growth_rate: prev7 > 0 ? round1(((last7 - prev7) / prev7) * 100) : null,
      user_retention: numbers.retentionBase > 0 ? percent(numbers.retained, numbers.retentionBase) : null,
    },
    content_metrics: {
      total_content: numbers.content.total,
      published_content: numbers.content.published,
      draft_content: numbers.content.draft,
      content_created_today: todayCounts?.contentCreated ?? 0,
      avg_generation_time: numbers.avgGenerationSeconds === null ? null : round1(numbers.avgGenerationSeconds),
    },
    engagement_metrics: {
      daily_active_users: todayCounts?.activeUsers ?? 0,
      avg_session_duration: numbers.avgSessionMinutes === null ? null : round1(numbers.avgSessionMinutes),
      lessons_completed: week.lessons,
      assessments_taken: week.quizzes,
      engagement_score: engagementScore({
        activeUsers: week.active / TREND_DAYS,
        totalUsers: numbers.totalUsers,
        lessonsCompleted: week.lessons / TREND_DAYS,
        assessmentsTaken: week.quizzes / TREND_DAYS,
      }),
    },
    trends: {
      daily_active_users: series((d) => d.activeUsers),
      content_created: series((d) => d.contentCreated),
      engagement_score: series((d) =>
        engagementScore({
          activeUsers: d.activeUsers,
          totalUsers: totals.get(d.date) ?? 0,
          lessonsCompleted: d.lessonsCompleted,
          assessmentsTaken: d.assessmentsTaken,
        }),
      ),
    },
  };
}

export async function getDashboardMetrics(
  ctx: ServiceContext,
  rt: MetricsRuntime,
  input: DashboardMetricsInput,
): Promise<DashboardMetrics> {
  const scope = await resolveMetricsScope(ctx);
  const answer = await rt.cache.getOrCompute(
    { orgId: ctx.actor.orgId, scope, endpoint: "dashboard" },
    DASHBOARD_TTL_SECONDS,
    async (): Promise<Computed> => {
      const now = metricsNow(rt);
      const numbers = await dashboardNumbers(ctx, scope, now);
      return { organization_id: ctx.actor.orgId, scope: scopeView(scope), ...assembleDashboard(numbers, now) };
    },
    { force: input.force_refresh },
  );
  // System numbers are this instance's and change by the second: read at every answer, never cached.
  return {
    ...answer.value,
    system_metrics: await rt.system(),
    cache_metadata: {
      generated_at: answer.generatedAt,
      cache_ttl: DASHBOARD_TTL_SECONDS,
      cache_key: answer.key,
      cache_hit: answer.hit,
    },
  };
}
