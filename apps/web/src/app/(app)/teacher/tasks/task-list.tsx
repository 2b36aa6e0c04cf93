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
import { type ListColumn, ListPage, SelectFilter } from "~/components/list-page";
import { useChannelEvent, useLivePolling, useRealtimeUser } from "~/components/realtime/realtime-provider";
import { Button } from "~/components/ui/button";
import { LoadMore } from "~/components/ui/load-more";
import { TableCell, TableRow } from "~/components/ui/table";
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

const COLUMNS: ListColumn[] = [
  { header: "Topic" },
  { header: "Parts", className: "hidden md:table-cell" },
  { header: "Status" },
  { header: "Progress", className: "w-48" },
  { header: "Model", className: "hidden lg:table-cell" },
  { header: "Created", className: "hidden md:table-cell" },
  { header: "Finished", className: "hidden lg:table-cell" },
];

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
    <ListPage
      filtersClassName="flex flex-wrap items-end gap-3"
      filters={
        <SelectFilter
          label="Status"
          id="task-status-filter"
          className="w-48"
          value={status}
          onChange={setStatus}
          options={agentTaskStatuses}
          optionLabel={TASK_STATUS_LABEL}
          anyLabel="Any status"
        />
      }
      error={list.error}
      errorLabel="Couldn't load your tasks"
      onRetry={() => list.refetch()}
      busy={list.isPending}
      announce={false}
      columns={COLUMNS}
      skeletonRows={4}
      items={tasks}
      renderRow={(task) => (
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
      )}
      empty={{
        icon: Sparkles,
        title: status ? `No ${TASK_STATUS_LABEL[status].toLowerCase()} tasks` : "No generation tasks yet",
        description: status
          ? "Pick another status to see more."
          : "Describe a topic and the agents draft a lesson, a quiz and a Roblox environment for you to review.",
        action: status ? null : (
          <Button asChild>
            <Link href="/teacher/generate">
              <Sparkles className="size-4" aria-hidden /> Generate
            </Link>
          </Button>
        ),
      }}
      footer={<LoadMore list={list} />}
    />
  );
}
