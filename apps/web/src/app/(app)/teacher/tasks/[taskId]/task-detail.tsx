"use client";

// One generation task: its progress and steps while it runs, then the review screen for the
// drafts it made. Progress arrives as realtime `task.progress` events on the teacher's channel;
// the page also polls `agents.get` while the task is unfinished: every second when realtime is
// down, as a slow safety net when it is up. The bar, its percentage and the step list always show
// the same moment: an event moves the bar and the current step together (the step list reads the
// task's current step, see step-list.tsx), and the re-read that follows brings the steps' details.
import { type AgentTaskDetail, channels, realtimeEvents, type TaskProgressEventData } from "@toolboxai/validators";
import { ArrowLeft, RotateCcw, Square } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { PageHeader } from "~/components/page-header";
import { useChannelEvent, useLivePolling, useRealtimeUser } from "~/components/realtime/realtime-provider";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { type ModelAudience, taskErrorFor } from "~/lib/ai-model";
import { api } from "~/trpc/react";
import {
  isFinished,
  PART_LABEL,
  ProgressBar,
  ProviderBadge,
  RelativeTime,
  shownProgress,
  TaskStatusBadge,
} from "../task-ui";
import { StepList, stepLabel } from "./step-list";
import { TaskReview } from "./task-review";

/** How often an unfinished task is re-read while realtime is down. */
const POLL_MS = 1000;

/** The id of the "Stopping…" toast, dismissed once the task has finished. */
const STOPPING_TOAST = "task-stopping";

