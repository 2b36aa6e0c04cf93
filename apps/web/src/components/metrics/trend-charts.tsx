"use client";

// Trends: the dashboard's last 7 days (active users, content created, engagement score), and one
// metric over the chosen date range (analytics.trend), each with its table alternative.
import {
  type DashboardMetrics,
  type DateRange,
  type TrendMetric,
  type TrendPoint,
  trendMetrics,
} from "@toolboxai/validators";
import { useId, useState } from "react";
import { LoadError } from "~/components/load-error";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";
import { ChartFigure } from "./chart-figure";
import { DATE_RANGE_LABEL, formatDay, formatMetric, type MetricUnit } from "./format";
import { LineChartView } from "./lazy-charts";
import { useMetricsPolling } from "./use-metrics";

export const TREND_LABEL: Record<TrendMetric, { name: string; unit: MetricUnit }> = {
  daily_active_users: { name: "Daily active users", unit: "count" },
  new_users: { name: "New users", unit: "count" },
  content_created: { name: "Content created", unit: "count" },
  content_published: { name: "Content published", unit: "count" },
  lessons_completed: { name: "Lessons completed", unit: "count" },
  assessments_taken: { name: "Quizzes taken", unit: "count" },
  engagement_score: { name: "Engagement score", unit: "score" },
};

function trendSummary(name: string, points: TrendPoint[], unit: MetricUnit): string {
  if (points.length === 0) return `${name}: no days to show.`;
  const first = points[0] as TrendPoint;
  const last = points[points.length - 1] as TrendPoint;
  const peak = points.reduce((a, b) => (b.value > a.value ? b : a), first);
  const span = `${name} from ${formatDay(first.date)} to ${formatDay(last.date)} (UTC days)`;
  if (peak.value === 0) return `${span}: none on any day.`;
  return `${span}: ${formatMetric(last.value, unit)} on the last day, highest ${formatMetric(peak.value, unit)} on ${formatDay(peak.date)}.`;
}

/** One metric's daily line with its summary and table. */
export function TrendFigure({
  name,
  points,
  unit,
  height,
  testId,
}: {
  name: string;
  points: TrendPoint[];
  unit: MetricUnit;
  height?: number;
  testId?: string;
}) {
  const summary = trendSummary(name, points, unit);
  return (
    <ChartFigure
      testId={testId}
      chart={
        <LineChartView
          label={summary}
          data={points.map((p) => ({ day: formatDay(p.date), value: p.value }))}
          xKey="day"
          series={[{ key: "value", name, color: "var(--primary)" }]}
          yMax={unit === "score" || unit === "percent" ? 100 : undefined}
          wholeNumbers={unit === "count"}
          height={height}
        />
      }
      summary={summary}
      rows={points}
      rowKey={(p) => p.date}
      tableCaption={`${name} per UTC day`}
      columns={[
        { header: "Day (UTC)", cell: (p) => p.date },
        { header: name, cell: (p) => formatMetric(p.value, unit), numeric: true },
      ]}
    />
  );
}

/** The dashboard's three 7-day trends side by side. */
export function WeekTrends({ trends }: { trends: DashboardMetrics["trends"] }) {
  const items = [
    { key: "daily_active_users", points: trends.daily_active_users },
    { key: "content_created", points: trends.content_created },
    { key: "engagement_score", points: trends.engagement_score },
  ] as const;
  return (
    <section aria-labelledby="week-trends" className="grid gap-3">
      <h2 id="week-trends" className="font-semibold text-lg">
        The last 7 days
      </h2>
      <div className="grid gap-4 lg:grid-cols-3">
        {items.map((item) => (
          <Card key={item.key} className="gap-3 py-4">
            <CardHeader className="px-4">
              <CardTitle>
                <h3>{TREND_LABEL[item.key].name}</h3>
              </CardTitle>
            </CardHeader>
            <CardContent className="px-4">
              <TrendFigure
                name={TREND_LABEL[item.key].name}
                points={item.points}
                unit={TREND_LABEL[item.key].unit}
                height={160}
                testId={`trend-${item.key}`}
              />
            </CardContent>
          </Card>
        ))}
      </div>
    </section>
  );
}

/** One metric over the page's date range, picked from a list. */
export function RangeTrend({ range }: { range: DateRange }) {
  const [metric, setMetric] = useState<TrendMetric>("daily_active_users");
  const refetchInterval = useMetricsPolling();
  const trend = api.analytics.trend.useQuery(
    { metric, date_range: range },
    { refetchInterval, placeholderData: (previous) => previous },
  );
  const selectId = useId();
  const { name, unit } = TREND_LABEL[metric];
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="grid gap-1.5">
          <CardTitle>
            <h2>Trend over {DATE_RANGE_LABEL[range].toLowerCase()}</h2>
          </CardTitle>
          <CardDescription>
            {trend.data
              ? trend.data.total === null
                ? // A score per day (engagement) has no total, only its average.
                  `Daily average ${formatMetric(trend.data.average, unit === "count" ? "score" : unit)}`
                : `Total ${formatMetric(trend.data.total, unit)} · daily average ${formatMetric(trend.data.average, unit === "count" ? "score" : unit)}`
              : "One point per UTC day."}
          </CardDescription>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={selectId}>Metric</Label>
          <NativeSelect
            id={selectId}
            className="w-48"
            value={metric}
            onChange={(e) => setMetric(e.target.value as TrendMetric)}
          >
            {trendMetrics.map((m) => (
              <option key={m} value={m}>
                {TREND_LABEL[m].name}
              </option>
            ))}
          </NativeSelect>
        </div>
      </CardHeader>
      <CardContent aria-busy={trend.isFetching}>
        {trend.isPending ? (
          <Skeleton className="h-[240px] w-full" />
        ) : trend.isError ? (
          <LoadError
            title="Couldn't load the trend"
            message={trend.error.message}
            onRetry={() => void trend.refetch()}
          />
        ) : (
          <TrendFigure name={name} points={trend.data.points} unit={unit} height={240} testId="range-trend" />
        )}
      </CardContent>
    </Card>
  );
}
