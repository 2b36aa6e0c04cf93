// The supervisor's pipeline: runs a task's plan step by step, records every agent run, resumes
// from the last finished step, and hands the drafts to the teaching core to become content items.
import { type Database, Prisma, type ScopedDatabase, scopeToOrganization } from "@toolboxai/db";
import {
  type AgentName,
  type AgentTaskStatus,
  generateRequestSchema,
  type LessonDraft,
  type Outline,
  type QuizDraft,
  type ReviewReport,
  type ScriptBundle,
  type StandardsAlignment,
  type TaskResult,
  type TerrainSpec,
} from "@toolboxai/validators";
import type { Logger } from "pino";
import { agents } from "./agents";
import type { ResponseCache } from "./cache";
import { InvalidModelOutputError, isRetryable, TaskCancelledError } from "./errors";
import type { TaskEventPublisher } from "./events";
import { buildEvidence } from "./evidence";
import { fitPlan, type PlanStep, progressOf, revisionSteps, SAVE_STEP } from "./plan";
import { generateStructured } from "./structured";
import type { Drafts, Materializer } from "./task-types";
import type { AnyAgent, ModelProvider } from "./types";

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
}

export type RunOutcome = "completed" | "cancelled" | "failed" | "retrying" | "skipped";

const FINISHED: AgentTaskStatus[] = ["COMPLETED", "FAILED", "CANCELLED"];

function json(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

type TaskRow = Awaited<ReturnType<typeof loadTask>>;

/**
 * Database errors worth another attempt: the connection dropped or timed out, the pool was
 * exhausted, or a transaction lost a write conflict. The finished steps are kept either way.
 */
const TRANSIENT_DATABASE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && TRANSIENT_DATABASE_CODES.has(code);
}

async function loadTask(db: Database, taskId: string) {
  return db.agentTask.findUnique({ where: { id: taskId } });
}

