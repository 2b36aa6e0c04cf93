// Generation tasks: a teacher's request becomes an AgentTask row and a queued job; the agents'
// pipeline (packages/agents) does the work and writes its progress back to the row.
import { type AgentRuntime, currentEvidence, SAVE_STEP, STANDARDS_CATALOG } from "@toolboxai/agents";
import type { Prisma } from "@toolboxai/db";
import {
  type AgentStatusView,
  type AgentTaskDetail,
  type AgentTaskSummary,
  agentNameSchema,
  type GenerateRequest,
  generateRequestSchema,
  type StandardsCatalogView,
  standardsCatalogSchema,
  type taskListInputSchema,
  taskResultSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { recordActivity, recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { conflict, notFound } from "../errors";
import { publishTaskProgress } from "../realtime/events";
import { assertAiBudget, assertMayGenerate } from "./budget";

/** What tasks need from the agents' runtime: a queue to hand work to and the model in use. */
export type TaskRuntime = Pick<AgentRuntime, "queue" | "provider" | "status">;

/** How long a request waits for the queue before answering anyway. */
const ENQUEUE_WAIT_MS = 3000;

/**
 * Hands the task to the queue, but never holds the teacher's request on it: if the queue is
 * unreachable (Redis down) or slow, the row is already saved as QUEUED and the periodic sweep
 * (web and worker) queues it once the queue is back.
 */
async function enqueueOrLeave(runtime: TaskRuntime, taskId: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ENQUEUE_WAIT_MS);
  });
  await Promise.race([runtime.queue.enqueue(taskId).catch(() => undefined), gaveUp]).finally(() => clearTimeout(timer));
}

