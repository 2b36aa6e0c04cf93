"use client";

// A few of the dashboard's numbers on a home page, with a link to the whole dashboard. For an
// admin they are the organization's; for a teacher, their classes'. Shares the dashboard's query
// (and so its cache in the browser and its rate limit) with the dashboard page.
import { ArrowRight, BarChart3 } from "lucide-react";
import Link from "next/link";
import { RelativeTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";
import { formatMetric } from "./format";
import { useLiveMetrics, useMetricsPolling } from "./use-metrics";

export function DashboardSummaryCard({ href, linkLabel }: { href?: string; linkLabel?: string }) {
  const refetchInterval = useMetricsPolling();
  const dashboard = api.metrics.dashboard.useQuery({ force_refresh: false }, { refetchInterval });
  useLiveMetrics();
  const d = dashboard.data;
  const items = d
    ? [
        { label: "Active in the last 24 h", value: formatMetric(d.user_metrics.active_users) },
        { label: "Lessons completed (7 days)", value: formatMetric(d.engagement_metrics.lessons_completed) },
        { label: "Quizzes taken (7 days)", value: formatMetric(d.engagement_metrics.assessments_taken) },
        { label: "Engagement score", value: formatMetric(d.engagement_metrics.engagement_score, "score") },
      ]
    : [];
  return (
    <Card className="mt-6" data-testid="metrics-summary">
      <CardHeader className="flex flex-row items-start justify-between gap-4 space-y-0">
        <div className="grid gap-1.5">
          <CardTitle>
            <h2>{d?.scope.kind === "teacher" ? "Your classes this week" : "This week in numbers"}</h2>
          </CardTitle>
          <CardDescription>
            {d ? (
              <>
                Updated <RelativeTime value={d.cache_metadata.generated_at} />.
              </>
            ) : dashboard.isError ? (
              `Couldn't load the numbers: ${dashboard.error.message}`
            ) : (
              "Loading the numbers…"
            )}
          </CardDescription>
        </div>
        {href ? (
          <Button asChild variant="outline">
            <Link href={href}>
              <BarChart3 className="size-4" aria-hidden /> {linkLabel ?? "See all metrics"}
              <ArrowRight className="size-4" aria-hidden />
            </Link>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {dashboard.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : d ? (
          <dl className="grid gap-4 text-sm sm:grid-cols-4">
            {items.map((item) => (
              <div key={item.label}>
                <dt className="text-muted-foreground">{item.label}</dt>
                <dd className="mt-1 font-semibold text-2xl tabular-nums">{item.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </CardContent>
    </Card>
  );
}
