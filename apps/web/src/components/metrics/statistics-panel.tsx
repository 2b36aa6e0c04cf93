"use client";

// Statistics for a period against the one before it, with an arrow for the direction of each
// change (its words say the same for screen readers).
import { type StatisticsPeriod, statisticsPeriods } from "@toolboxai/validators";
import { ArrowDownRight, ArrowRight, ArrowUpRight } from "lucide-react";
import { useId, useState } from "react";
import { LoadError } from "~/components/load-error";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { changeDirection, formatChange, formatMetric, type MetricUnit } from "./format";
import { useMetricsPolling } from "./use-metrics";

// Periods are whole UTC days ending with today (the API's PERIOD_DAYS), not calendar weeks or months.
const PERIOD_LABEL: Record<StatisticsPeriod, string> = {
  day: "Today",
  week: "Last 7 days",
  month: "Last 30 days",
  quarter: "Last 90 days",
  year: "Last 365 days",
};

/** What each period compares, as the API computes it. */
const PERIOD_MEANING: Record<StatisticsPeriod, string> = {
  day: "Today so far (UTC day), against yesterday.",
  week: "The last 7 UTC days, today so far included, against the 7 days before them.",
  month: "The last 30 UTC days, today so far included, against the 30 days before them.",
  quarter: "The last 90 UTC days, today so far included, against the 90 days before them.",
  year: "The last 365 UTC days, today so far included, against the 365 days before them.",
};

type StatKey =
  | "new_users"
  | "active_users"
  | "content_created"
  | "content_published"
  | "lessons_completed"
  | "assessments_taken"
  | "average_score";
const ROWS: { key: StatKey; label: string; unit: MetricUnit }[] = [
  { key: "new_users", label: "New users", unit: "count" },
  { key: "active_users", label: "Active users", unit: "count" },
  { key: "content_created", label: "Content created", unit: "count" },
  { key: "content_published", label: "Content published", unit: "count" },
  { key: "lessons_completed", label: "Lessons completed", unit: "count" },
  { key: "assessments_taken", label: "Quizzes taken", unit: "count" },
  { key: "average_score", label: "Average quiz score", unit: "percent" },
];

const ARROW = { up: ArrowUpRight, down: ArrowDownRight, flat: ArrowRight } as const;
const WORDS = { up: "up", down: "down", flat: "no change" } as const;

export function StatisticsPanel() {
  const [period, setPeriod] = useState<StatisticsPeriod>("week");
  const refetchInterval = useMetricsPolling();
  const stats = api.metrics.statistics.useQuery({ period }, { refetchInterval, placeholderData: (p) => p });
  const selectId = useId();
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="grid gap-1.5">
          <CardTitle>
            <h2>Statistics</h2>
          </CardTitle>
          <CardDescription>{PERIOD_MEANING[period]} Average quiz score: — when no quiz was submitted.</CardDescription>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={selectId}>Period</Label>
          <NativeSelect
            id={selectId}
            className="w-40"
            value={period}
            onChange={(e) => setPeriod(e.target.value as StatisticsPeriod)}
          >
            {statisticsPeriods.map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABEL[p]}
              </option>
            ))}
          </NativeSelect>
        </div>
      </CardHeader>
      <CardContent aria-busy={stats.isFetching}>
        {stats.isError ? (
          <LoadError
            title="Couldn't load the statistics"
            message={stats.error.message}
            onRetry={() => void stats.refetch()}
          />
        ) : (
          <Table data-testid="statistics">
            <TableHeader>
              <TableRow>
                <TableHead>Metric</TableHead>
                <TableHead className="text-right">{PERIOD_LABEL[period]}</TableHead>
                <TableHead className="text-right">Before</TableHead>
                <TableHead className="text-right">Change</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {stats.isPending ? (
                <TableSkeletonRows rows={ROWS.length} columns={4} />
              ) : (
                ROWS.map((row) => {
                  const v = stats.data.statistics[row.key];
                  const direction = changeDirection(v.change);
                  const Arrow = ARROW[direction];
                  return (
                    <TableRow key={row.key}>
                      <TableCell>{row.label}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatMetric(v.current, row.unit)}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatMetric(v.previous, row.unit)}</TableCell>
                      <TableCell
                        className={cn(
                          "text-right tabular-nums",
                          direction === "up" && "text-success",
                          direction === "down" && "text-destructive",
                        )}
                      >
                        <span className="inline-flex items-center gap-1">
                          <Arrow className="size-3.5" aria-hidden />
                          {formatChange(v.change)}
                          <span className="sr-only"> ({WORDS[direction]})</span>
                        </span>
                      </TableCell>
                    </TableRow>
                  );
                })
              )}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
