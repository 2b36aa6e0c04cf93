"use client";

// One class's analytics for its teacher: completion per assignment, the distribution of quiz
// scores, results by question and by standard, and submissions over time, for the chosen date
// range; exports of them. Live: re-read when the organization's numbers change.
import type { DateRange } from "@toolboxai/validators";
import { ArrowLeft, BarChart3 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { LocalTime } from "~/components/local-time";
import { DashboardError } from "~/components/metrics/dashboard-states";
import { DateRangePicker } from "~/components/metrics/date-range-picker";
import { ExportButtons } from "~/components/metrics/export-buttons";
import { DATE_RANGE_LABEL } from "~/components/metrics/format";
import { RateBar } from "~/components/metrics/rate-bar";
import { useLiveMetrics, useMetricsPolling } from "~/components/metrics/use-metrics";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { api } from "~/trpc/react";
import { CompletionChart, ScoreHistogram, SubmissionTrend } from "./class-charts";
import { QuestionTable } from "./question-table";

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{title}</h2>
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function ClassAnalyticsView({ classId }: { classId: string }) {
  const [range, setRange] = useState<DateRange>("30d");
  const refetchInterval = useMetricsPolling();
  const query = api.analytics.classAnalytics.useQuery(
    { classId, date_range: range },
    { refetchInterval, placeholderData: (previous) => previous },
  );
  useLiveMetrics();
  const data = query.data;
  const back = (
    <Button asChild variant="outline">
      <Link href={`/teacher/classes/${classId}`}>
        <ArrowLeft className="size-4" aria-hidden /> Back to the class
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader
        title={data ? `${data.class.name}: analytics` : "Class analytics"}
        description={
          data ? (
            <>
              {data.class.students} students · updated <LocalTime value={data.generated_at} />
            </>
          ) : (
            "How the class is doing."
          )
        }
        actions={back}
      />
      <div className="mb-6 flex flex-col gap-3 rounded-lg border bg-card p-3 sm:flex-row sm:items-center sm:justify-between">
        <DateRangePicker value={range} onChange={setRange} disabled={query.isPending} />
        <div className="flex flex-wrap items-center gap-3">
          <ExportButtons
            request={(format) => ({
              url: `/api/v1/classes/${encodeURIComponent(classId)}/analytics/export/${format}?date_range=${range}`,
              init: { method: "GET" },
              fallbackName: `class-analytics-${range}.${format}`,
            })}
          />
          <Button asChild variant="link" size="sm" className="px-0">
            <a href={`/api/classes/${classId}/gradebook.csv`} download>
              Gradebook CSV
            </a>
          </Button>
        </div>
      </div>
      {query.isPending ? (
        <div className="grid gap-6 lg:grid-cols-2" aria-busy="true" data-testid="metrics-loading">
          <span className="sr-only" role="status">
            Loading the class's analytics
          </span>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-72 w-full" />
          ))}
        </div>
      ) : query.isError ? (
        <DashboardError error={query.error} onRetry={() => void query.refetch()} />
      ) : data && data.completion.length === 0 ? (
        <EmptyState
          icon={BarChart3}
          title="Nothing assigned yet"
          description="Completion, scores and results per question show here once you assign lessons or quizzes to this class."
          action={back}
          className="rounded-lg border border-dashed"
        />
      ) : data ? (
        <div className="grid gap-6" aria-busy={query.isFetching}>
          <div className="grid gap-6 lg:grid-cols-2">
            <Section title="Completion" description="Per assignment: who finished, who started, who hasn't.">
              <CompletionChart rows={data.completion} students={data.class.students} />
            </Section>
            <Section
              title="Score distribution"
              description={`Submitted quiz scores, ${DATE_RANGE_LABEL[range].toLowerCase()}.`}
            >
              <ScoreHistogram buckets={data.score_distribution} />
            </Section>
          </div>
          <Section title="Results by question" description="The share of answers that were correct. Hardest first.">
            {data.by_question.length === 0 ? (
              <p className="text-muted-foreground text-sm">No quiz answers in this range.</p>
            ) : (
              <QuestionTable rows={data.by_question} />
            )}
          </Section>
          <div className="grid gap-6 lg:grid-cols-2">
            <Section title="By standard" description="Every question aligned to a standard, together.">
              {data.by_standard.length === 0 ? (
                <p className="text-muted-foreground text-sm">No answered question is tagged with a standard.</p>
              ) : (
                <Table data-testid="by-standard">
                  <TableHeader>
                    <TableRow>
                      <TableHead>Standard</TableHead>
                      <TableHead className="text-right">Questions</TableHead>
                      <TableHead className="text-right">Answers</TableHead>
                      <TableHead className="text-right">Correct</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {data.by_standard.map((s) => (
                      <TableRow key={s.standard}>
                        <TableCell className="font-mono text-xs">{s.standard}</TableCell>
                        <TableCell className="text-right tabular-nums">{s.questions}</TableCell>
                        <TableCell className="text-right tabular-nums">{s.answers}</TableCell>
                        <TableCell className="text-right">
                          <RateBar value={s.correct_rate} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Section>
            <Section title="Over time" description="Quizzes submitted per day (UTC) and their average score.">
              <SubmissionTrend days={data.trends} />
            </Section>
          </div>
        </div>
      ) : null}
    </>
  );
}
