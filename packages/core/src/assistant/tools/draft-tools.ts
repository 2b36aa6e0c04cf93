// The teacher's drafting tools: each queues a generation task through `generateTask`, the same
// path as the Generate page, so the organization's may-generate switch and daily AI budget apply
// and the drafts land in the library as GENERATED items for the teacher to review. task_status
// reads a task back.
import type { GenerateRequest, GenerationPart } from "@toolboxai/validators";
import {
  draftEnvironmentToolInputSchema,
  draftLessonToolInputSchema,
  draftQuizToolInputSchema,
  draftToolOutputSchema,
  generateRequestSchema,
  taskStatusToolOutputSchema,
  taskToolInputSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { generateTask, getTask, type TaskRuntime } from "../../agents/tasks";
import { listClasses } from "../../classes/classes";
import { fieldError, preconditionFailed } from "../../errors";
import { defineTool, TEACHING_ROLES, type ToolContext } from "./types";

const taskHref = (taskId: string) => `/teacher/tasks/${taskId}`;
const contentHref = (id: string) => `/teacher/content/${id}`;

/** Subjects a draft falls back to when neither the teacher nor their classes say. */
const DEFAULT_SUBJECT = "General";

function runtimeOf(ctx: ToolContext): TaskRuntime {
  if (!ctx.agents) {
    throw preconditionFailed("Drafting needs the AI agents, and they are not running on this server.");
  }
  return ctx.agents();
}

/**
 * The grade level and subject of a draft: the ones asked for, else the teacher's classes' (the
 * most common grade level, and the subject of a class at it). Without either there is nothing to
 * go on, so the model is asked to say.
 */
async function levelAndSubject(
  ctx: ToolContext,
  input: { gradeLevel?: string | undefined; subject?: string | undefined },
) {
  if (input.gradeLevel && input.subject) return { gradeLevel: input.gradeLevel, subject: input.subject };
  const classes = await listClasses(ctx, { includeArchived: false });
  const counts = new Map<string, number>();
  for (const c of classes) counts.set(c.gradeLevel, (counts.get(c.gradeLevel) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const gradeLevel = input.gradeLevel ?? common;
  if (!gradeLevel) throw fieldError("INVALID", "gradeLevel", "Say which grade level this is for.");
  const subject = input.subject ?? classes.find((c) => c.gradeLevel === gradeLevel)?.subject ?? DEFAULT_SUBJECT;
  return { gradeLevel, subject };
}

async function queueDraft(
  ctx: ToolContext,
  part: GenerationPart,
  input: {
    topic: string;
    gradeLevel?: string | undefined;
    subject?: string | undefined;
    questionCount?: number | undefined;
  },
): Promise<z.output<typeof draftToolOutputSchema>> {
  const runtime = runtimeOf(ctx);
  const { gradeLevel, subject } = await levelAndSubject(ctx, input);
  const request: GenerateRequest = generateRequestSchema.parse({
    topic: input.topic,
    subject,
    gradeLevel,
    parts: [part],
    ...(input.questionCount ? { questionCount: input.questionCount } : {}),
  });
  const task = await generateTask(ctx, request, runtime);
  return {
    taskId: task.id,
    topic: task.topic,
    subject: task.subject,
    gradeLevel: task.gradeLevel,
    status: task.status,
    href: taskHref(task.id),
  };
}

const draftCard = (label: string, output: z.output<typeof draftToolOutputSchema>) => ({
  label,
  title: output.topic,
  href: output.href,
  detail: "The agents are writing it now; it will be in your library as a draft to review.",
});

const DRAFT_NOTE =
  "It queues a generation task (the drafts are saved to the teacher's library for review, never published or assigned); it takes a minute or two, task_status follows it.";

export const draftLesson = defineTool({
  name: "draft_lesson",
  title: "Draft a lesson",
  description: `Drafts a lesson on a topic with the AI agents. Use it when the teacher asks for a lesson or lesson plan. ${DRAFT_NOTE}`,
  roles: TEACHING_ROLES,
  scopes: ["agents:run"],
  input: draftLessonToolInputSchema,
  output: draftToolOutputSchema,
  run: (ctx, input) => queueDraft(ctx, "lesson", input),
  card: (_input, output) => draftCard("Drafted lesson", output),
});

export const draftQuiz = defineTool({
  name: "draft_quiz",
  title: "Draft a quiz",
  description: `Drafts a quiz (questions with answer keys) on a topic with the AI agents. Use it when the teacher asks for a quiz, test or questions. ${DRAFT_NOTE}`,
  roles: TEACHING_ROLES,
  scopes: ["agents:run"],
  input: draftQuizToolInputSchema,
  output: draftToolOutputSchema,
  run: (ctx, input) => queueDraft(ctx, "quiz", input),
  card: (_input, output) => draftCard("Drafted quiz", output),
});

export const draftRobloxEnvironment = defineTool({
  name: "draft_roblox_environment",
  title: "Draft a Roblox environment",
  description: `Drafts a Roblox learning environment (terrain, checkpoints and scripts) on a topic with the AI agents. Use it when the teacher asks for a Roblox world, game or environment. ${DRAFT_NOTE}`,
  roles: TEACHING_ROLES,
  scopes: ["agents:run"],
  input: draftEnvironmentToolInputSchema,
  output: draftToolOutputSchema,
  run: (ctx, input) => queueDraft(ctx, "environment", input),
  card: (_input, output) => draftCard("Drafted Roblox environment", output),
});

export const taskStatus = defineTool({
  name: "task_status",
  title: "Generation status",
  description:
    "How a generation task is doing: its status, progress and, once finished, the content items it made. Use it when the teacher asks whether a draft is ready.",
  roles: TEACHING_ROLES,
  scopes: ["content:read"],
  input: taskToolInputSchema,
  output: taskStatusToolOutputSchema,
  async run(ctx, input) {
    const task = await getTask(ctx, input);
    return {
      taskId: task.id,
      topic: task.topic,
      status: task.status,
      progress: task.progress,
      currentStep: task.currentStep,
      error: task.error,
      items: (task.result?.items ?? []).map((i) => ({
        contentId: i.contentId,
        type: i.type,
        title: i.title,
        href: contentHref(i.contentId),
      })),
      href: taskHref(task.id),
    };
  },
  card: (_input, output) => ({
    label: "Generation",
    title: output.topic,
    href: output.href,
    detail:
      output.status === "COMPLETED"
        ? `Finished: ${output.items.map((i) => i.title).join(", ") || "no items"}`
        : `${output.status.toLowerCase()}, ${output.progress}%`,
  }),
});
