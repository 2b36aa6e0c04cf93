"use client";

// The student's grades: one card per class, each assignment's result and the teacher's feedback.
// A result the teacher returned (a changed score, a comment) that the student has not opened yet
// is highlighted until they open it.
import { GraduationCap, MessageSquareText } from "lucide-react";
import Link from "next/link";
import { LoadError } from "~/components/load-error";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { cn } from "~/lib/utils";
import { api, type RouterOutputs } from "~/trpc/react";
import { DueText, plural, scoreText, TypeBadge } from "../assignment-ui";

type ClassGrades = RouterOutputs["assignments"]["myGrades"][number];
type Item = ClassGrades["items"][number];

const STATE: Record<Item["state"], string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  COMPLETED: "Done",
};

function Result({ item }: { item: Item }) {
  if (item.attempt) {
    return (
      <span className="tabular-nums">
        {item.attempt.percent}%{" "}
        <span className="text-muted-foreground">({scoreText(item.attempt.score, item.attempt.maxScore)})</span>
      </span>
    );
  }
  return <span className="text-muted-foreground">{STATE[item.state]}</span>;
}

function Feedback({ item }: { item: Item }) {
  const a = item.attempt;
  if (!a || (!a.feedback && a.comments === 0)) return <span className="text-muted-foreground">—</span>;
  return (
    <div className="grid gap-1">
      {a.feedback ? <p className="line-clamp-3 whitespace-pre-wrap">{a.feedback}</p> : null}
      {a.comments > 0 ? (
        <p className="flex items-center gap-1 text-muted-foreground text-xs">
          <MessageSquareText className="size-3" aria-hidden />
          {plural(a.comments, "comment")} on your answers
        </p>
      ) : null}
    </div>
  );
}

function ClassCard({ c }: { c: ClassGrades }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center justify-between gap-2">
          <h2>{c.className}</h2>
          <span className="flex items-center gap-2 font-normal text-sm">
            {c.returnedCount > 0 ? <Badge variant="warning">{plural(c.returnedCount, "returned result")}</Badge> : null}
            {c.quizAverage !== null ? (
              <span className="text-muted-foreground">Quiz average {c.quizAverage}%</span>
            ) : null}
          </span>
        </CardTitle>
        <CardDescription>{plural(c.items.length, "assignment")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Assignment</TableHead>
              <TableHead>Due</TableHead>
              <TableHead>Result</TableHead>
              <TableHead>Feedback</TableHead>
              <TableHead>
                <span className="sr-only">Open</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {c.items.map((item) => (
              <TableRow
                key={item.assignmentId}
                data-returned={item.returned ? "true" : undefined}
                className={cn(item.returned && "bg-warning/10 hover:bg-warning/15")}
              >
                <TableCell>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{item.title}</span>
                    <TypeBadge type={item.type} />
                    {item.returned ? <Badge variant="warning">Returned</Badge> : null}
                  </div>
                </TableCell>
                <TableCell className="text-sm">
                  <DueText dueAt={item.dueAt} capitalize />
                </TableCell>
                <TableCell>
                  <Result item={item} />
                </TableCell>
                <TableCell className="max-w-xs text-sm">
                  <Feedback item={item} />
                </TableCell>
                <TableCell className="text-right">
                  <Button asChild size="sm" variant={item.returned ? "default" : "outline"}>
                    <Link
                      href={
                        item.attempt
                          ? `/student/attempts/${item.attempt.id}`
                          : `/student/assignments/${item.assignmentId}`
                      }
                    >
                      {item.attempt ? "See result" : "Open"}
                      <span className="sr-only">: {item.title}</span>
                    </Link>
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

export function MyGrades() {
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const query = api.assignments.myGrades.useQuery(undefined, { refetchInterval });
  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.error)
    return (
      <LoadError title="Couldn't load your grades" message={query.error.message} onRetry={() => void query.refetch()} />
    );
  if (query.data.length === 0) {
    return (
      <EmptyState
        icon={GraduationCap}
        title="No grades yet"
        description="When you are in a class and finish an assignment, your results appear here."
      />
    );
  }
  return (
    <div className="grid gap-6">
      {query.data.map((c) => (
        <ClassCard key={c.classId} c={c} />
      ))}
    </div>
  );
}
