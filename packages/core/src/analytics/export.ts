// The metrics and analytics exports: the numbers a dashboard shows, as a file to keep or share.
// `exportMetrics`: the dashboard's groups (user, content, engagement, system) and the daily
// trends over the range, restricted to the chosen groups. `exportAnalytics`: every trend metric
// over the range and the sign-up cohorts of the weeks it covers. Both say whose numbers they are
// (the organization; a teacher's classes by name). `exportClassAnalytics`: one class's analytics.
import {
  type AnalyticsExportInput,
  type ClassAnalyticsExportInput,
  DATE_RANGE_DAYS,
  type DashboardMetrics,
  type MetricsExportInput,
  type MetricType,
  metricTypes,
  type TrendMetric,
  type TrendPoint,
  trendMetrics,
} from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { dayKey } from "../days";
import { getDashboardMetrics } from "../metrics/dashboard";
import { type MetricsRuntime, metricsNow } from "../metrics/runtime";
import { type MetricsScope, resolveMetricsScope, scopeView } from "../metrics/scope";
import { getClassAnalytics } from "./class-analytics";
import { computeCohorts } from "./cohorts";
import { type ExportFile, type ExportRow, slugPart, writeExport } from "./export-file";
import { trendSeries } from "./trend";

export type { ExportFile } from "./export-file";

const DASHBOARD_GROUPS = {
  user: "user_metrics",
  content: "content_metrics",
  engagement: "engagement_metrics",
  system: "system_metrics",
} as const satisfies Record<Exclude<MetricType, "trends">, keyof DashboardMetrics>;

const SHEET_TITLES: Record<string, string> = {
  scope: "Scope",
  user: "Users",
  content: "Content",
  engagement: "Engagement",
  system: "System",
  trends: "Trends",
  cohorts: "Cohorts",
};

/** Who the numbers are about: the organization, and for a teacher the classes they cover. */
async function scopeRows(ctx: ServiceContext, scope: MetricsScope) {
  const org = await ctx.db.organization.findUniqueOrThrow({
    where: { id: ctx.actor.orgId },
    select: { id: true, name: true, slug: true },
  });
  const classes =
    scope.kind === "teacher"
      ? await ctx.db.class.findMany({
          where: { id: { in: scope.classIds } },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
        })
      : [];
  const rows: ExportRow[] = [
    { section: "scope", metric: "organization", date: null, value: org.name },
    ...classes.map((c): ExportRow => ({ section: "scope", metric: "class", date: null, value: c.name })),
  ];
  return { org, classes, rows };
}

function trendRows(series: Partial<Record<TrendMetric, TrendPoint[]>>): ExportRow[] {
  return Object.entries(series).flatMap(([metric, points]) =>
    (points ?? []).map((p): ExportRow => ({ section: "trends", metric, date: p.date, value: p.value })),
  );
}

/** `POST /metrics/export`: the dashboard and its trends over the range, as JSON, CSV or XLSX. */
export async function exportMetrics(
  ctx: ServiceContext,
  rt: MetricsRuntime,
  input: MetricsExportInput,
): Promise<ExportFile> {
  const scope = await resolveMetricsScope(ctx);
  const types = metricTypes.filter((t) => (input.metric_types ?? metricTypes).includes(t));
  const now = metricsNow(rt);
  const [about, dashboard, series] = await Promise.all([
    scopeRows(ctx, scope),
    types.some((t) => t !== "trends") ? getDashboardMetrics(ctx, rt, { force_refresh: false }) : null,
    types.includes("trends") ? trendSeries(ctx, scope, input.date_range, now) : null,
  ]);
  const asOf = dayKey(dashboard ? new Date(dashboard.timestamp) : now);
  const rows: ExportRow[] = [...about.rows];
  const json: Record<string, unknown> = {
    organization: about.org,
    scope: { ...scopeView(scope), classes: about.classes },
    exported_at: now.toISOString(),
    date_range: input.date_range,
    metric_types: types,
  };
  for (const type of types) {
    if (type === "trends") continue;
    const group = dashboard?.[DASHBOARD_GROUPS[type]];
    if (!group) continue;
    json[DASHBOARD_GROUPS[type]] = group;
    for (const [metric, value] of Object.entries(group as Record<string, number | null>)) {
      rows.push({ section: type, metric, date: asOf, value });
    }
  }
  if (dashboard) json.generated_at = dashboard.cache_metadata.generated_at;
  if (series) {
    json.trends = series;
    rows.push(...trendRows(series));
  }
  return writeExport(input.format, {
    basename: `toolboxai-metrics-${slugPart(about.org.slug, "organization")}-${dayKey(now)}`,
    json,
    rows,
    sheetTitles: SHEET_TITLES,
  });
}

