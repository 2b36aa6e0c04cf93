"use client";

// The class's charts: completion per assignment (stacked: completed, in progress, not started),
// the distribution of quiz scores, and submissions per day with their average score. Each comes
// with a summary sentence and its table.
import type { ClassAnalytics } from "@toolboxai/validators";
import { ChartFigure } from "~/components/metrics/chart-figure";
import { formatDay, formatMetric } from "~/components/metrics/format";
import { BarChartView, LineChartView } from "~/components/metrics/lazy-charts";
import { plural } from "~/lib/plural";
import { scoreSummary, shortBucketLabel } from "./score-summary";

export function CompletionChart({ rows, students }: { rows: ClassAnalytics["completion"]; students: number }) {
  const done = rows.filter((r) => r.completion_rate >= 100).length;
  const summary = `${plural(rows.length, "assignment")} for ${plural(students, "student")}: ${done} finished by everyone. ${rows
    .map((r) => `${r.title}: ${r.completed} completed, ${r.in_progress} in progress, ${r.not_started} not started`)
    .join("; ")}.`;
  return (
    <ChartFigure
      testId="completion"
      chart={
        <BarChartView
          label={summary}
          stacked
          everyLabel
          data={rows.map((r) => ({
            title: r.title,
            completed: r.completed,
            in_progress: r.in_progress,
            not_started: r.not_started,
          }))}
          xKey="title"
          series={[
            { key: "completed", name: "Completed", color: "var(--success)" },
            { key: "in_progress", name: "In progress", color: "var(--warning)" },
            { key: "not_started", name: "Not started", color: "var(--muted-foreground)" },
          ]}
          height={240}
        />
      }
      summary={`${plural(rows.length, "assignment")}; ${done} finished by every student.`}
      rows={rows}
      rowKey={(r) => r.assignment_id}
      tableCaption="Completion per assignment"
      columns={[
        { header: "Assignment", cell: (r) => r.title },
        { header: "Completed", cell: (r) => r.completed, numeric: true },
        { header: "In progress", cell: (r) => r.in_progress, numeric: true },
        { header: "Not started", cell: (r) => r.not_started, numeric: true },
        { header: "Completion", cell: (r) => formatMetric(r.completion_rate, "percent"), numeric: true },
      ]}
    />
  );
}

export function ScoreHistogram({ buckets }: { buckets: ClassAnalytics["score_distribution"] }) {
  const summary = scoreSummary(buckets);
  return (
    <ChartFigure
      testId="score-distribution"
      chart={
        <BarChartView
          label={summary}
          data={buckets.map((b) => ({ band: shortBucketLabel(b), count: b.count }))}
          xKey="band"
          everyLabel
          series={[{ key: "count", name: "Submissions", color: "var(--primary)" }]}
        />
      }
      summary={summary}
      rows={buckets}
      rowKey={(b) => b.bucket}
      tableCaption="Quiz scores in ten bands"
      columns={[
        { header: "Score", cell: (b) => b.bucket },
        { header: "Submissions", cell: (b) => b.count, numeric: true },
      ]}
    />
  );
}

export function SubmissionTrend({ days }: { days: ClassAnalytics["trends"] }) {
  const submissions = days.reduce((n, d) => n + d.submissions, 0);
  const scored = days.filter((d) => d.average_score !== null);
  const summary =
    submissions === 0
      ? "No quiz submitted in this range."
      : `${plural(submissions, "quiz submission")} on ${plural(scored.length, "day")}; the average score per day is drawn.`;
  return (
    <ChartFigure
      testId="class-trend"
      chart={
        <LineChartView
          label={summary}
          data={days.map((d) => ({
            day: formatDay(d.date),
            average_score: d.average_score,
          }))}
          xKey="day"
          // Submissions (a few a day) would be a flat line on a 0-100 axis: they are in the summary and the table.
          series={[{ key: "average_score", name: "Average score (%)", color: "var(--primary)" }]}
          yMax={100}
        />
      }
      summary={summary}
      rows={days.filter((d) => d.submissions > 0)}
      rowKey={(d) => d.date}
      tableCaption="Quiz submissions and their average score per UTC day"
      columns={[
        { header: "Day (UTC)", cell: (d) => d.date },
        { header: "Submissions", cell: (d) => d.submissions, numeric: true },
        { header: "Average score", cell: (d) => formatMetric(d.average_score, "percent"), numeric: true },
      ]}
    />
  );
}
