"use client";

// The task's plan as a list: each step's agent, purpose and state, from the executions recorded
// for it (matched by step name; a retried step shows its latest run).
import type { AgentExecutionView, AgentName, AgentTaskDetail } from "@toolboxai/validators";
import { Ban, CheckCircle2, Circle, Loader2, XCircle } from "lucide-react";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { formatTokens, isOfflineModel, type ModelAudience, taskErrorFor } from "~/lib/ai-model";
import { AGENT_LABEL, AGENT_PURPOSE, formatDuration, isFinished, plural } from "../task-ui";

type StepState = "waiting" | "running" | "done" | "failed" | "cancelled";

const STATE_LABEL: Record<StepState, string> = {
  waiting: "Waiting",
  running: "Running",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

const STATE_VARIANT = {
  waiting: "outline",
  running: "default",
  done: "success",
  failed: "destructive",
  cancelled: "secondary",
} as const satisfies Record<StepState, "outline" | "default" | "success" | "destructive" | "secondary">;

const STATE_ICON = { waiting: Circle, running: Loader2, done: CheckCircle2, failed: XCircle, cancelled: Ban };

/** "10:31:02 AM": steps run seconds apart, so the seconds matter. */

/** "Quiz writer", "Quiz writer (revision)", "Reviewer (final check)". */
export function stepLabel(step: { step: string; agent: AgentName }): string {
  if (step.step.endsWith(".revision")) return `${AGENT_LABEL[step.agent]} (revision)`;
  if (step.step === "review.final") return `${AGENT_LABEL[step.agent]} (final check)`;
  return AGENT_LABEL[step.agent];
}

/** The supervisor's stated purpose for the step, or the agent's usual one. */
function stepPurpose(step: { step: string; agent: AgentName; purpose: string }): string {
  return step.purpose || AGENT_PURPOSE[step.agent];
}

/** The step a task is on while its worker saves the drafts (SAVE_STEP in packages/agents' plan.ts). */
const SAVE_STEP = "save";

/**
 * How far the running task is through its plan, by its current step: the plan runs in order, so
 * every step before the current one has finished. This is what the progress bar counts, so the
 * list and the bar agree even before the steps' own records have been re-read. Null when the task
 * is not running a step of the plan.
 */
export function planPosition(task: Pick<AgentTaskDetail, "status" | "currentStep" | "plan">): number | null {
  if (task.status !== "PROCESSING" || !task.currentStep) return null;
  if (task.currentStep === SAVE_STEP) return task.plan.length;
  const index = task.plan.findIndex((s) => s.step === task.currentStep);
  return index === -1 ? null : index;
}

export function stateOf(
  task: AgentTaskDetail,
  run: AgentExecutionView | undefined,
  /** The step's place in the plan (-1 for a run the plan does not list). */
  index = -1,
): StepState {
  const position = planPosition(task);
  if (position !== null && index >= 0) {
    if (index < position) return "done";
    if (index === position) return "running";
  }
  if (!run) return task.status === "CANCELLED" ? "cancelled" : "waiting";
  switch (run.status) {
    case "SUCCEEDED":
      return "done";
    case "FAILED":
      return "failed";
    case "CANCELLED":
      return "cancelled";
    case "RUNNING":
      // A run left RUNNING by a task that has since stopped did not finish.
      if (task.status === "CANCELLED") return "cancelled";
      if (isFinished(task.status)) return "failed";
      return "running";
  }
}

export function StepList({ task, audience }: { task: AgentTaskDetail; audience: ModelAudience }) {
  // The latest run of each step (executions come oldest first).
  const latest = new Map<string, AgentExecutionView>();
  for (const run of task.executions) latest.set(run.step, run);
  // Steps from the plan, then any run the plan doesn't list (the supervisor runs before a plan exists).
  const steps: { step: string; agent: AgentName; purpose: string }[] = [
    ...task.plan,
    ...[...latest.values()]
      .filter((run) => !task.plan.some((s) => s.step === run.step))
      .map((run) => ({ step: run.step, agent: run.agent, purpose: "" })),
  ];

  if (steps.length === 0) {
    return (
      <p className="text-muted-foreground text-sm">
        {task.status === "QUEUED"
          ? "The steps appear once the supervisor has planned the work."
          : "No steps were recorded for this task."}
      </p>
    );
  }

  return (
    <ol aria-label="Steps" className="divide-y">
      {steps.map((step) => {
        const run = latest.get(step.step);
        const state = stateOf(
          task,
          run,
          task.plan.findIndex((s) => s.step === step.step),
        );
        const Icon = STATE_ICON[state];
        const tokens = run ? run.promptTokens + run.completionTokens : 0;
        // The offline model counts about four characters a token: say its counts are estimates.
        const estimated = run ? isOfflineModel(run) : false;
        return (
          <li key={step.step} className="flex flex-wrap items-start justify-between gap-3 py-3">
            <div className="flex min-w-0 flex-1 gap-3">
              <Icon
                className={
                  state === "running"
                    ? "mt-0.5 size-4 shrink-0 animate-spin text-primary"
                    : state === "done"
                      ? "mt-0.5 size-4 shrink-0 text-success"
                      : state === "failed"
                        ? "mt-0.5 size-4 shrink-0 text-destructive"
                        : "mt-0.5 size-4 shrink-0 text-muted-foreground"
                }
                aria-hidden
              />
              <div className="grid min-w-0 gap-1">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{stepLabel(step)}</span>
                  {run?.cached ? (
                    <Badge variant="outline" title="Answered from the cache: no model call was made">
                      cached
                    </Badge>
                  ) : null}
                </p>
                <p className="text-muted-foreground text-sm">{stepPurpose(step)}</p>
                {run?.error && state === "failed" ? (
                  <p className="break-words text-destructive text-sm">{taskErrorFor(audience, run.error)}</p>
                ) : null}
              </div>
            </div>
            <div className="grid justify-items-end gap-1 text-right">
              <Badge variant={STATE_VARIANT[state]}>{STATE_LABEL[state]}</Badge>
              {run ? (
                <p className="text-muted-foreground text-xs tabular-nums">
                  {run.durationMs !== null
                    ? formatDuration(run.durationMs)
                    : state === "running"
                      ? "in progress"
                      : state === "done"
                        ? "just finished"
                        : "stopped"}
                  {/* A step stopped before it did any work (a cancel) shows no "0 tokens · 0 model calls". */}
                  {tokens > 0 || run.calls > 0 || state === "running" ? (
                    <>
                      {" · "}
                      <span
                        title={`${run.promptTokens.toLocaleString("en")} in · ${run.completionTokens.toLocaleString("en")} out${
                          estimated ? " (estimated by the offline model)" : ""
                        }`}
                      >
                        {formatTokens(tokens, estimated)}
                      </span>
                      {" · "}
                      {plural(run.calls, "model call")}
                    </>
                  ) : null}
                  {/* When the run started: a retried task keeps its finished steps, so their times stay put. */}
                  {" · started "}
                  <LocalTime value={run.startedAt} options={{ timeStyle: "medium" }} />
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
