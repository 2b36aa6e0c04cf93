"use client";

import { HeartHandshake } from "lucide-react";
import { LocalTime } from "~/components/local-time";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { api } from "~/trpc/react";

const TYPE_LABEL: Record<string, string> = { LESSON: "Lesson", QUIZ: "Quiz", ACTIVITY: "Activity" };

function statusBadge(status: string, type: string, percent: number | null) {
  if (status === "SUBMITTED") return <Badge variant="success">Score {percent}%</Badge>;
  if (status === "COMPLETED") return <Badge variant="success">Completed</Badge>;
  if (status === "IN_PROGRESS")
    return <Badge variant="outline">{type === "QUIZ" ? "In progress" : `${Math.round(percent ?? 0)}% read`}</Badge>;
  return <Badge variant="secondary">Not started</Badge>;
}

/** Read-only: what each linked child is assigned, and how it is going. */
export function ChildProgress() {
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const children = api.gradebook.children.useQuery(undefined, { refetchInterval });
  if (children.isPending) return <Skeleton className="h-48 w-full" />;
  if (children.error) return <p className="text-destructive">Couldn't load progress: {children.error.message}</p>;
  if (children.data.length === 0) {
    return (
      <Card>
        <CardContent className="py-10">
          <EmptyState
            icon={HeartHandshake}
            title="No child is linked to your account yet"
            description="Ask your child's school to link your account to your child."
          />
        </CardContent>
      </Card>
    );
  }
  return (
    <div className="grid gap-6">
      {children.data.map(({ child, items, quizAverage, completed }) => (
        <Card key={child.id}>
          <CardHeader>
            <CardTitle>
              <h2>{child.name}</h2>
            </CardTitle>
            <CardDescription>
              {completed} of {items.length} assignments done
              {quizAverage === null ? "" : ` · quiz average ${quizAverage}%`}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {items.length === 0 ? (
              <EmptyState
                icon={HeartHandshake}
                title="Nothing assigned yet"
                description="Assignments appear here when teachers add them."
              />
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Assignment</TableHead>
                    <TableHead className="hidden sm:table-cell">Class</TableHead>
                    <TableHead className="hidden sm:table-cell">Due</TableHead>
                    <TableHead>Progress</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((item) => (
                    <TableRow key={item.id}>
                      <TableCell>
                        <div className="font-medium">{item.title}</div>
                        <div className="text-muted-foreground text-xs">{TYPE_LABEL[item.type] ?? item.type}</div>
                      </TableCell>
                      <TableCell className="hidden sm:table-cell">{item.className}</TableCell>
                      <TableCell className="hidden text-muted-foreground text-sm sm:table-cell">
                        {item.dueAt ? <LocalTime value={item.dueAt} options={{ dateStyle: "medium" }} /> : "—"}
                      </TableCell>
                      <TableCell>{statusBadge(item.status, item.type, item.percent)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