export function TaskDetail({ taskId, audience }: { taskId: string; audience: ModelAudience }) {
  const utils = api.useUtils();
  const pollMs = useLivePolling(POLL_MS);
  const query = api.agents.get.useQuery(
    { taskId },
    { refetchInterval: (q) => (q.state.error || isFinished(q.state.data?.status) ? false : pollMs) },
  );
  const task = query.data;

  // Events can come faster than reads (quick or cached steps): a read under way is left to finish
  // (cancelling it for the next would leave the page showing none of them), and one more read
  // follows it if an event arrived meanwhile, so the last state is never missed.
  const fetching = useRef(false);
  fetching.current = query.isFetching;
  const missed = useRef(false);
  const reread = () => {
    if (fetching.current) missed.current = true;
    else void utils.agents.get.invalidate({ taskId });
  };
  useEffect(() => {
    if (query.isFetching || !missed.current) return;
    missed.current = false;
    void utils.agents.get.invalidate({ taskId });
  }, [query.isFetching, utils, taskId]);

  const me = useRealtimeUser();
  useChannelEvent(
    me ? channels.user(me.userId) : null,
    realtimeEvents.taskProgress,
    (event) => {
      if (event.taskId !== taskId) return;
      // Show the new progress and step at once; the re-read brings the steps' details along.
      utils.agents.get.setData({ taskId }, (old) => (old ? withProgress(old, event) : old));
      reread();
    },
    // Events sent before the subscription was ready are lost: read the task once it is.
    { onSubscribed: () => void utils.agents.get.invalidate({ taskId }) },
  );

  // When the task finishes, the lists that show it (and the drafts it made) are stale.
  const status = task?.status;
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current && previous.current !== status && isFinished(status)) {
      void utils.agents.list.invalidate();
      void utils.content.list.invalidate();
    }
    // "Stopping…" is over once the task has an end: it must not stay up over the steps.
    if (isFinished(status)) toast.dismiss(STOPPING_TOAST);
    previous.current = status;
  }, [status, utils]);

  const refresh = () => Promise.all([utils.agents.get.invalidate({ taskId }), utils.agents.list.invalidate()]);
  const onError = (error: { message: string }) => toast.error(error.message);
  const cancel = api.agents.cancel.useMutation({
    async onSuccess(summary) {
      // Shown before the refresh, so a status that turns final during it still dismisses it.
      if (summary.status === "CANCELLED") toast.success("Generation cancelled");
      else if (!isFinished(summary.status) && !isFinished(utils.agents.get.getData({ taskId })?.status))
        toast.success("Stopping: the running step ends within a second", { id: STOPPING_TOAST });
      await refresh();
    },
    onError,
  });
  const retry = api.agents.retry.useMutation({
    async onSuccess() {
      await refresh();
      toast.success("Retrying: the steps that finished are kept");
    },
    onError,
  });

  if (query.error && !task) {
    return (
      <div className="grid gap-4">
        <BackLink />
        <Alert variant="destructive">
          <AlertTitle>
            {query.error.data?.code === "NOT_FOUND"
              ? "This task doesn't exist or isn't yours"
              : "The task couldn't be loaded"}
          </AlertTitle>
          <AlertDescription className="flex flex-wrap items-center gap-3">
            {query.error.message}
            {query.error.data?.code === "NOT_FOUND" ? null : (
              <Button size="sm" variant="outline" onClick={() => query.refetch()}>
                Try again
              </Button>
            )}
          </AlertDescription>
        </Alert>
      </div>
    );
  }
  if (!task) {
    return (
      <div className="grid gap-4" aria-busy="true">
        <Skeleton className="h-10 w-1/2" />
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }

  const finished = isFinished(task.status);
  const canRetry = task.status === "FAILED" || task.status === "CANCELLED";
  const busy = cancel.isPending || retry.isPending;

  return (
    <div className="grid gap-6">
      <div className="grid gap-4">
        <BackLink />
        <PageHeader
          title={task.topic}
          description={
            <span className="flex flex-wrap items-center gap-2">
              <TaskStatusBadge status={task.status} data-testid="task-status" />
              <ProviderBadge provider={task.provider} model={task.model} />
              <span>
                {task.subject} · grade {task.gradeLevel} · {task.parts.map((p) => PART_LABEL[p]).join(", ")} · asked{" "}
                <RelativeTime date={task.createdAt} />
              </span>
            </span>
          }
          actions={
            <>
              {finished ? null : (
                <ConfirmDialog
                  trigger={
                    <Button variant="outline" disabled={busy}>
                      <Square aria-hidden /> Cancel
                    </Button>
                  }
                  title="Cancel this generation?"
                  description="The agents stop within a second and no drafts are saved. The steps that already finished are kept, so you can retry later without redoing them."
                  cancelLabel="Keep generating"
                  destructive
                  pending={cancel.isPending}
                  confirmLabel="Cancel generation"
                  closeOnConfirm
                  onConfirm={() => cancel.mutate({ taskId })}
                />
              )}
              {canRetry ? (
                <Button disabled={busy} onClick={() => retry.mutate({ taskId })}>
                  <RotateCcw aria-hidden /> {retry.isPending ? "Retrying…" : "Retry"}
                </Button>
              ) : null}
            </>
          }
        />
      </div>

      {query.error ? (
        // Polling stops on an error, so say the page may be behind and offer to carry on.
        <Alert variant="destructive">
          <AlertTitle>Lost contact with the server</AlertTitle>
          <AlertDescription className="flex flex-wrap items-center gap-3">
            The progress below may be out of date.
            <Button size="sm" variant="outline" onClick={() => query.refetch()}>
              Reconnect
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}
      {task.status === "FAILED" ? (
        <Alert variant="destructive">
          <AlertTitle>Generation failed</AlertTitle>
          <AlertDescription>
            <p>{taskErrorFor(audience, task.error) ?? "The agents stopped after an error."}</p>
            <p>Retry to run it again: the steps that finished are kept.</p>
          </AlertDescription>
        </Alert>
      ) : null}
      {task.status === "CANCELLED" ? (
        <Alert role="status">
          <AlertTitle>Cancelled</AlertTitle>
          <AlertDescription>No drafts were saved. Retry to carry on from the last finished step.</AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 id="task-progress-title">Progress</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2">
          <ProgressBar value={shownProgress(task)} label="Generation progress" />
          {/* Announced when the status or the step changes, not on every poll. */}
          <p className="text-muted-foreground text-sm" aria-live="polite">
            {statusLine(task)}
          </p>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 id="task-steps-title">Steps</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <StepList task={task} audience={audience} />
        </CardContent>
      </Card>

      {task.status === "COMPLETED" ? (
        task.result ? (
          <TaskReview result={task.result} />
        ) : (
          <Alert variant="destructive">
            <AlertTitle>The drafts couldn't be read</AlertTitle>
            <AlertDescription>
              The task finished, but its results are not in the expected shape. Look for the drafts in your content
              library (they are tagged “generated”).
            </AlertDescription>
          </Alert>
        )
      ) : null}
    </div>
  );
}

/**
 * The task with an event's progress and step. Events can arrive out of order, so an event older
 * than what is shown (lower progress) changes nothing, and a finished task stays finished until a
 * retry queues it again.
 */
function withProgress(task: AgentTaskDetail, event: TaskProgressEventData): AgentTaskDetail {
  const restarted = event.status === "QUEUED";
  if (isFinished(task.status) && !restarted) return task;
  if (!restarted && event.progress < task.progress) return task;
  return { ...task, status: event.status, progress: event.progress, currentStep: event.currentStep };
}

/** The step a task is on while its worker saves the drafts (SAVE_STEP in packages/agents' plan.ts). */
const SAVE_STEP = "save";

function statusLine(task: AgentTaskDetail): string {
  switch (task.status) {
    case "QUEUED":
      return "Waiting for a free worker…";
    case "PROCESSING": {
      if (task.currentStep === SAVE_STEP) return "Saving the drafts…";
      const step = task.plan.find((s) => s.step === task.currentStep);
      return task.currentStep ? `Working on: ${step ? stepLabel(step) : task.currentStep}` : "Starting…";
    }
    case "RETRYING":
      return `A step failed; trying again shortly (attempt ${task.attempts + 1}).`;
    case "COMPLETED":
      return "Done: review the drafts below.";
    case "FAILED":
      return "Stopped after an error.";
    case "CANCELLED":
      return "Cancelled.";
  }
}

function BackLink() {
  return (
    <div>
      <Button asChild variant="ghost" size="sm">
        <Link href="/teacher/tasks">
          <ArrowLeft aria-hidden /> AI tasks
        </Link>
      </Button>
    </div>
  );
}
