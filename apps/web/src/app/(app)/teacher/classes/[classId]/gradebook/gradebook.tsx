"use client";

import { ArrowLeft, CalendarClock, Download, Table2 } from "lucide-react";
import Link from "next/link";
import { useLocalFormat } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { cn } from "~/lib/utils";
import { api, type RouterOutputs } from "~/trpc/react";
import { averageLabel, band } from "./score-band";

type Cell = RouterOutputs["gradebook"]["forClass"]["rows"][number]["cells"][number];

/** The average column stays in view while the assignments scroll sideways (1280 px and narrower). */
const stickyEnd = "sticky right-0 border-l shadow-[-4px_0_6px_-4px_rgb(0_0_0/0.15)]";

function CellView({ cell, type }: { cell: Cell; type: string }) {
  if (cell.status === "NOT_STARTED") return <span className="text-muted-foreground">—</span>;
  if (type === "QUIZ") {
    if (cell.status === "IN_PROGRESS") return <Badge variant="outline">In progress</Badge>;
    return (
      <span
        className={cn(
          "inline-block min-w-14 rounded px-2 py-0.5 text-center font-medium tabular-nums",
          band(cell.percent ?? 0),
        )}
      >
        {cell.percent}%
      </span>
    );
  }
  return cell.status === "COMPLETED" ? (
    <Badge variant="success">Completed</Badge>
  ) : (
    <Badge variant="outline">{cell.percent === null ? "Started" : `${Math.round(cell.percent)}% read`}</Badge>
  );
}

export function Gradebook({ classId }: { classId: string }) {
  // Extended due dates (a cell's title): in UTC until hydrated, then in the teacher's time zone.
  const extendedText = useLocalFormat();
  // Submissions arrive as dashboard events; without realtime, re-read every few seconds.
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const book = api.gradebook.forClass.useQuery({ classId }, { refetchInterval });
  if (book.isPending) return <Skeleton className="h-64 w-full" />;
  if (book.error) {
    return <EmptyState icon={Table2} title="Couldn't load the gradebook" description={book.error.message} />;
  }
  const { assignments, rows, assignmentAverages } = book.data;
  const studentAverages = rows.flatMap((r) => (r.average === null ? [] : [r.average]));
  const classQuizAverage =
    studentAverages.length === 0
      ? null
      : Math.round((studentAverages.reduce((sum, v) => sum + v, 0) / studentAverages.length) * 10) / 10;
  return (
    <>
      <PageHeader
        title={`Gradebook · ${book.data.class.name}`}
        description="Best quiz score and lesson progress for every student."
        actions={
          <>
            <Button asChild variant="outline">
              <Link href={`/teacher/classes/${classId}`}>
                <ArrowLeft className="size-4" aria-hidden /> Class
              </Link>
            </Button>
            <Button asChild>
              <a href={`/api/classes/${classId}/gradebook.csv`} download>
                <Download className="size-4" aria-hidden /> Export CSV
              </a>
            </Button>
          </>
        }
      />
      {rows.length === 0 || assignments.length === 0 ? (
        <Card>
          <CardContent className="py-10">
            <EmptyState
              icon={Table2}
              title={rows.length === 0 ? "No students yet" : "Nothing assigned yet"}
              description="The gradebook fills in as students join and work on assignments."
            />
          </CardContent>
        </Card>
      ) : (
        <Card className="py-0">
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="sticky left-0 bg-card">Student</TableHead>
                  {assignments.map((a) => (
                    <TableHead key={a.id} className="text-center">
                      <div className="font-medium">{a.title}</div>
                      <div className="font-normal text-muted-foreground text-xs">{a.type.toLowerCase()}</div>
                    </TableHead>
                  ))}
                  <TableHead className={cn(stickyEnd, "bg-card text-center")}>Quiz average</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.student.id}>
                    <TableCell className="sticky left-0 bg-card">
                      <Link
                        href={`/teacher/classes/${classId}/students/${r.student.id}`}
                        className="font-medium underline-offset-4 hover:underline"
                      >
                        {r.student.name}
                      </Link>
                      <div className="text-muted-foreground text-xs">{r.student.email}</div>
                    </TableCell>
                    {r.cells.map((cell, i) => {
                      const a = assignments[i];
                      const label = `${r.student.name}, ${a?.title ?? ""}`;
                      const extension = cell.extendedDueAt
                        ? `Due ${extendedText(cell.extendedDueAt)} for ${r.student.name} (extended)`
                        : undefined;
                      return (
                        <TableCell
                          key={a?.id}
                          className="text-center"
                          title={extension}
                          data-extended={cell.extendedDueAt ? "true" : undefined}
                        >
                          {cell.attemptId ? (
                            <Link
                              href={`/teacher/classes/${classId}/attempts/${cell.attemptId}`}
                              className="inline-block rounded outline-offset-2 hover:opacity-90 focus-visible:outline-2"
                            >
                              <span className="sr-only">Open {label}: </span>
                              <CellView cell={cell} type={a?.type ?? ""} />
                            </Link>
                          ) : (
                            <CellView cell={cell} type={a?.type ?? ""} />
                          )}
                          {cell.extendedDueAt ? (
                            <div className="mt-1 flex items-center justify-center gap-1 text-muted-foreground text-xs">
                              <CalendarClock className="size-3" aria-hidden />
                              <span>
                                <span className="sr-only">{extension}</span>
                                <span aria-hidden>Extended</span>
                              </span>
                            </div>
                          ) : null}
                        </TableCell>
                      );
                    })}
                    <TableCell className={cn(stickyEnd, "bg-card text-center font-medium tabular-nums")}>
                      {r.average === null ? "—" : `${r.average}%`}
                    </TableCell>
                  </TableRow>
                ))}
                <TableRow className="bg-muted/50 font-medium">
                  <TableCell className="sticky left-0 bg-muted">
                    Class average
                    <div className="font-normal text-muted-foreground text-xs">
                      Quizzes: mean score · lessons: mean completion
                    </div>
                  </TableCell>
                  {assignmentAverages.map((v, i) => (
                    <TableCell key={assignments[i]?.id} className="text-center tabular-nums">
                      {v === null ? "—" : `${v}%`}
                      <div className="font-normal text-muted-foreground text-xs">
                        {averageLabel(assignments[i]?.type ?? "")}
                      </div>
                    </TableCell>
                  ))}
                  <TableCell className={cn(stickyEnd, "bg-muted text-center tabular-nums")}>
                    {classQuizAverage === null ? "—" : `${classQuizAverage}%`}
                    <div className="font-normal text-muted-foreground text-xs">quiz scores</div>
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </div>
        </Card>
      )}
    </>
  );
}
