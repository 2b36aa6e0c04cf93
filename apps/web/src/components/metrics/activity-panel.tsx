"use client";

// The last 24 hours: active people and events per hour (a bar chart with its table), the kinds
// of events, and the latest ones.
import type { ActivityMetrics } from "@toolboxai/validators";
import { LoadError } from "~/components/load-error";
import { RelativeTime, useLocalFormat } from "~/components/local-time";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { plural } from "~/lib/plural";
import { api } from "~/trpc/react";
import { ChartFigure } from "./chart-figure";
import { formatMetric } from "./format";
import { BarChartView } from "./lazy-charts";
import { useMetricsPolling } from "./use-metrics";

/** "lesson_completed" -> "Lesson completed". */
export function eventLabel(type: string): string {
  const words = type.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const HOUR: Intl.DateTimeFormatOptions = { hour: "numeric" };

function HourlyChart({ hourly }: { hourly: ActivityMetrics["hourly"] }) {
  const hourLabel = useLocalFormat(HOUR);
  const events = hourly.reduce((n, h) => n + h.events, 0);
  const busiest = hourly.reduce<ActivityMetrics["hourly"][number] | null>(
    (a, b) => (a === null || b.events > a.events ? b : a),
    null,
  );
  const summary =
    events === 0
      ? "No activity in the last 24 hours."
      : `${plural(events, "event")} in the last 24 hours; the busiest hour began at ${hourLabel(
          busiest?.hour ?? new Date(),
        )} with ${formatMetric(busiest?.events ?? 0)}.`;
  return (
    <ChartFigure
      testId="activity-hourly"
      chart={
        <BarChartView
          label={summary}
          data={hourly.map((h) => ({ hour: hourLabel(h.hour), events: h.events, active_users: h.active_users }))}
          xKey="hour"
          series={[
            { key: "events", name: "Events", color: "var(--primary)" },
            { key: "active_users", name: "Active people", color: "var(--success)" },
          ]}
        />
      }
      summary={summary}
      rows={hourly}
      rowKey={(h) => h.hour.toISOString()}
      tableCaption="Events and active people per hour, the last 24 hours"
      columns={[
        { header: "Hour", cell: (h) => hourLabel(h.hour) },
        { header: "Events", cell: (h) => formatMetric(h.events), numeric: true },
        { header: "Active people", cell: (h) => formatMetric(h.active_users), numeric: true },
      ]}
    />
  );
}

export function ActivityPanel() {
  const refetchInterval = useMetricsPolling();
  const activity = api.metrics.activity.useQuery(undefined, { refetchInterval });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>The last 24 hours</h2>
        </CardTitle>
        <CardDescription>What people did, hour by hour (your local time).</CardDescription>
      </CardHeader>
      <CardContent>
        {activity.isPending ? (
          <Skeleton className="h-[260px] w-full" />
        ) : activity.isError ? (
          <LoadError
            title="Couldn't load the last 24 hours"
            message={activity.error.message}
            onRetry={() => void activity.refetch()}
          />
        ) : (
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="lg:col-span-2">
              <HourlyChart hourly={activity.data.hourly} />
            </div>
            <div className="grid content-start gap-4 text-sm">
              <div>
                <h3 className="font-medium">By kind</h3>
                {activity.data.by_type.length === 0 ? (
                  <p className="mt-1 text-muted-foreground">Nothing yet.</p>
                ) : (
                  <ul className="mt-1 grid gap-1" data-testid="activity-by-type">
                    {activity.data.by_type.slice(0, 6).map((t) => (
                      <li key={t.type} className="flex justify-between gap-2">
                        <span>{eventLabel(t.type)}</span>
                        <span className="tabular-nums">{formatMetric(t.count)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <div>
                <h3 className="font-medium">Latest</h3>
                {activity.data.recent.length === 0 ? (
                  <p className="mt-1 text-muted-foreground">Nothing yet.</p>
                ) : (
                  <ul className="mt-1 grid gap-1" data-testid="activity-recent">
                    {activity.data.recent.slice(0, 8).map((r) => (
                      <li key={`${r.type}-${r.user_id}-${r.at.toISOString()}`} className="flex justify-between gap-2">
                        <span className="truncate">
                          {r.user_name ?? "Someone"}: {eventLabel(r.type).toLowerCase()}
                        </span>
                        <RelativeTime value={r.at} className="shrink-0 text-muted-foreground" />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
