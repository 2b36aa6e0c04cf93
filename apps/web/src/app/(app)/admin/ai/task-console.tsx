"use client";

// The organization's generation tasks, whoever asked for them: a tab per state (waiting, running,
// failed, ...) with its count, who requested each task and the tokens it used, Retry for a failed
// or cancelled task and Cancel (after a confirmation) for one that has not finished. Retry and
// cancel are the same procedures a teacher uses on their own tasks.
import { type AiTask, type AiTaskFilter, aiTaskFilters } from "@toolboxai/validators";
import { Ban, ListChecks, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { type ListColumn, ListPage } from "~/components/list-page";
import { RelativeTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { LoadMore } from "~/components/ui/load-more";
import { TableCell, TableRow } from "~/components/ui/table";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { isFinished, ProgressBar, shownProgress, TaskStatusBadge } from "../../teacher/tasks/task-ui";
import { formatTokens } from "./format";

const FILTER_LABEL: Record<AiTaskFilter, string> = {
  all: "All",
  waiting: "Waiting",
  running: "Running",
  failed: "Failed",
  completed: "Completed",
  cancelled: "Cancelled",
};

const EMPTY: Record<AiTaskFilter, string> = {
  all: "No generation tasks yet",
  waiting: "No task is waiting",
  running: "No task is running",
  failed: "No failed tasks",
  completed: "No completed tasks",
  cancelled: "No cancelled tasks",
};

const COLUMNS: ListColumn[] = [
  { header: "Topic" },
  { header: "Requested by", className: "hidden md:table-cell" },
  { header: "Status" },
  { header: "Progress", className: "hidden w-40 lg:table-cell" },
  { header: "Tokens", className: "hidden text-right md:table-cell" },
  { header: "Created", className: "hidden lg:table-cell" },
  { header: <span className="sr-only">Actions</span>, className: "w-32" },
];

/** While a listed task is unfinished the console refreshes this often; otherwise every 15 seconds. */
const POLL_MS = 3000;

const canCancel = (task: AiTask) => !isFinished(task.status);
const canRetry = (task: AiTask) => task.status === "FAILED" || task.status === "CANCELLED";

export function TaskConsole() {
  const [status, setStatus] = useState<AiTaskFilter>("all");
  const [cancelTarget, setCancelTarget] = useState<AiTask | null>(null);
  const list = api.aiAdmin.tasks.useInfiniteQuery(
    { status },
    {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: (query) => {
        const tasks = query.state.data?.pages.flatMap((p) => p.items) ?? [];
        return tasks.some((t) => !isFinished(t.status)) ? POLL_MS : 15_000;
      },
    },
  );
  const tasks = list.data?.pages.flatMap((p) => p.items);
  const counts = list.data?.pages[0]?.counts;

  const utils = api.useUtils();
  const refresh = () => {
    void utils.aiAdmin.tasks.invalidate();
    void utils.aiAdmin.usage.invalidate();
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const cancel = api.agents.cancel.useMutation({
    onSuccess: (task) => {
      setCancelTarget(null);
      toast.success(
        task.status === "CANCELLED"
          ? `Cancelled “${task.topic}”`
          : `Stopping “${task.topic}”: its running step ends within a second`,
      );
    },
    onError,
    onSettled: refresh,
  });
  const retry = api.agents.retry.useMutation({
    onSuccess: (task) => toast.success(`Retrying “${task.topic}”: the steps that finished are kept`),
    onError,
    onSettled: refresh,
  });

  return (
    <section aria-labelledby="ai-tasks-heading" className="grid gap-3">
      <div>
        <h2 id="ai-tasks-heading" className="font-semibold text-lg">
          Generation tasks
        </h2>
        <p className="text-muted-foreground text-sm">
          Every task in your organization, newest first. Retry a failed one, or cancel one that is waiting or running.
        </p>
      </div>
      <ListPage
        filtersClassName="flex flex-wrap gap-2"
        filters={
          <div role="tablist" aria-label="Task status" className="flex flex-wrap gap-2">
            {aiTaskFilters.map((f) => (
              <Button
                key={f}
                type="button"
                role="tab"
                aria-selected={status === f}
                variant={status === f ? "default" : "outline"}
                size="sm"
                onClick={() => setStatus(f)}
              >
                {FILTER_LABEL[f]}
                {counts ? (
                  <span className={cn("tabular-nums", status === f ? "" : "text-muted-foreground")}>
                    {" "}
                    ({counts[f]})
                  </span>
                ) : null}
              </Button>
            ))}
          </div>
        }
        error={list.error}
        errorLabel="Couldn't load the tasks"
        onRetry={() => void list.refetch()}
        busy={list.isPending}
        announce={false}
        columns={COLUMNS}
        skeletonRows={4}
        items={tasks}
        renderRow={(task) => (
          <TableRow key={task.id} data-testid={`ai-task-${task.id}`}>
            <TableCell className="max-w-xs whitespace-normal">
              <Link
                href={`/teacher/tasks/${task.id}`}
                className="font-medium underline-offset-4 hover:underline focus-visible:underline"
              >
                {task.topic}
              </Link>
              <div className="text-muted-foreground text-sm">
                {task.subject} · grade {task.gradeLevel}
              </div>
              {task.error ? <div className="mt-1 text-destructive text-xs">{task.error}</div> : null}
            </TableCell>
            <TableCell className="hidden md:table-cell">
              <div>{task.requestedBy.name}</div>
              <div className="text-muted-foreground text-xs">{task.requestedBy.email}</div>
            </TableCell>
            <TableCell>
              <TaskStatusBadge status={task.status} />
            </TableCell>
            <TableCell className="hidden lg:table-cell">
              <ProgressBar value={shownProgress(task)} label={`Progress of ${task.topic}`} />
            </TableCell>
            <TableCell className="hidden text-right tabular-nums md:table-cell">{formatTokens(task.tokens)}</TableCell>
            <TableCell className="hidden text-muted-foreground text-sm lg:table-cell">
              <RelativeTime value={task.createdAt} />
            </TableCell>
            <TableCell className="text-right">
              {canRetry(task) ? (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={retry.isPending}
                  aria-label={`Retry ${task.topic}`}
                  onClick={() => retry.mutate({ taskId: task.id })}
                >
                  <RotateCcw aria-hidden /> Retry
                </Button>
              ) : canCancel(task) ? (
                <Button
                  size="sm"
                  variant="outline"
                  aria-label={`Cancel ${task.topic}`}
                  onClick={() => setCancelTarget(task)}
                >
                  <Ban aria-hidden /> Cancel
                </Button>
              ) : null}
            </TableCell>
          </TableRow>
        )}
        empty={{
          icon: ListChecks,
          title: EMPTY[status],
          description:
            status === "all"
              ? "Tasks appear here once a teacher asks the agents for a lesson, a quiz or an environment."
              : "Pick another tab to see more.",
        }}
        footer={<LoadMore list={list} />}
      >
        <ConfirmDialog
          open={cancelTarget !== null}
          onClose={() => setCancelTarget(null)}
          title={`Cancel “${cancelTarget?.topic ?? ""}”?`}
          description={`The agents stop within a second and no drafts are saved for ${cancelTarget?.requestedBy.name ?? "its teacher"}. The steps that already finished are kept, so the task can be retried later.`}
          confirmLabel="Cancel task"
          pendingLabel="Cancelling…"
          cancelLabel="Keep it"
          destructive
          pending={cancel.isPending}
          onConfirm={() => cancelTarget && cancel.mutate({ taskId: cancelTarget.id })}
        />
      </ListPage>
    </section>
  );
}
