"use client";

// The organization's model usage: today's tokens against the daily budget, who may generate,
// tokens per UTC day over the last 30 days, and the people whose tasks used them.
import type { AiUsage } from "@toolboxai/validators";
import { BarChart3, Users } from "lucide-react";
import Link from "next/link";
import { LoadError } from "~/components/load-error";
import { LocalTime } from "~/components/local-time";
import { ChartFigure } from "~/components/metrics/chart-figure";
import { BarChartView } from "~/components/metrics/lazy-charts";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { budgetPercent, formatDay, formatTokens, ROLE_LABEL, USAGE_DAYS } from "./format";

export function UsagePanel() {
  const usage = api.aiAdmin.usage.useQuery({ days: USAGE_DAYS }, { refetchInterval: 30_000 });
  if (usage.error) {
    return (
      <LoadError
        title="Couldn't load the AI usage"
        message={usage.error.message}
        onRetry={() => void usage.refetch()}
      />
    );
  }
  if (!usage.data) return <UsageSkeleton />;
  const data = usage.data;
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-3">
        <BudgetCard usage={data} />
        <GenerateRolesCard roles={data.generateRoles} />
      </div>
      <TokensChart days={data.days} />
      <TeachersTable teachers={data.teachers} />
    </>
  );
}

function UsageSkeleton() {
  return (
    <div className="grid gap-6" data-testid="ai-usage-loading">
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-40 lg:col-span-2" />
        <Skeleton className="h-40" />
      </div>
      <Skeleton className="h-72" />
    </div>
  );
}

