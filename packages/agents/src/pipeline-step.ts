// One step of a task's plan: the agent's model call, recorded as the step's AgentExecution row
// (and counted in Prometheus' agent_executions_total / agent_execution_duration_seconds), and the
// cancel watch that aborts it.
import { Prisma, type ScopedDatabase } from "@toolboxai/db";
import { platformMetrics } from "@toolboxai/observability/metrics";
import { agents } from "./agents";
import { BudgetExhaustedError, InvalidModelOutputError, TaskCancelledError } from "./errors";
import { errorMessage, json, type PipelineDeps } from "./pipeline-context";
import type { PlanStep } from "./plan";
import { generateStructured } from "./structured";
import type { AnyAgent } from "./types";

/** Watches the task row for a cancel request while a step runs, and aborts the model call. */
export function watchCancel(deps: PipelineDeps, taskId: string, controller: AbortController): () => void {
  const timer = setInterval(() => {
    deps.db.agentTask
      .findUnique({ where: { id: taskId }, select: { cancelRequested: true } })
      .then((row) => {
        if (row?.cancelRequested) controller.abort(new TaskCancelledError());
      })
      .catch(() => {});
  }, deps.cancelPollMs ?? 500);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** Counts a finished run of `agent` ("succeeded", "failed" or "cancelled") and its duration. */
function countExecution(agent: string, status: "succeeded" | "failed" | "cancelled", started: number): void {
  const metrics = platformMetrics();
  metrics.agentExecutionsTotal.inc({ agent, status });
  metrics.agentExecutionDuration.observe({ agent, status }, (Date.now() - started) / 1000);
}

/** Runs one agent and records it as the step's single AgentExecution row (reused on retry). */
export async function runStep<O>(
  deps: PipelineDeps,
  db: ScopedDatabase,
  task: { id: string; organizationId: string },
  planStep: PlanStep,
  input: unknown,
  signal: AbortSignal,
): Promise<O> {
  // The organization's daily AI budget, before any model call of the step: a refusal fails the task.
  const refusal = deps.budget ? await deps.budget(task) : null;
  if (refusal) throw new BudgetExhaustedError(refusal);
  const agent: AnyAgent = agents[planStep.agent];
  const started = Date.now();
  const base = { provider: deps.provider.name, model: deps.provider.model, input: json(input) };
  const taskId = task.id;
  const execution = await db.agentExecution.upsert({
    where: { taskId_step: { taskId, step: planStep.step } },
    create: {
      organizationId: task.organizationId,
      taskId,
      step: planStep.step,
      agent: planStep.agent,
      status: "RUNNING",
      ...base,
    },
    update: { status: "RUNNING", error: null, output: Prisma.DbNull, startedAt: new Date(), finishedAt: null, ...base },
    select: { id: true, organizationId: true },
  });
  try {
    const result = await generateStructured({
      provider: deps.provider,
      agent,
      input,
      signal,
      maxRepairs: deps.maxRepairs ?? 2,
      cache: deps.cache,
      cacheScope: execution.organizationId,
    });
    await db.agentExecution.update({
      where: { id: execution.id },
      data: {
        status: "SUCCEEDED",
        output: json(result.output),
        model: result.model,
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
        cached: result.cached,
        calls: { increment: result.calls },
        durationMs: Date.now() - started,
        finishedAt: new Date(),
      },
    });
    countExecution(planStep.agent, "succeeded", started);
    return result.output as O;
  } catch (error) {
    const cancelled = signal.aborted;
    // Answers that stayed invalid still cost calls and tokens: record them like a success would.
    const spent =
      error instanceof InvalidModelOutputError
        ? {
            calls: { increment: error.calls },
            promptTokens: error.usage.promptTokens,
            completionTokens: error.usage.completionTokens,
            ...(error.model ? { model: error.model } : {}),
          }
        : {};
    await db.agentExecution.update({
      where: { id: execution.id },
      data: {
        ...spent,
        status: cancelled ? "CANCELLED" : "FAILED",
        error: cancelled ? "Cancelled by the teacher" : errorMessage(error),
        durationMs: Date.now() - started,
        finishedAt: new Date(),
      },
    });
    countExecution(planStep.agent, cancelled ? "cancelled" : "failed", started);
    throw error;
  }
}
