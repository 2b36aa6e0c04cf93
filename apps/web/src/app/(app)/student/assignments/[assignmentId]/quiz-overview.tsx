"use client";

import { ArrowLeft, ClipboardCheck, Play, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { LoadError } from "~/components/load-error";
import { PageHeader } from "~/components/page-header";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { AskTutorButton } from "~/components/tutor/ask-tutor-button";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { api } from "~/trpc/react";
import { DateTimeText, DueText, percent, plural, scoreText } from "../../assignment-ui";

export function QuizOverview({
  assignmentId,
  title,
  classId,
  className,
  overdue,
}: {
  assignmentId: string;
  title: string;
  classId: string;
  className: string;
  overdue: boolean;
}) {
  const router = useRouter();
  const utils = api.useUtils();
  // A regrade arrives as a grade.released event; without realtime, re-read every few seconds.
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const query = api.assignments.myAttempts.useQuery({ assignmentId }, { refetchInterval });
  const [failure, setFailure] = useState<string | null>(null);
  const start = api.assignments.startAttempt.useMutation({
    onSuccess(player) {
      utils.assignments.attempt.setData({ attemptId: player.attemptId }, { kind: "player", player });
      void utils.assignments.myAttempts.invalidate({ assignmentId });
      void utils.assignments.mine.invalidate();
      router.push(`/student/attempts/${player.attemptId}`);
    },
    onError(e) {
      setFailure(e.message);
      void utils.assignments.myAttempts.invalidate({ assignmentId });
    },
  });

  const header = (
    <>
      <Button asChild variant="ghost" size="sm" className="mb-2 -ml-3">
        <Link href="/student">
          <ArrowLeft aria-hidden /> My assignments
        </Link>
      </Button>
      <PageHeader
        title={query.data?.title ?? title}
        description={
          <>
            Quiz ·{" "}
            <Link href={`/student/classes/${classId}`} className="underline underline-offset-4">
              {className}
            </Link>
            {overdue ? (
              <Badge variant="destructive" className="ml-2">
                Past due
              </Badge>
            ) : null}
          </>
        }
        actions={<AskTutorButton classId={classId} assignmentId={assignmentId} />}
      />
    </>
  );

  if (query.isPending) {
    return (
      <>
        {header}
        <div className="grid gap-6" aria-busy="true">
          <Skeleton className="h-44 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      </>
    );
  }
  if (query.error) {
    return (
      <>
        {header}
        <LoadError title="Couldn't load this quiz" message={query.error.message} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const { attempts, maxAttempts, dueAt, description, instructions } = query.data;
  const open = attempts.find((t) => t.status === "IN_PROGRESS");
  const submitted = attempts.filter((t) => t.status === "SUBMITTED");
  const left = maxAttempts === null ? null : Math.max(0, maxAttempts - attempts.length);
  const best = submitted.reduce<{ score: number; maxScore: number } | null>((b, t) => {
    if (t.score === null || t.maxScore === null) return b;
    return !b || percent(t.score, t.maxScore) > percent(b.score, b.maxScore)
      ? { score: t.score, maxScore: t.maxScore }
      : b;
  }, null);
  const canStart = !open && (left === null || left > 0);

  let action: React.ReactNode;
  if (open) {
    action = (
      <Button size="lg" onClick={() => start.mutate({ assignmentId })} disabled={start.isPending}>
        <Play aria-hidden /> {start.isPending ? "Opening…" : `Continue attempt ${open.number}`}
      </Button>
    );
  } else if (canStart) {
    action = (
      <Button size="lg" onClick={() => start.mutate({ assignmentId })} disabled={start.isPending}>
        {attempts.length === 0 ? <Play aria-hidden /> : <RotateCcw aria-hidden />}
        {start.isPending ? "Starting…" : attempts.length === 0 ? "Start quiz" : `Start attempt ${attempts.length + 1}`}
      </Button>
    );
  } else {
    action = (
      <p className="text-muted-foreground text-sm">
        You've used all {plural(maxAttempts ?? 0, "attempt")}. Review your answers below.
      </p>
    );
  }

  return (
    <>
      {header}
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>About this quiz</h2>
            </CardTitle>
            <CardDescription>
              {open
                ? "You have an attempt in progress. Your answers were saved as you went."
                : attempts.length === 0
                  ? "Answers save automatically while you work. Submit when you're done."
                  : "Your best score counts. Open a past attempt to see how you did."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {description || instructions ? (
              <div className="mb-4 grid gap-2 text-sm">
                {description ? <p>{description}</p> : null}
                {instructions ? <p className="whitespace-pre-line">{instructions}</p> : null}
              </div>
            ) : null}
            <dl className="grid gap-4 sm:grid-cols-3">
              <div className="rounded-lg border p-4">
                <dt className="text-muted-foreground text-sm">Due</dt>
                <dd className="mt-1 font-medium">
                  <DueText dueAt={dueAt} capitalize />
                </dd>
              </div>
              <div className="rounded-lg border p-4">
                <dt className="text-muted-foreground text-sm">Attempts</dt>
                <dd className="mt-1 font-medium">
                  {maxAttempts === null
                    ? `${attempts.length} used · no limit`
                    : `${attempts.length} of ${maxAttempts} used · ${left} left`}
                </dd>
              </div>
              <div className="rounded-lg border p-4">
                <dt className="text-muted-foreground text-sm">Best score</dt>
                <dd className="mt-1 font-medium">
                  {best
                    ? `${scoreText(best.score, best.maxScore)} (${percent(best.score, best.maxScore)}%)`
                    : "Not yet submitted"}
                </dd>
              </div>
            </dl>
            {overdue && canStart ? (
              <p className="mt-4 text-muted-foreground text-sm">
                The due date has passed, but you can still take this quiz.
              </p>
            ) : null}
          </CardContent>
          <CardFooter className="flex-col items-start gap-3 border-t">
            {action}
            {failure ? (
              <Alert variant="destructive">
                <AlertTitle>Couldn't start the quiz</AlertTitle>
                <AlertDescription>{failure}</AlertDescription>
              </Alert>
            ) : null}
          </CardFooter>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Your attempts</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            {attempts.length === 0 ? (
              <EmptyState
                icon={ClipboardCheck}
                title="No attempts yet"
                description="When you submit the quiz, your score and answers show up here."
              />
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Attempt</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead>Score</TableHead>
                    <TableHead>Submitted</TableHead>
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {[...attempts].reverse().map((t) => (
                    <TableRow key={t.id}>
                      <TableCell className="font-medium">#{t.number}</TableCell>
                      <TableCell>
                        <span className="flex flex-wrap gap-1">
                          {t.status === "SUBMITTED" ? (
                            <Badge variant="success">Submitted</Badge>
                          ) : (
                            <Badge variant="warning">In progress</Badge>
                          )}
                          {t.newGrade ? <Badge>New grade</Badge> : null}
                        </span>
                      </TableCell>
                      <TableCell>
                        {t.score !== null && t.maxScore !== null
                          ? `${scoreText(t.score, t.maxScore)} · ${percent(t.score, t.maxScore)}%`
                          : "—"}
                      </TableCell>
                      <TableCell className="text-muted-foreground">
                        {t.submittedAt ? <DateTimeText value={t.submittedAt} /> : "—"}
                      </TableCell>
                      <TableCell className="text-right">
                        <Button asChild size="sm" variant="outline">
                          <Link href={`/student/attempts/${t.id}`}>
                            {t.status === "SUBMITTED" ? "Review" : "Continue"}
                            <span className="sr-only"> attempt {t.number}</span>
                          </Link>
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