/** The columns of a task summary (also the organization's task console, ./usage-console.ts). */
export const summarySelect = {
  id: true,
  request: true,
  status: true,
  progress: true,
  currentStep: true,
  provider: true,
  model: true,
  error: true,
  attempts: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.AgentTaskSelect;
type SummaryRow = Prisma.AgentTaskGetPayload<{ select: typeof summarySelect }>;

/** The task's state on its teacher's and the organization's channels (after the write). */
function publishProgress(
  ctx: ServiceContext,
  task: Pick<SummaryRow, "id" | "status" | "progress" | "currentStep"> & {
    organizationId: string;
    createdById: string;
  },
) {
  publishTaskProgress(ctx.realtime, {
    organizationId: task.organizationId,
    userId: task.createdById,
    taskId: task.id,
    status: task.status,
    progress: task.progress,
    currentStep: task.currentStep,
  });
}

export function toSummary(row: SummaryRow): AgentTaskSummary {
  const request = row.request as GenerateRequest;
  return {
    id: row.id,
    topic: request.topic,
    subject: request.subject,
    gradeLevel: request.gradeLevel,
    parts: request.parts,
    status: row.status,
    progress: row.progress,
    currentStep: row.currentStep,
    provider: row.provider,
    model: row.model,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** Teachers see the tasks they asked for; admins see every task in the organization. */
function visibleWhere(ctx: ServiceContext): Prisma.AgentTaskWhereInput {
  return ctx.actor.role === "ADMIN" ? {} : { createdById: ctx.actor.userId };
}

async function findVisible(ctx: ServiceContext, taskId: string) {
  const task = await ctx.db.agentTask.findFirst({ where: { id: taskId, ...visibleWhere(ctx) } });
  if (!task) throw notFound("Generation task");
  return task;
}

export async function generateTask(
  ctx: ServiceContext,
  input: GenerateRequest,
  runtime: TaskRuntime,
): Promise<AgentTaskSummary> {
  // The organization's AI controls: who may generate, and today's token budget.
  await assertMayGenerate(ctx);
  await assertAiBudget(ctx);
  const row = await ctx.db.agentTask.create({
    data: {
      organizationId: ctx.actor.orgId,
      createdById: ctx.actor.userId,
      request: input as Prisma.InputJsonValue,
      provider: runtime.provider.name,
      model: runtime.provider.model,
      // The request that queued it: the task's log lines, model calls and events carry this id.
      correlationId: ctx.correlationId ?? null,
    },
    select: { ...summarySelect, organizationId: true, createdById: true },
  });
  await recordActivity(ctx, "generation_requested", { taskId: row.id, topic: input.topic, parts: input.parts });
  publishProgress(ctx, row);
  // The row is the request: if the queue is unreachable now, the worker's sweep queues it later.
  await enqueueOrLeave(runtime, row.id);
  return toSummary(row);
}

export async function listTasks(
  ctx: ServiceContext,
  input: z.output<typeof taskListInputSchema>,
): Promise<{ items: AgentTaskSummary[]; nextCursor: string | null }> {
  const limit = input.limit;
  const rows = await ctx.db.agentTask.findMany({
    where: { ...visibleWhere(ctx), ...(input.status ? { status: input.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: summarySelect,
  });
  const page = rows.slice(0, limit);
  return { items: page.map(toSummary), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export async function getTask(ctx: ServiceContext, input: { taskId: string }): Promise<AgentTaskDetail> {
  const task = await findVisible(ctx, input.taskId);
  const executions = await ctx.db.agentExecution.findMany({
    where: { taskId: task.id },
    orderBy: { startedAt: "asc" },
    select: {
      id: true,
      step: true,
      agent: true,
      status: true,
      provider: true,
      model: true,
      promptTokens: true,
      completionTokens: true,
      cached: true,
      calls: true,
      durationMs: true,
      error: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  const plan = ((task.plan as { step: string; agent: string; purpose?: string }[] | null) ?? []).map((s) => ({
    step: s.step,
    agent: agentNameSchema.parse(s.agent),
    purpose: s.purpose ?? "",
  }));
  const result = task.result ? taskResultSchema.safeParse(task.result) : null;
  return {
    ...toSummary(task),
    request: generateRequestSchema.parse(task.request),
    plan,
    executions: executions.map((e) => ({ ...e, agent: agentNameSchema.parse(e.agent) })),
    // Checked against the items as saved now, so a teacher's edit that broke something shows.
    result: result?.success ? await currentEvidence(ctx.db, result.data) : null,
  };
}

const TOO_LATE_TO_CANCEL =
  "The drafts are already being saved, so this generation can't be cancelled now. Delete the drafts you don't want once it finishes.";

/** A task whose worker has started saving its drafts (see SAVE_STEP in packages/agents). */
function isSaving(task: { status: string; currentStep: string | null }): boolean {
  return task.status === "PROCESSING" && task.currentStep === SAVE_STEP;
}

/** The rows a cancel may still mark: not finished and not saving (see `isSaving`). */
const NOT_SAVING: Prisma.AgentTaskWhereInput[] = [
  { status: { not: "PROCESSING" } },
  { currentStep: null },
  { currentStep: { not: SAVE_STEP } },
];

/**
 * Waiting tasks are cancelled at once; a running task is asked to stop, and its worker stops the
 * model call in flight within a second and records the task as CANCELLED, with no drafts saved.
 * Once the worker has started saving the drafts it is too late: the answer is a CONFLICT and the
 * task completes.
 */
export async function cancelTask(ctx: ServiceContext, input: { taskId: string }): Promise<AgentTaskSummary> {
  const task = await findVisible(ctx, input.taskId);
  if (task.status === "COMPLETED" || task.status === "FAILED" || task.status === "CANCELLED") {
    throw conflict("This task has already finished.");
  }
  if (isSaving(task)) throw conflict(TOO_LATE_TO_CANCEL);
  // First the request, whatever the status is by now: a worker claims a task, and later its save,
  // only while no cancel is requested, and a running one polls for it. The write skips a task whose
  // save is claimed, so the two never both win. Then a task no worker holds is cancelled at once.
  const requested = await ctx.db.agentTask.updateMany({
    where: {
      id: task.id,
      status: { notIn: ["COMPLETED", "FAILED", "CANCELLED"] },
      OR: NOT_SAVING,
    },
    data: { cancelRequested: true },
  });
  if (requested.count === 0) {
    const now = await ctx.db.agentTask.findFirst({
      where: { id: task.id },
      select: { status: true, currentStep: true },
    });
    if (now && isSaving(now)) throw conflict(TOO_LATE_TO_CANCEL);
    throw conflict("This task has already finished.");
  }
  await ctx.db.agentTask.updateMany({
    where: { id: task.id, status: { in: ["QUEUED", "RETRYING"] } },
    data: { status: "CANCELLED", currentStep: null, finishedAt: new Date() },
  });
  await recordActivity(ctx, "generation_cancelled", { taskId: task.id });
  // An admin stopping someone else's generation is an admin action: on the audit trail.
  if (task.createdById !== ctx.actor.userId) {
    await recordAudit(ctx, {
      action: "ai.task_cancelled",
      targetType: "AgentTask",
      targetId: task.id,
      metadata: { requestedBy: task.createdById },
    });
  }
  const row = await ctx.db.agentTask.findFirstOrThrow({ where: { id: task.id }, select: summarySelect });
  // A running task is recorded as CANCELLED (and published) by its worker once it has stopped.
  if (row.status === "CANCELLED") publishProgress(ctx, { ...task, ...row });
  return toSummary(row);
}

/**
 * A deleted person's generations stop: waiting ones are cancelled at once, running ones are asked
 * to stop (their worker records them CANCELLED), as `cancelTask` does; one already saving its
 * drafts finishes. Takes the scoped client or a transaction of it; returns how many were stopped.
 */
export async function cancelTasksOfDeletedUser(
  db: Pick<ServiceContext["db"], "agentTask">,
  userId: string,
  now: Date = new Date(),
): Promise<number> {
  const requested = await db.agentTask.updateMany({
    where: {
      createdById: userId,
      status: { notIn: ["COMPLETED", "FAILED", "CANCELLED"] },
      OR: NOT_SAVING,
    },
    data: { cancelRequested: true },
  });
  await db.agentTask.updateMany({
    where: { createdById: userId, cancelRequested: true, status: { in: ["QUEUED", "RETRYING"] } },
    data: { status: "CANCELLED", currentStep: null, finishedAt: now },
  });
  return requested.count;
}

/** Runs a failed or cancelled task again; the steps it had finished are kept, not redone. */
export async function retryTask(
  ctx: ServiceContext,
  input: { taskId: string },
  runtime: TaskRuntime,
): Promise<AgentTaskSummary> {
  const task = await findVisible(ctx, input.taskId);
  if (task.status !== "FAILED" && task.status !== "CANCELLED") {
    throw conflict("Only a failed or cancelled task can be retried.");
  }
  // A retry calls the model again: the same AI controls as a new generation.
  await assertMayGenerate(ctx);
  await assertAiBudget(ctx);
  const updated = await ctx.db.agentTask.updateMany({
    where: { id: task.id, status: task.status },
    data: {
      status: "QUEUED",
      cancelRequested: false,
      error: null,
      finishedAt: null,
      queuedAt: new Date(),
      provider: runtime.provider.name,
      model: runtime.provider.model,
      // The retry is a new request chain: its attempts carry the id of the request that asked for it.
      ...(ctx.correlationId ? { correlationId: ctx.correlationId } : {}),
    },
  });
  // The answer is the task as the retry left it, read before a queue can start it (an in-process
  // queue may claim it at once); the task page follows it from there.
  const row = await ctx.db.agentTask.findFirstOrThrow({ where: { id: task.id }, select: summarySelect });
  if (updated.count === 1) {
    await recordActivity(ctx, "generation_retried", { taskId: task.id });
    if (task.createdById !== ctx.actor.userId) {
      await recordAudit(ctx, {
        action: "ai.task_retried",
        targetType: "AgentTask",
        targetId: task.id,
        metadata: { requestedBy: task.createdById },
      });
    }
    publishProgress(ctx, { ...task, status: "QUEUED" });
    await enqueueOrLeave(runtime, task.id);
  }
  return toSummary(row);
}

export function agentStatus(runtime: TaskRuntime): Promise<AgentStatusView> {
  return runtime.status();
}

/**
 * The standards agent's own catalog (NGSS and Common Core, in its order: science, math, ELA; by
 * grade), so the picker offers exactly the codes the agent can describe. Parsed, not cast: the
 * catalog spells grades as plain strings, the view as grade levels.
 */
export function standardsCatalog(): StandardsCatalogView {
  return standardsCatalogSchema.parse({ standards: STANDARDS_CATALOG });
}