async function publish(deps: PipelineDeps, task: NonNullable<TaskRow>, patch: Partial<NonNullable<TaskRow>>) {
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
    const message = current.currentStep
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

/** Watches the task row for a cancel request while a step runs, and aborts the model call. */
function watchCancel(deps: PipelineDeps, taskId: string, controller: AbortController): () => void {
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

async function runTask(deps: PipelineDeps, initial: NonNullable<TaskRow>): Promise<RunOutcome> {
  if (initial.cancelRequested) throw new TaskCancelledError();
  const request = generateRequestSchema.parse(initial.request);
  const scoped = scopeToOrganization(deps.db, initial.organizationId);

  // Claim the task only if it is still unfinished and nobody asked to cancel it meanwhile (a
  // teacher's cancel between our read and this write must win).
  const claimed = await deps.db.agentTask.updateMany({
    where: { id: initial.id, status: { notIn: FINISHED }, cancelRequested: false },
    data: {
      status: "PROCESSING",
      attempts: { increment: 1 },
      startedAt: initial.startedAt ?? new Date(),
      error: null,
    },
  });
  if (claimed.count === 0) {
    const now = await loadTask(deps.db, initial.id);
    if (now?.cancelRequested) throw new TaskCancelledError();
    return "skipped";
  }
  let task = await deps.db.agentTask.findUniqueOrThrow({ where: { id: initial.id } });
  await publish(deps, task, {});

  // Finished steps from earlier attempts are reused, never run again.
  const done = new Map<string, unknown>();
  for (const e of await deps.db.agentExecution.findMany({
    where: { taskId: task.id, status: "SUCCEEDED" },
    select: { step: true, output: true },
  })) {
    done.set(e.step, e.output);
  }

  const controller = new AbortController();
  const stopWatching = watchCancel(deps, task.id, controller);
  try {
    let plan: PlanStep[] = (task.plan as PlanStep[] | null) ?? [];
    let finished = 0;

    const advance = async (step: string | null) => {
      // A revision adds steps to the plan; the bar never moves backwards because of it.
      const progress = Math.max(task.progress, progressOf(finished, plan.length || 1));
      const patch = { currentStep: step, progress };
      task = await deps.db.agentTask.update({ where: { id: task.id }, data: patch });
      await publish(deps, task, {});
    };

    const run = async <O>(planStep: PlanStep, input: unknown): Promise<O> => {
      if (done.has(planStep.step)) {
        finished += 1;
        return done.get(planStep.step) as O;
      }
      if (controller.signal.aborted) throw new TaskCancelledError();
      await advance(planStep.step);
      const output = await runStep<O>(deps, scoped, task, planStep, input, controller.signal);
      done.set(planStep.step, output);
      finished += 1;
      return output;
    };

    // 1. The supervisor outlines the work and proposes the steps; the request decides which run.
    // A provisional plan is saved first, so the task page lists every step from the start.
    if (plan.length === 0) {
      plan = fitPlan(request, null);
      task = await deps.db.agentTask.update({ where: { id: task.id }, data: { plan: json(plan) } });
    }
    const supervisorStep = plan[0] as PlanStep;
    const outline = await run<Outline>(supervisorStep, { request });
    const fitted = fitPlan(request, outline);
    // Keep revision steps an earlier attempt added after the review.
    const next = [...fitted, ...plan.filter((s) => !fitted.some((f) => f.step === s.step))];
    if (JSON.stringify(next) !== JSON.stringify(plan)) {
      plan = next;
      task = await deps.db.agentTask.update({ where: { id: task.id }, data: { plan: json(plan) } });
    }

    // 2. The drafting agents, in plan order, each reading what the earlier ones wrote.
    const drafts: Drafts = {
      request,
      outline,
      lesson: null,
      quiz: null,
      terrain: null,
      scripts: null,
      standards: null,
      review: null,
      sourceSteps: {},
      revised: [],
    };
    const stepOf = (agent: AgentName) => plan.find((s) => s.step === agent);

    const draft = async (agent: "content" | "quiz" | "terrain" | "script", planStep: PlanStep, revision: unknown) => {
      switch (agent) {
        case "content":
          drafts.lesson = await run<LessonDraft>(planStep, { request, outline, revision });
          drafts.sourceSteps.lesson = { step: planStep.step, agent };
          break;
        case "quiz":
          drafts.quiz = await run<QuizDraft>(planStep, { request, outline, lesson: drafts.lesson, revision });
          drafts.sourceSteps.quiz = { step: planStep.step, agent };
          break;
        case "terrain":
          drafts.terrain = await run<TerrainSpec>(planStep, { request, outline, quiz: drafts.quiz, revision });
          drafts.sourceSteps.environment = { step: planStep.step, agent };
          break;
        case "script":
          if (!drafts.terrain) throw new Error("The script step needs the terrain step's spec");
          drafts.scripts = await run<ScriptBundle>(planStep, { request, terrain: drafts.terrain, revision });
          break;
      }
    };

    for (const agent of ["content", "quiz", "terrain", "script"] as const) {
      const planStep = stepOf(agent);
      if (planStep) await draft(agent, planStep, null);
    }
    const standardsStep = stepOf("standards");
    if (standardsStep) {
      drafts.standards = await run<StandardsAlignment>(standardsStep, {
        request,
        outline,
        lesson: drafts.lesson,
        quiz: drafts.quiz,
        terrain: drafts.terrain,
      });
    }

    // 3. The review, which may send one step back once with its findings.
    const reviewInput = () => ({
      request,
      lesson: drafts.lesson,
      quiz: drafts.quiz,
      terrain: drafts.terrain,
      scripts: drafts.scripts,
      standards: drafts.standards,
      revised: drafts.revised,
    });
    const reviewStep = stepOf("review");
    if (reviewStep) {
      drafts.review = await run<ReviewReport>(reviewStep, reviewInput());
      const revise = drafts.review.revise;
      if (drafts.review.verdict === "revise" && revise) {
        const extra = revisionSteps(revise.agent, revise.instructions);
        if (!plan.some((s) => s.step === extra[0]?.step)) {
          plan = [...plan, ...extra];
          task = await deps.db.agentTask.update({ where: { id: task.id }, data: { plan: json(plan) } });
        }
        const [redo, finalReview] = extra as [PlanStep, PlanStep];
        const previous =
          revise.agent === "content"
            ? drafts.lesson
            : revise.agent === "quiz"
              ? drafts.quiz
              : revise.agent === "terrain"
                ? drafts.terrain
                : drafts.scripts;
        const findings = drafts.review.findings.map((f) => `[${f.severity}] ${f.category}, ${f.part}: ${f.message}`);
        await draft(revise.agent, redo, { instructions: revise.instructions, findings, previous });
        drafts.revised.push(revise.agent);
        drafts.review = await run<ReviewReport>(finalReview, reviewInput());
      }
    }

    // 4. Save the drafts as content items, once, and only if nobody asked to cancel. The cancel
    // poll may not have seen a request made while the last step answered, so the row decides:
    // the save is claimed in one write that requires no cancel request, and once it is claimed a
    // cancel is refused (core's cancelTask). Either the task stops with nothing saved, or it
    // finishes with everything saved; never "Stopping" followed by saved drafts.
    if (controller.signal.aborted) throw new TaskCancelledError();
    const saving = {
      currentStep: SAVE_STEP,
      progress: Math.max(task.progress, progressOf(finished, plan.length || 1)),
    };
    const claimedSave = await deps.db.agentTask.updateMany({
      where: { id: task.id, status: "PROCESSING", cancelRequested: false },
      data: saving,
    });
    if (claimedSave.count === 0) {
      const now = await loadTask(deps.db, task.id);
      if (now?.cancelRequested) throw new TaskCancelledError();
      return "skipped";
    }
    task = { ...task, ...saving };
    await publish(deps, task, {});
    const items = await deps.materialize({ db: scoped, task, drafts });
    const result: TaskResult = buildEvidence(drafts, items);
    const completed = await deps.db.agentTask.updateMany({
      where: { id: task.id, status: "PROCESSING" },
      data: { status: "COMPLETED", progress: 100, currentStep: null, result: json(result), finishedAt: new Date() },
    });
    if (completed.count === 0) return "skipped";
    await publish(deps, task, { status: "COMPLETED", progress: 100, currentStep: null });
    return "completed";
  } catch (error) {
    if (controller.signal.aborted) throw new TaskCancelledError();
    throw error;
  } finally {
    stopWatching();
  }
}

/** Runs one agent and records it as the step's single AgentExecution row (reused on retry). */
async function runStep<O>(
  deps: PipelineDeps,
  db: ScopedDatabase,
  task: { id: string; organizationId: string },
  planStep: PlanStep,
  input: unknown,
  signal: AbortSignal,
): Promise<O> {
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
    throw error;
  }
}
