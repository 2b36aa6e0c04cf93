"use client";

import { ArrowLeft, UserRound } from "lucide-react";
import Link from "next/link";
import { LocalTime } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";

const STATUS: Record<string, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  SUBMITTED: "Submitted",
  COMPLETED: "Completed",
};

export function StudentDetail({ classId, studentId }: { classId: string; studentId: string }) {
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const query = api.gradebook.student.useQuery({ classId, studentId }, { refetchInterval });
  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.error)
    return <EmptyState icon={UserRound} title="Couldn't load this student" description={query.error.message} />;
  const d = query.data;
  return (
    <>
      <PageHeader
        title={d.student.name}
        description={`${d.student.email} · ${d.class.name}${d.average === null ? "" : ` · quiz average ${d.average}%`}`}
        actions={
          <Button asChild variant="outline">
            <Link href={`/teacher/classes/${classId}/gradebook`}>
              <ArrowLeft className="size-4" aria-hidden /> Gradebook
            </Link>
          </Button>
        }
      />
      {d.items.length === 0 ? (
        <EmptyState
          icon={UserRound}
          title="Nothing assigned yet"
          description="Assignments of this class appear here."
        />
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {d.items.map((item) => (
            <Card key={item.id}>
              <CardHeader>
                <CardTitle className="flex items-center justify-between gap-2">
                  <h2>{item.title}</h2>
                  <Badge
                    variant={
                      item.cell.status === "NOT_STARTED"
                        ? "secondary"
                        : item.cell.status === "IN_PROGRESS"
                          ? "outline"
                          : "success"
                    }
                  >
                    {STATUS[item.cell.status]}
                  </Badge>
                </CardTitle>
                <CardDescription>
                  {item.type.toLowerCase()}
                  {item.cell.extendedDueAt ? (
                    <>
                      {" · due "}
                      <LocalTime value={item.cell.extendedDueAt} /> (extended)
                    </>
                  ) : item.dueAt ? (
                    <>
                      {" · due "}
                      <LocalTime value={item.dueAt} />
                    </>
                  ) : null}
                  {item.cell.percent !== null
                    ? ` · ${item.type === "QUIZ" ? "best" : "read"} ${item.cell.percent}%`
                    : ""}
                </CardDescription>
              </CardHeader>
              {item.attempts.length > 0 ? (
                <CardContent>
                  <ul className="grid gap-1 text-sm">
                    {item.attempts.map((t) => (
                      <li key={t.id}>
                        <Link
                          href={`/teacher/classes/${classId}/attempts/${t.id}`}
                          className="-mx-2 flex justify-between rounded px-2 py-1 hover:bg-muted focus-visible:outline-2"
                        >
                          <span className="font-medium underline-offset-4 hover:underline">Attempt {t.number}</span>
                          <span className="text-muted-foreground tabular-nums">
                            {t.status === "SUBMITTED" ? (
                              <>
                                {`${t.score}/${t.maxScore} · `}
                                {t.submittedAt ? <LocalTime value={t.submittedAt} /> : null}
                              </>
                            ) : (
                              "in progress"
                            )}
                          </span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </CardContent>
              ) : null}
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
