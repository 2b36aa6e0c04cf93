"use client";

// The metrics dashboard: an admin's is the organization's, a teacher's their classes' (the server
// decides by role). The numbers (cached on the server, "Updated N min ago · Refresh"), the last 7
// days and a longer trend, the last 24 hours, statistics per period, retention by sign-up week,
// and exports. Live: re-read when the organization's numbers change.
import type { DateRange } from "@toolboxai/validators";
import { BarChart3 } from "lucide-react";
import { useState } from "react";
import { PageHeader } from "~/components/page-header";
import { EmptyState } from "~/components/ui/empty-state";
import { api } from "~/trpc/react";
import { ActivityPanel } from "./activity-panel";
import { CacheStatus } from "./cache-status";
import { CohortsTable } from "./cohorts-table";
import { DashboardCards } from "./dashboard-cards";
import { DashboardError, DashboardSkeleton } from "./dashboard-states";
import { DateRangePicker } from "./date-range-picker";
import { ExportButtons } from "./export-buttons";
import { StatisticsPanel } from "./statistics-panel";
import { RangeTrend, WeekTrends } from "./trend-charts";
import { useLiveMetrics, useMetricsPolling, useRefreshDashboard } from "./use-metrics";

export function MetricsDashboard({
  title,
  empty,
}: {
  title: string;
  /** What a brand-new organization (or a teacher without students) is told, and what to do first. */
  empty: { description: string; action?: React.ReactNode };
}) {
  const [range, setRange] = useState<DateRange>("30d");
  const refetchInterval = useMetricsPolling();
  const dashboard = api.metrics.dashboard.useQuery({ force_refresh: false }, { refetchInterval });
  const refresh = useRefreshDashboard();
  useLiveMetrics();

  const data = dashboard.data;
  const brandNew = data ? data.user_metrics.total_users <= 1 && data.content_metrics.total_content === 0 : false;
  return (
    <>
      <PageHeader
        title={title}
        description={
          <CacheStatus
            generatedAt={data?.cache_metadata.generated_at ?? null}
            cacheHit={data?.cache_metadata.cache_hit ?? null}
            ttlSeconds={data?.cache_metadata.cache_ttl ?? null}
            refreshing={refresh.isPending || dashboard.isPending}
            onRefresh={() => refresh.mutate()}
          />
        }
      />
      <div className="mb-6 flex flex-col gap-3 rounded-lg border bg-card p-3 sm:flex-row sm:items-center sm:justify-between">
        <DateRangePicker value={range} onChange={setRange} />
        <ExportButtons
          request={(format) => ({
            url: "/api/v1/metrics/export",
            init: {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ format, date_range: range }),
            },
            fallbackName: `metrics-${range}.${format}`,
          })}
        />
      </div>
      {dashboard.isPending ? (
        <DashboardSkeleton />
      ) : dashboard.isError ? (
        <DashboardError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : data ? (
        <div className="grid gap-8">
          {brandNew ? (
            <EmptyState
              icon={BarChart3}
              title="Nothing to measure yet"
              description={empty.description}
              action={empty.action}
              className="rounded-lg border border-dashed"
            />
          ) : null}
          <DashboardCards data={data} showSystem={data.scope.kind === "organization"} />
          <WeekTrends trends={data.trends} />
          <RangeTrend range={range} />
          <ActivityPanel />
          <StatisticsPanel />
          <CohortsTable />
        </div>
      ) : null}
    </>
  );
}
