"use client";

import {
  type AgentTaskStatus,
  agentTaskStatuses,
  channels,
  realtimeEvents,
  type TaskListInput,
} from "@toolboxai/validators";
import { Sparkles } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useChannelEvent, useLivePolling, useRealtimeUser } from "~/components/realtime/realtime-provider";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Label } from "~/components/ui/label";
import { LoadMore } from "~/components/ui/load-more";
import { NativeSelect } from "~/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { api } from "~/trpc/react";
import {
  isFinished,
  PART_LABEL,
  ProgressBar,
  ProviderBadge,
  RelativeTime,
  shownProgress,
  TASK_STATUS_LABEL,
  TaskStatusBadge,
} from "./task-ui";

/** While any listed task is still running (and realtime is down), the list refreshes this often. */
const POLL_MS = 2000;

export function TaskList() {
  const [status, setStatus] = useState<AgentTaskStatus | "">("");
  // Only set keys go into the input, so the unfiltered list matches the server's prefetch ({}).
  const input: Omit<TaskListInput, "cursor"> = status ? { status } : {};
  const pollMs = useLivePolling(POLL_MS);
  const list = api.agents.list.useInfiniteQuery(input, {
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) => {
      const tasks = query.state.data?.pages.flatMap((p) => p.items) ?? [];
      return tasks.some((t) => !isFinished(t.status)) ? pollMs : false;
    },
  });
  const tasks = list.data?.pages.flatMap((p) => p.items);

  const utils = api.useUtils();
  const me = useRealtimeUser();
  useChannelEvent(me ? channels.user(me.userId) : null, realtimeEvents.taskProgress, (event) => {
    const listed = tasks?.find((t) => t.id === event.taskId);
    // Progress within a run only needs the bar moved; a new task, or a change of status (which
    // filters, sorting and the finished time depend on), needs the list read again.
    if (listed && listed.status === event.status) {
      utils.agents.list.setInfiniteData(input, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((t) =>
                  t.id === event.taskId ? { ...t, progress: Math.max(t.progress, event.progress) } : t,
                ),
              })),
            }
          : data,
      );
      return;
    }
    void utils.agents.list.invalidate();
  });

  return (
    <Card className="gap-0 py-0">
      <div className="flex flex-wrap items-end gap-3 border-b p-4">
        <div className="grid w-48 gap-1.5">
          <Label htmlFor="task-status-filter">Status</Label>
          <NativeSelect
            id="task-status-filter"
            value={status}
            onChange={(e) => setStatus(e.target.value as AgentTaskStatus | "")}
          >
            <option value="">Any status</option>
            {agentTaskStatuses.map((s) => (
              <option key={s} value={s}>
                {TASK_STATUS_LABEL[s]}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>

      {list.error ? (
        <Alert variant="destructive" className="m-4 w-auto">
          <AlertDescription className="flex flex-wrap items-center gap-3">
            Couldn't load your tasks: {list.error.message}
            <Button size="sm" variant="outline" onClick={() => list.refetch()}>
              Try again
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}

      <div aria-busy={list.isPending}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Topic</TableHead>
              <TableHead className="hidden md:table-cell">Parts</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="w-48">Progress</TableHead>
              <TableHead className="hidden lg:table-cell">Model</TableHead>
              <TableHead className="hidden md:table-cell">Created</TableHead>
              <TableHead className="hidden lg:table-cell">Finished</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {!tasks ? (
              <TableSkeletonRows rows={4} columns={7} />
            ) : (
              tasks.map((task) => (
                <TableRow key={task.id}>
                  <TableCell className="max-w-xs">
                    <Link
                      href={`/teacher/tasks/${task.id}`}
                      className="font-medium underline-offset-4 hover:underline focus-visible:underline"
                    >
                      {task.topic}
                    </Link>
                    <div className="text-muted-foreground text-sm">
                      {task.subject} · grade {task.gradeLevel}
                    </div>
                  </TableCell>
                  <TableCell className="hidden text-sm md:table-cell">
                    {task.parts.map((p) => PART_LABEL[p]).join(", ")}
                  </TableCell>
                  <TableCell>
                    <TaskStatusBadge status={task.status} />
                  </TableCell>
                  <TableCell>
                    <ProgressBar value={shownProgress(task)} label={`Progress of ${task.topic}`} />
                  </TableCell>
                  <TableCell className="hidden lg:table-cell">
                    <ProviderBadge provider={task.provider} />
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground text-sm md:table-cell">
                    <RelativeTime date={task.createdAt} />
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground text-sm lg:table-cell">
                    <RelativeTime date={task.finishedAt} />
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
        {tasks && tasks.length === 0 ? (
          <div className="p-8">
            <EmptyState
              icon={Sparkles}
              title={status ? `No ${TASK_STATUS_LABEL[status].toLowerCase()} tasks` : "No generation tasks yet"}
              description={
                status
                  ? "Pick another status to see more."
                  : "Describe a topic and the agents draft a lesson, a quiz and a Roblox environment for you to review."
              }
              action={
                status ? null : (
                  <Button asChild>
                    <Link href="/teacher/generate">
                      <Sparkles className="size-4" aria-hidden /> Generate
                    </Link>
                  </Button>
                )
              }
            />
          </div>
        ) : null}
      </div>

      <LoadMore list={list} />
    </Card>
  );
}
