// Turns a finished agent task's drafts into the teaching core's content: a lesson, a quiz with
// its questions (held with the draft, out of the bank, until the teacher keeps the quiz: see
// ./draft-questions.ts), a Roblox environment. Runs in the web process or in apps/worker.
import type { Drafts, MaterializedItem, Materializer } from "@toolboxai/agents";
import type { Prisma } from "@toolboxai/db";
import type { createContentSchema, RobloxEnvironment } from "@toolboxai/validators";
import type { z } from "zod";
import { toActor } from "../actor";
import { createContent } from "../content/content";
import type { ServiceContext } from "../context";
import { currentCorrelation } from "../correlation/scope";
import { isPrismaError } from "../errors";
import { setQuizQuestions } from "../questions/quiz-questions";
import { draftQuestionTags } from "./draft-questions";

export { draftQuestionTags, keepDraftQuestions } from "./draft-questions";

/**
 * The task's item of this type: the existing one, or a new GENERATED one. Two workers racing to
 * save the same task (a stalled job handed over while the first still runs) meet at the unique
 * (agentTaskId, type) index: the loser reads the winner's item instead of making a second.
 */
async function findOrCreate(
  ctx: ServiceContext,
  taskId: string,
  input: z.output<typeof createContentSchema>,
): Promise<{ id: string; title: string }> {
  const where = { agentTaskId: taskId, type: input.type };
  const select = { id: true, title: true } as const;
  const existing = await ctx.db.contentItem.findFirst({ where, select });
  if (existing) return existing;
  try {
    const created = await createContent(ctx, input, { agentTaskId: taskId });
    return { id: created.id, title: created.title };
  } catch (error) {
    if (isPrismaError(error, "P2002")) return ctx.db.contentItem.findFirstOrThrow({ where, select });
    throw error;
  }
}

function environmentBody(drafts: Drafts): RobloxEnvironment | null {
  if (!drafts.terrain) return null;
  const questions = drafts.quiz?.questions ?? [];
  const checkpoints = drafts.terrain.stations.flatMap((station) => {
    const question =
      station.kind === "quiz" && station.questionIndex !== null ? questions[station.questionIndex] : null;
    return question ? [{ stationId: station.id, prompt: station.prompt, question }] : [];
  });
  return { terrain: drafts.terrain, scripts: drafts.scripts?.scripts ?? [], checkpoints };
}

async function lesson(ctx: ServiceContext, taskId: string, drafts: Drafts): Promise<MaterializedItem | null> {
  const draft = drafts.lesson;
  if (!draft) return null;
  const item = await findOrCreate(ctx, taskId, {
    type: "LESSON",
    title: draft.title,
    description: draft.description || drafts.outline.summary,
    subject: drafts.request.subject,
    gradeLevel: drafts.request.gradeLevel,
    tags: ["generated"],
    body: {
      sections: draft.sections.map((s, i) => ({
        id: `s${i + 1}`,
        heading: s.heading,
        markdown: `*About ${s.minutes} minutes*\n\n${s.markdown}`,
        media: [],
      })),
    },
  });
  return { part: "lesson", contentId: item.id, type: "LESSON", title: item.title };
}

async function quiz(ctx: ServiceContext, taskId: string, drafts: Drafts): Promise<MaterializedItem | null> {
  const draft = drafts.quiz;
  if (!draft) return null;
  const saved = await ctx.db.contentItem.findFirst({
    where: { agentTaskId: taskId, type: "QUIZ" },
    select: { id: true, title: true, _count: { select: { quizQuestions: true } } },
  });
  if (saved && saved._count.quizQuestions > 0) {
    return { part: "quiz", contentId: saved.id, type: "QUIZ", title: saved.title };
  }

  // The questions belong to the draft (draftTaskId), out of the bank until the teacher keeps the
  // quiz; they carry the teacher's topic tags for then. A resumed task reuses the ones it saved.
  const existing = await ctx.db.question.findMany({
    where: { ownerId: ctx.actor.userId, draftTaskId: taskId, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  const questionIds = existing.map((q) => q.id);
  const tags = draftQuestionTags(drafts.request);
  for (const question of draft.questions.slice(questionIds.length)) {
    const row = await ctx.db.question.create({
      data: {
        organizationId: ctx.actor.orgId,
        ownerId: ctx.actor.userId,
        draftTaskId: taskId,
        type: question.type,
        prompt: question.prompt,
        options: question.options as Prisma.InputJsonValue,
        answer: question.answer as Prisma.InputJsonValue,
        points: question.points,
        explanation: question.explanation || null,
        tags,
      },
      select: { id: true },
    });
    questionIds.push(row.id);
  }
  const item = await findOrCreate(ctx, taskId, {
    type: "QUIZ",
    title: draft.title,
    description: `Checks: ${drafts.outline.objectives.slice(0, 3).join("; ")}`.slice(0, 2000),
    subject: drafts.request.subject,
    gradeLevel: drafts.request.gradeLevel,
    tags: ["generated"],
    body: { instructions: draft.instructions, draw: null },
  });
  await setQuizQuestions(ctx, { quizId: item.id, questionIds });
  return { part: "quiz", contentId: item.id, type: "QUIZ", title: item.title };
}

async function environment(ctx: ServiceContext, taskId: string, drafts: Drafts): Promise<MaterializedItem | null> {
  const body = environmentBody(drafts);
  if (!body) return null;
  const item = await findOrCreate(ctx, taskId, {
    type: "ENVIRONMENT",
    title: body.terrain.name,
    description: body.terrain.description,
    subject: drafts.request.subject,
    gradeLevel: drafts.request.gradeLevel,
    tags: ["generated", "roblox"],
    body,
  });
  return { part: "environment", contentId: item.id, type: "ENVIRONMENT", title: item.title };
}

/**
 * The materializer the agents' pipeline calls once a plan has finished. Each part is created
 * at most once per task (looked up by the task link first), so a resumed task fills in only
 * what is missing. Items are created as the teacher who asked, as GENERATED drafts: students
 * see nothing until the teacher publishes.
 */
export const materializeDrafts: Materializer = async ({ db, task, drafts }) => {
  const user = await db.user.findFirst({
    where: { id: task.createdById, active: true, deletedAt: null },
    select: { id: true, organizationId: true, role: true, name: true, email: true },
  });
  if (!user) throw new Error("The teacher who asked for this task no longer has an active account");
  const ctx: ServiceContext = {
    db,
    actor: toActor(user),
    // The request that queued the task (the worker's scope for this attempt), else the task itself.
    correlationId: currentCorrelation()?.correlationId ?? `agent-task:${task.id}`,
  };
  const items: MaterializedItem[] = [];
  for (const make of [lesson, quiz, environment]) {
    const item = await make(ctx, task.id, drafts);
    if (item) items.push(item);
  }
  return items;
};
