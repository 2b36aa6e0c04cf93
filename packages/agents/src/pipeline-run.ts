// One run of a task's plan: claim the task, outline, draft, review (revising once), then save the
// drafts as content items, reusing the steps an earlier attempt finished.
import { scopeToOrganization } from "@toolboxai/db";
import {
  type AgentName,
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
import { TaskCancelledError } from "./errors";
import { buildEvidence } from "./evidence";
import {
  FINISHED,
  json,
  loadTask,
  type PipelineDeps,
  publish,
  type RunOutcome,
  type TaskRow,
} from "./pipeline-context";
import { runStep, watchCancel } from "./pipeline-step";
import { fitPlan, type PlanStep, progressOf, revisionSteps, SAVE_STEP } from "./plan";
import { organizationRedactor, redactingProvider } from "./redaction";
import type { Drafts } from "./task-types";

export async function runTask(deps: PipelineDeps, initial: NonNullable<TaskRow>): Promise<RunOutcome> {
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

  // Prompts carry no student's or parent's name or email: the steps call the model through the
  // organization's redactor (placeholders out, real names back in the answers).
  const redactor = await organizationRedactor(deps.db, task.organizationId);
  const stepDeps: PipelineDeps = { ...deps, provider: redactingProvider(deps.provider, redactor) };
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
      const output = await runStep<O>(stepDeps, scoped, task, planStep, input, controller.signal);
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
