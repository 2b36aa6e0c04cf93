// What every part of the pipeline shares: its dependencies, how a run ended, the task row and
// the progress event published after each change to it.
import type { Database, Prisma } from "@toolboxai/db";
import type { AgentTaskStatus } from "@toolboxai/validators";
import type { Logger } from "pino";
import type { ResponseCache } from "./cache";
import type { TaskEventPublisher } from "./events";
import type { Materializer } from "./task-types";
import type { ModelProvider } from "./types";

/**
 * Asked before each step's model call: the message to fail the task with when its organization
 * may not use the model now (its daily token budget is used up), or null to go ahead. The
 * teaching core supplies it (`aiBudgetGate` in @toolboxai/core); without one nothing is limited.
 */
export type BudgetGate = (task: { id: string; organizationId: string }) => Promise<string | null>;

export interface PipelineDeps {
  db: Database;
  provider: ModelProvider;
  materialize: Materializer;
  publisher: TaskEventPublisher;
  cache?: ResponseCache | undefined;
  logger?: Logger | undefined;
  /** How often a running step looks for a cancel request (ms). */
  cancelPollMs?: number;
  /** Extra model calls allowed to repair an invalid answer, per step. */
  maxRepairs?: number;
  /** The organization's AI budget, checked before each step's model call (see `BudgetGate`). */
  budget?: BudgetGate | undefined;
}

export type RunOutcome = "completed" | "cancelled" | "failed" | "retrying" | "skipped";

export const FINISHED: AgentTaskStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];

export function json(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

export type TaskRow = Awaited<ReturnType<typeof loadTask>>;

export async function loadTask(db: Database, taskId: string) {
  return db.agentTask.findUnique({ where: { id: taskId } });
}

export async function publish(deps: PipelineDeps, task: NonNullable<TaskRow>, patch: Partial<NonNullable<TaskRow>>) {
  const next = { ...task, ...patch };
  try {
    await deps.publisher.publish({
      type: "task.progress",
      organizationId: next.organizationId,
      userId: next.createdById,
      taskId: next.id,
      status: next.status,
      progress: next.progress,
      currentStep: next.currentStep,
    });
  } catch (error) {
    // Publishing never fails the work (the realtime issue counts these).
    deps.logger?.warn({ err: error, taskId: task.id }, "task progress event not published");
  }
}
