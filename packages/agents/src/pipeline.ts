// The supervisor's pipeline: runs a task's plan step by step, records every agent run, resumes
// from the last finished step, and hands the drafts to the teaching core to become content items.
// This file decides how an attempt ends (completed, cancelled, failed or retried); the run itself
// is in pipeline-run.ts, one step in pipeline-step.ts.
import { captureError } from "@toolboxai/observability/errors";
import type { AgentTaskStatus } from "@toolboxai/validators";
import { BudgetExhaustedError, isRetryable, TaskCancelledError } from "./errors";
import {
  errorMessage,
  FINISHED,
  loadTask,
  type PipelineDeps,
  publish,
  type RunOutcome,
  type TaskRow,
} from "./pipeline-context";
import { runTask } from "./pipeline-run";

/**
 * Database errors worth another attempt: the connection dropped or timed out, the pool was
 * exhausted, or a transaction lost a write conflict. The finished steps are kept either way.
 */
const TRANSIENT_DATABASE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && TRANSIENT_DATABASE_CODES.has(code);
}

/**
 * Runs one attempt of a task. Returns how it ended; throws only when the queue should retry
 * (a retryable failure before the last attempt), after recording the task as RETRYING.
 */
export async function processTask(
  deps: PipelineDeps,
  taskId: string,
  attempt: { number: number; max: number },
): Promise<RunOutcome> {
  const task = await loadTask(deps.db, taskId);
  if (!task || FINISHED.includes(task.status)) return "skipped";
  try {
    return await runTask(deps, task);
  } catch (error) {
    const current = await loadTask(deps.db, taskId);
    if (!current) return "skipped";
    if (error instanceof TaskCancelledError || current.cancelRequested) {
      await finishCancelled(deps, current);
      return "cancelled";
    }
    // The step stays on the row only while the task is RETRYING, so the error itself says where it
    // stopped (the save step has no execution row to show it).
    // A budget refusal is about the organization, not the step: its own message says it all.
    const message =
      error instanceof BudgetExhaustedError
        ? error.message
        : current.currentStep
          ? `The ${current.currentStep} step failed: ${errorMessage(error)}`
          : errorMessage(error);
    const retry = attempt.number < attempt.max && (isRetryable(error) || isTransientDatabaseError(error));
    const status: AgentTaskStatus = retry ? "RETRYING" : "FAILED";
    const patch = {
      status,
      error: message,
      currentStep: retry ? current.currentStep : null,
      finishedAt: retry ? null : new Date(),
    };
    await deps.db.agentTask.updateMany({ where: { id: taskId, status: { notIn: FINISHED } }, data: patch });
    await publish(deps, current, patch);
    deps.logger?.warn({ taskId, attempt: attempt.number, retry, err: error }, "agent task attempt failed");
    if (retry) throw error;
    captureError(error, { task_id: taskId }); // to Sentry when SENTRY_DSN is set
    return "failed";
  }
}

async function finishCancelled(deps: PipelineDeps, task: NonNullable<TaskRow>) {
  const patch = { status: "CANCELLED" as const, currentStep: null, finishedAt: new Date() };
  await deps.db.agentTask.updateMany({ where: { id: task.id, status: { notIn: FINISHED } }, data: patch });
  await deps.db.agentExecution.updateMany({
    where: { taskId: task.id, status: "RUNNING" },
    data: { status: "CANCELLED", finishedAt: new Date() },
  });
  await publish(deps, task, patch);
}