/** `GET /analytics/export/{format}`: every trend over the range and the cohorts of its weeks. */
export async function exportAnalytics(
  ctx: ServiceContext,
  rt: MetricsRuntime,
  input: AnalyticsExportInput,
): Promise<ExportFile> {
  const scope = await resolveMetricsScope(ctx);
  const now = metricsNow(rt);
  const weeks = Math.min(26, Math.ceil(DATE_RANGE_DAYS[input.date_range] / 7));
  const [about, series, cohorts] = await Promise.all([
    scopeRows(ctx, scope),
    trendSeries(ctx, scope, input.date_range, now, trendMetrics),
    computeCohorts(ctx, scope, weeks, now),
  ]);
  const cohortRows = cohorts.cohorts.flatMap((c): ExportRow[] => [
    { section: "cohorts", metric: "size", date: c.week, value: c.size },
    ...c.retention.map(
      (value, k): ExportRow => ({ section: "cohorts", metric: `retention_week_${k}`, date: c.week, value }),
    ),
  ]);
  return writeExport(input.format, {
    basename: `toolboxai-analytics-${slugPart(about.org.slug, "organization")}-${dayKey(now)}`,
    json: {
      organization: about.org,
      scope: { ...scopeView(scope), classes: about.classes },
      exported_at: now.toISOString(),
      date_range: input.date_range,
      trends: series,
      cohorts,
    },
    rows: [...about.rows, ...trendRows(series), ...cohortRows],
    sheetTitles: SHEET_TITLES,
  });
}

/** One class's analytics as a file: the JSON has every detail, the CSV and XLSX the headline of each row. */
export async function exportClassAnalytics(
  ctx: ServiceContext,
  input: ClassAnalyticsExportInput,
  opts: { now?: Date } = {},
): Promise<ExportFile> {
  const now = opts.now ?? new Date();
  const a = await getClassAnalytics(ctx, input, { now });
  const rows: ExportRow[] = [
    { section: "scope", metric: "class", date: null, value: a.class.name },
    { section: "scope", metric: "students", date: null, value: a.class.students },
    ...a.completion.map(
      (c): ExportRow => ({
        section: "completion",
        metric: c.title,
        date: c.due_at ? dayKey(c.due_at) : null,
        value: c.completion_rate,
      }),
    ),
    ...a.score_distribution.map(
      (b): ExportRow => ({ section: "scores", metric: b.bucket, date: null, value: b.count }),
    ),
    ...a.by_question.map(
      (q): ExportRow => ({ section: "questions", metric: q.prompt, date: null, value: q.correct_rate }),
    ),
    ...a.by_standard.map(
      (s): ExportRow => ({ section: "standards", metric: s.standard, date: null, value: s.correct_rate }),
    ),
    ...a.trends.flatMap((t): ExportRow[] => [
      { section: "trends", metric: "submissions", date: t.date, value: t.submissions },
      { section: "trends", metric: "average_score", date: t.date, value: t.average_score },
    ]),
  ];
  return writeExport(input.format, {
    basename: `toolboxai-class-${slugPart(a.class.name, "class")}-${dayKey(now)}`,
    json: a,
    rows,
    sheetTitles: {
      scope: "Class",
      completion: "Completion (%)",
      scores: "Score distribution",
      questions: "By question (% correct)",
      standards: "By standard (% correct)",
      trends: "Trends",
    },
  });
}