function BudgetCard({ usage }: { usage: AiUsage }) {
  const percent = budgetPercent(usage.today.tokens, usage.budget);
  return (
    <Card className="lg:col-span-2">
      <CardHeader>
        <CardTitle>
          <h2>Today's usage</h2>
        </CardTitle>
        <CardDescription>
          Prompt and completion tokens of every model call since midnight UTC; the count starts again at{" "}
          <LocalTime value={usage.resetsAt} options={{ timeStyle: "short" }} />.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <p className="text-sm" data-testid="ai-usage-today">
          <span className="font-semibold text-2xl tabular-nums">{formatTokens(usage.today.tokens)}</span>{" "}
          {usage.budget === null ? "tokens" : `of ${formatTokens(usage.budget)} tokens`} ·{" "}
          {formatTokens(usage.today.calls)} model {usage.today.calls === 1 ? "call" : "calls"}
        </p>
        {percent === null ? (
          <p className="text-muted-foreground text-sm">
            No daily budget: generation is not limited.{" "}
            <Link className="underline underline-offset-4" href="/admin/settings">
              Set a budget in Settings
            </Link>
          </p>
        ) : (
          <>
            <div
              role="progressbar"
              aria-label="Today's AI budget used"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={`${percent}% of the daily budget`}
              className="h-3 overflow-hidden rounded-full bg-secondary"
            >
              <div
                className={cn("h-full rounded-full", usage.exhausted ? "bg-destructive" : "bg-primary")}
                style={{ width: `${percent}%` }}
              />
            </div>
            <p className="text-muted-foreground text-sm">
              {percent}% of the daily budget · {formatTokens(usage.remaining ?? 0)} tokens left today
            </p>
          </>
        )}
        {usage.exhausted ? (
          <Alert variant="destructive">
            <AlertTitle>The daily budget is used up</AlertTitle>
            <AlertDescription>
              New generations are refused and running ones stop at their next model call until the count starts again at{" "}
              <LocalTime value={usage.resetsAt} options={{ timeStyle: "short" }} />. Raise the budget in{" "}
              <Link className="underline underline-offset-4" href="/admin/settings">
                Settings
              </Link>{" "}
              to carry on today.
            </AlertDescription>
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}

function GenerateRolesCard({ roles }: { roles: AiUsage["generateRoles"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Who may generate</h2>
        </CardTitle>
        <CardDescription>The roles that may ask the agents for drafts.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {roles.length === 0 ? (
          <p>Nobody: AI generation is switched off for every role.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label="Roles that may generate">
            {roles.map((role) => (
              <li key={role}>
                <Badge variant="outline">{ROLE_LABEL[role]}</Badge>
              </li>
            ))}
          </ul>
        )}
        <Link className="underline underline-offset-4" href="/admin/settings">
          Change the budget and roles in Settings
        </Link>
      </CardContent>
    </Card>
  );
}

const SERIES = [
  { key: "promptTokens", name: "Prompt tokens", color: "var(--primary)" },
  { key: "completionTokens", name: "Completion tokens", color: "var(--success)" },
] as const;

function TokensChart({ days }: { days: AiUsage["days"] }) {
  const total = days.reduce((sum, d) => sum + d.tokens, 0);
  const calls = days.reduce((sum, d) => sum + d.calls, 0);
  const busiest = days.reduce<AiUsage["days"][number] | null>(
    (top, d) => (!top || d.tokens > top.tokens ? d : top),
    null,
  );
  const summary =
    total === 0
      ? `No model calls in the last ${days.length} days.`
      : `${formatTokens(total)} tokens in ${formatTokens(calls)} model calls over the last ${days.length} days; the busiest day was ${busiest ? formatDay(busiest.day) : ""} (${formatTokens(busiest?.tokens ?? 0)} tokens).`;
  const data = days.map((d) => ({
    label: formatDay(d.day),
    promptTokens: d.promptTokens,
    completionTokens: d.completionTokens,
  }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Tokens per day</h2>
        </CardTitle>
        <CardDescription>The last {days.length} UTC days, today last.</CardDescription>
      </CardHeader>
      <CardContent>
        {total === 0 ? (
          <EmptyState
            icon={BarChart3}
            title="No model calls yet"
            description="Once teachers generate lessons, quizzes or environments, their tokens show here per day."
          />
        ) : (
          <ChartFigure
            testId="ai-tokens-chart"
            chart={<BarChartView data={data} xKey="label" series={SERIES} label={summary} stacked />}
            summary={summary}
            rows={days}
            rowKey={(d) => d.day}
            tableCaption="Tokens per UTC day"
            columns={[
              { header: "Day", cell: (d) => formatDay(d.day) },
              { header: "Calls", cell: (d) => formatTokens(d.calls), numeric: true },
              { header: "Prompt tokens", cell: (d) => formatTokens(d.promptTokens), numeric: true },
              { header: "Completion tokens", cell: (d) => formatTokens(d.completionTokens), numeric: true },
              { header: "Tokens", cell: (d) => formatTokens(d.tokens), numeric: true },
            ]}
          />
        )}
      </CardContent>
    </Card>
  );
}

function TeachersTable({ teachers }: { teachers: AiUsage["teachers"] }) {
  return (
    <Card className="gap-0 pb-0">
      <CardHeader className="pb-4">
        <CardTitle>
          <h2>Usage per teacher</h2>
        </CardTitle>
        <CardDescription>
          Whose generation tasks made the model calls of the last {USAGE_DAYS} days, most tokens first.
        </CardDescription>
      </CardHeader>
      {teachers.length === 0 ? (
        <CardContent className="pb-6">
          <EmptyState icon={Users} title="Nobody has generated anything in this period" />
        </CardContent>
      ) : (
        <Table aria-label="Usage per teacher">
          <TableHeader>
            <TableRow>
              <TableHead>Person</TableHead>
              <TableHead className="hidden md:table-cell">Role</TableHead>
              <TableHead className="text-right">Tasks</TableHead>
              <TableHead className="text-right">Calls</TableHead>
              <TableHead className="text-right">Tokens</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {teachers.map((t) => (
              <TableRow key={t.userId} data-testid={`ai-usage-teacher-${t.email}`}>
                <TableCell>
                  <div className="font-medium">{t.name}</div>
                  <div className="text-muted-foreground text-xs">{t.email}</div>
                </TableCell>
                <TableCell className="hidden md:table-cell">{t.role === "ADMIN" ? "Admin" : "Teacher"}</TableCell>
                <TableCell className="text-right tabular-nums">{formatTokens(t.tasks)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatTokens(t.calls)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatTokens(t.tokens)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
