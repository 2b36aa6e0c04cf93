"use client";

import { BarChart3, ClipboardList, MessagesSquare, Plus, Table2 } from "lucide-react";
import Link from "next/link";
import { LocalTime } from "~/components/local-time";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";
import { AssignDialog } from "./assign-dialog";
import { EditAssignmentDialog, ExtendDueDateDialog, ReleaseAnswersButton, UnassignButton } from "./manage-assignment";

const TYPE_LABEL: Record<string, string> = {
  LESSON: "Lesson",
  QUIZ: "Quiz",
  ACTIVITY: "Activity",
  ENVIRONMENT: "Environment",
};

export function ClassAssignments({ classId, archived }: { classId: string; archived: boolean }) {
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const list = api.assignments.listForClass.useQuery({ classId }, { refetchInterval });
  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>
            <h2>Assignments</h2>
          </CardTitle>
          <CardDescription>What this class is working on.</CardDescription>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline">
            <Link href={`/teacher/classes/${classId}/gradebook`}>
              <Table2 className="size-4" aria-hidden /> Gradebook
            </Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={`/teacher/classes/${classId}/analytics`}>
              <BarChart3 className="size-4" aria-hidden /> Analytics
            </Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={`/teacher/classes/${classId}/tutor`}>
              <MessagesSquare className="size-4" aria-hidden /> Tutor conversations
            </Link>
          </Button>
          {archived ? null : (
            <AssignDialog
              classId={classId}
              trigger={
                <Button>
                  <Plus className="size-4" aria-hidden /> Assign
                </Button>
              }
            />
          )}
        </div>
      </CardHeader>
      <CardContent>
        {list.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : !list.data || list.data.length === 0 ? (
          <EmptyState
            icon={ClipboardList}
            title="Nothing assigned yet"
            description="Assign a published lesson or quiz; students see it on their home page."
          />
        ) : (
          <ul className="divide-y">
            {list.data.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div className="flex items-center gap-2">
                  <span className="font-medium">{a.content.title}</span>
                  <Badge variant="outline">{TYPE_LABEL[a.content.type] ?? a.content.type}</Badge>
                </div>
                <span className="text-muted-foreground text-sm">
                  {a.dueAt ? (
                    <>
                      Due <LocalTime value={a.dueAt} />
                    </>
                  ) : (
                    "No due date"
                  )}
                  {a.extensions.length > 0
                    ? ` · ${a.extensions.length} extension${a.extensions.length === 1 ? "" : "s"}`
                    : ""}
                  {a.maxAttempts ? ` · ${a.maxAttempts} attempt${a.maxAttempts === 1 ? "" : "s"}` : ""}
                  {a.showCorrectAnswers ? " · answers shown" : ""}
                </span>
                {archived ? null : (
                  <div className="flex w-full flex-wrap gap-2 sm:w-auto">
                    <EditAssignmentDialog classId={classId} assignment={a} />
                    <ExtendDueDateDialog classId={classId} assignment={a} />
                    <ReleaseAnswersButton classId={classId} assignment={a} />
                    <UnassignButton classId={classId} assignment={a} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
