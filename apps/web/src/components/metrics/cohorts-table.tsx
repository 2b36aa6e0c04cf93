"use client";

// Weekly sign-up cohorts as a retention table: one row per week people joined, one column per
// week since, each cell shaded by its percentage (the number is written in it, so the shade only
// repeats what the text says).
import { Users } from "lucide-react";
import { LoadError } from "~/components/load-error";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { api } from "~/trpc/react";
import { formatDay, formatMetric, NO_VALUE } from "./format";
import { useMetricsPolling } from "./use-metrics";

const WEEKS = 8;

/** The cell's background: the primary colour at the cell's share, lightly. */
function shade(percent: number): React.CSSProperties {
  const alpha = Math.min(100, Math.max(0, percent)) / 100;
  return { backgroundColor: `color-mix(in srgb, var(--primary) ${Math.round(alpha * 45)}%, transparent)` };
}

export function CohortsTable() {
  const refetchInterval = useMetricsPolling();
  const cohorts = api.analytics.cohorts.useQuery({ weeks: WEEKS }, { refetchInterval });
  const columns = cohorts.data ? Math.max(1, ...cohorts.data.cohorts.map((c) => c.retention.length)) : 0;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Retention by sign-up week</h2>
        </CardTitle>
        <CardDescription>
          People who joined each week (Monday to Sunday, UTC), and the share of them active in each week after.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {cohorts.isPending ? (
          <Skeleton className="h-48 w-full" />
        ) : cohorts.isError ? (
          <LoadError
            title="Couldn't load the cohorts"
            message={cohorts.error.message}
            onRetry={() => void cohorts.refetch()}
          />
        ) : cohorts.data.cohorts.every((c) => c.size === 0) ? (
          <EmptyState
            icon={Users}
            title="No sign-ups in the last 8 weeks"
            description="Each week's new accounts show here."
          />
        ) : (
          // The one scrolling box (focusable, so keyboards can scroll it): a plain table inside.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus so keyboards can scroll it (WCAG 2.1.1)
          <section className="overflow-x-auto" tabIndex={0} aria-label="Retention by sign-up week">
            <table data-testid="cohorts" className="w-full caption-bottom text-sm">
              <caption className="sr-only">
                Retention of each weekly sign-up cohort, in percent per week after joining
              </caption>
              <TableHeader>
                <TableRow>
                  <TableHead>Week of</TableHead>
                  <TableHead className="text-right">Joined</TableHead>
                  {Array.from({ length: columns }, (_, i) => (
                    <TableHead key={i} className="text-right">
                      {i === 0 ? "Week 0" : `+${i}`}
                    </TableHead>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {cohorts.data.cohorts.map((c) => (
                  <TableRow key={c.week}>
                    <TableHead scope="row" className="font-normal">
                      {formatDay(c.week)}
                    </TableHead>
                    <TableCell className="text-right tabular-nums">{formatMetric(c.size)}</TableCell>
                    {Array.from({ length: columns }, (_, i) => {
                      const value = c.retention[i];
                      return (
                        <TableCell
                          key={i}
                          className="text-right tabular-nums"
                          style={value === undefined || c.size === 0 ? undefined : shade(value)}
                        >
                          {c.size === 0 ? (
                            // Nobody joined: no retention to measure (the API answers an empty list).
                            i === 0 ? (
                              <span title="Nobody joined this week">{NO_VALUE}</span>
                            ) : (
                              ""
                            )
                          ) : value === undefined ? (
                            ""
                          ) : (
                            formatMetric(value, "percent")
                          )}
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))}
              </TableBody>
            </table>
          </section>
        )}
      </CardContent>
    </Card>
  );
}
