// Assignments: a teacher assigns published content to a class; students read lessons (progress
// per section) and take quizzes (attempts with autosave, server-enforced limits, auto-grading).
// A student never receives an answer key the teacher chose to hide: results are built here.
import type { Prisma } from "@toolboxai/db";
import type { createAssignmentSchema } from "@toolboxai/validators";
import {
  type CreateAssignmentInput,
  contentBodySchemas,
  type MyAssignment,
  type QuestionResponse,
} from "@toolboxai/validators";
import type { z } from "zod";
import { recordActivity } from "../audit/audit";
import { visibleContentWhere } from "../content/content";
import type { ServiceContext } from "../context";
import { fieldError, invalid, isPrismaError, notFound, preconditionFailed } from "../errors";
import { publishDashboardChanged, publishGradesReleased } from "../realtime/events";
import { drawQuestions, gradeResponse } from "./grading";

const ASSIGNABLE = new Set(["LESSON", "QUIZ", "ACTIVITY"]);

// ---------------------------------------------------------------------------------------------
// Teachers

async function managedClass(ctx: ServiceContext, classId: string) {
  const where: Prisma.ClassWhereInput =
    ctx.actor.role === "ADMIN" ? { id: classId } : { id: classId, teacherId: ctx.actor.userId };
  const cls = await ctx.db.class.findFirst({ where, select: { id: true, name: true, archivedAt: true } });
  if (!cls) throw notFound("Class");
  return cls;
}

export async function createAssignment(ctx: ServiceContext, input: z.output<typeof createAssignmentSchema>) {
  const cls = await managedClass(ctx, input.classId);
  if (cls.archivedAt) throw invalid("Unarchive the class to assign work.");
  const content = await ctx.db.contentItem.findFirst({
    // Someone else's unpublished draft is "not found", not "publish it first": its existence is private.
    where: { id: input.contentId, deletedAt: null, ...visibleContentWhere(ctx) },
    select: { id: true, type: true, status: true, title: true },
  });
  if (!content) throw fieldError("NOT_FOUND", "contentId", "That content does not exist.");
  if (content.status !== "PUBLISHED") {
    throw fieldError("INVALID", "contentId", "Publish the content before assigning it.");
  }
  if (!ASSIGNABLE.has(content.type))
    throw fieldError("INVALID", "contentId", "This type of content can't be assigned yet.");
  try {
    const row = await ctx.db.assignment.create({
      data: {
        organizationId: ctx.actor.orgId,
        classId: cls.id,
        contentId: content.id,
        assignedById: ctx.actor.userId,
        dueAt: input.dueAt ?? null,
        maxAttempts: content.type === "QUIZ" ? (input.maxAttempts ?? null) : null,
        showCorrectAnswers: input.showCorrectAnswers,
      },
    });
    await recordActivity(ctx, "assignment_created", { assignmentId: row.id, classId: cls.id, contentId: content.id });
    return row;
  } catch (error) {
    if (isPrismaError(error, "P2002")) {
      throw fieldError("CONFLICT", "contentId", `"${content.title}" is already assigned to ${cls.name}.`);
    }
    throw error;
  }
}

export async function listClassAssignments(ctx: ServiceContext, input: { classId: string }) {
  await managedClass(ctx, input.classId);
  const rows = await ctx.db.assignment.findMany({
    where: { classId: input.classId },
    select: {
      id: true,
      dueAt: true,
      maxAttempts: true,
      showCorrectAnswers: true,
      createdAt: true,
      content: { select: { id: true, title: true, type: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Students

/** Assignments the acting student may work on: of open classes they are enrolled in, content not deleted. */
function myAssignmentsWhere(ctx: ServiceContext): Prisma.AssignmentWhereInput {
  return {
    class: { archivedAt: null, enrollments: { some: { studentId: ctx.actor.userId } } },
    content: { deletedAt: null },
  };
}

/** The assignment, if the acting student is enrolled in its (open) class. */
async function studentAssignment(ctx: ServiceContext, assignmentId: string) {
  const a = await ctx.db.assignment.findFirst({
    where: { id: assignmentId, ...myAssignmentsWhere(ctx) },
    select: {
      id: true,
      dueAt: true,
      maxAttempts: true,
      showCorrectAnswers: true,
      class: { select: { id: true, name: true } },
      content: { select: { id: true, type: true, title: true, description: true, body: true, authorId: true } },
    },
  });
  if (!a) throw notFound("Assignment");
  return a;
}

function stepIds(type: string, body: unknown): string[] {
  if (type === "LESSON") {
    const parsed = contentBodySchemas.LESSON.safeParse(body);
    return parsed.success ? parsed.data.sections.map((s) => s.id) : [];
  }
  if (type === "ACTIVITY") {
    const parsed = contentBodySchemas.ACTIVITY.safeParse(body);
    return parsed.success ? parsed.data.steps.map((s) => s.id) : [];
  }
  return [];
}

export type AssignmentState = "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED";

/** A submitted attempt whose grade the student has not seen yet (see `markResultSeen`). */
const NEW_GRADE = { status: "SUBMITTED", resultSeenAt: null } satisfies Prisma.AttemptWhereInput;

/** The acting student's assignments (all of them, or one class's), with their state in each. */
export async function listMyAssignments(
  ctx: ServiceContext,
  filter: { classId?: string } = {},
): Promise<MyAssignment[]> {
  const rows = await ctx.db.assignment.findMany({
    where: { ...myAssignmentsWhere(ctx), ...(filter.classId ? { classId: filter.classId } : {}) },
    select: {
      id: true,
      dueAt: true,
      maxAttempts: true,
      createdAt: true,
      class: { select: { id: true, name: true } },
      content: { select: { id: true, type: true, title: true } },
      progress: { where: { studentId: ctx.actor.userId }, select: { completedAt: true } },
      attempts: {
        where: { studentId: ctx.actor.userId },
        select: { status: true, score: true, maxScore: true, resultSeenAt: true },
      },
    },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }, { id: "asc" }],
  });
  const now = Date.now();
  return rows.map((a) => {
    const submitted = a.attempts.filter((t) => t.status === "SUBMITTED");
    const best = submitted.reduce<{ score: number; maxScore: number } | null>((b, t) => {
      if (t.score === null || t.maxScore === null) return b;
      return !b || t.score / (t.maxScore || 1) > b.score / (b.maxScore || 1)
        ? { score: t.score, maxScore: t.maxScore }
        : b;
    }, null);
    const state: AssignmentState =
      a.content.type === "QUIZ"
        ? submitted.length > 0
          ? "COMPLETED"
          : a.attempts.length > 0
            ? "IN_PROGRESS"
            : "NOT_STARTED"
        : a.progress[0]?.completedAt
          ? "COMPLETED"
          : a.progress.length > 0
            ? "IN_PROGRESS"
            : "NOT_STARTED";
    const due = a.dueAt?.getTime();
    return {
      id: a.id,
      title: a.content.title,
      type: a.content.type,
      classId: a.class.id,
      className: a.class.name,
      dueAt: a.dueAt,
      state,
      overdue: state !== "COMPLETED" && due !== undefined && due < now,
      dueSoon: state !== "COMPLETED" && due !== undefined && due >= now && due - now < 3 * 24 * 3600 * 1000,
      attemptsUsed: a.attempts.length,
      maxAttempts: a.maxAttempts,
      bestScore: best,
      newGrade: submitted.some((t) => t.resultSeenAt === null),
    };
  });
}

/** How many of the acting student's graded attempts have a result they have not opened yet. */
export async function countNewGrades(ctx: ServiceContext): Promise<{ count: number }> {
  const count = await ctx.db.attempt.count({
    where: { studentId: ctx.actor.userId, ...NEW_GRADE, assignment: myAssignmentsWhere(ctx) },
  });
  return { count };
}

/**
 * The student has opened the attempt's result: its grade is no longer new. Idempotent; an
 * attempt still in progress has no result to see and is left alone. Returns the new badge count.
 */
export async function markResultSeen(ctx: ServiceContext, input: { attemptId: string }) {
  const { attempt } = await ownAttempt(ctx, input.attemptId);
  await ctx.db.attempt.updateMany({ where: { id: attempt.id, ...NEW_GRADE }, data: { resultSeenAt: new Date() } });
  return countNewGrades(ctx);
}

export async function openLesson(ctx: ServiceContext, input: { assignmentId: string }) {
  const a = await studentAssignment(ctx, input.assignmentId);
  if (a.content.type === "QUIZ") throw invalid("This assignment is a quiz.");
  let progress = await ctx.db.lessonProgress.findUnique({
    where: { assignmentId_studentId: { assignmentId: a.id, studentId: ctx.actor.userId } },
  });
  if (!progress) {
    progress = await ctx.db.lessonProgress.upsert({
      where: { assignmentId_studentId: { assignmentId: a.id, studentId: ctx.actor.userId } },
      update: {},
      create: {
        organizationId: ctx.actor.orgId,
        assignmentId: a.id,
        contentId: a.content.id,
        studentId: ctx.actor.userId,
      },
    });
    await recordActivity(ctx, "lesson_started", { assignmentId: a.id, contentId: a.content.id });
  }
  return {
    assignmentId: a.id,
    className: a.class.name,
    dueAt: a.dueAt,
    content: {
      id: a.content.id,
      type: a.content.type,
      title: a.content.title,
      description: a.content.description,
      body: a.content.body,
    },
    completedSections: progress.completedSections,
    completedAt: progress.completedAt,
    totalSections: stepIds(a.content.type, a.content.body).length,
  };
}

export async function completeSection(ctx: ServiceContext, input: { assignmentId: string; sectionId: string }) {
  const lesson = await openLesson(ctx, { assignmentId: input.assignmentId });
  const ids = stepIds(lesson.content.type, lesson.content.body);
  if (!ids.includes(input.sectionId)) throw notFound("Section");
  if (lesson.completedSections.includes(input.sectionId)) return lesson;
  const completed = ids.filter((id) => id === input.sectionId || lesson.completedSections.includes(id));
  const done = completed.length === ids.length;
  const updated = await ctx.db.lessonProgress.update({
    where: { assignmentId_studentId: { assignmentId: lesson.assignmentId, studentId: ctx.actor.userId } },
    data: { completedSections: completed, completedAt: done ? new Date() : null },
  });
  await recordActivity(ctx, "section_completed", { assignmentId: lesson.assignmentId, sectionId: input.sectionId });
  if (done) {
    await recordActivity(ctx, "lesson_completed", { assignmentId: lesson.assignmentId, contentId: lesson.content.id });
    publishDashboardChanged(ctx, "submissions");
  }
  return { ...lesson, completedSections: updated.completedSections, completedAt: updated.completedAt };
}

// Quiz attempts -------------------------------------------------------------------------------

const questionForStudent = {
  id: true,
  type: true,
  prompt: true,
  options: true,
  points: true,
} satisfies Prisma.QuestionSelect;

async function questionsInOrder(ctx: ServiceContext, ids: string[]) {
  const rows = await ctx.db.question.findMany({
    where: { id: { in: ids } },
    select: { ...questionForStudent, answer: true, explanation: true },
  });
  const byId = new Map(rows.map((q) => [q.id, q]));
  return ids.flatMap((id) => {
    const q = byId.get(id);
    return q ? [q] : [];
  });
}

async function pickQuestions(ctx: ServiceContext, a: Awaited<ReturnType<typeof studentAssignment>>): Promise<string[]> {
  const body = contentBodySchemas.QUIZ.safeParse(a.content.body);
  const draw = body.success ? body.data.draw : null;
  if (!draw) {
    const fixed = await ctx.db.quizQuestion.findMany({
      where: { quizId: a.content.id, question: { deletedAt: null } },
      orderBy: { position: "asc" },
      select: { questionId: true },
    });
    return fixed.map((q) => q.questionId);
  }
  // A bank draw: the quiz author's questions and the organization's shared ones with the tag.
  const pool = await ctx.db.question.findMany({
    where: {
      deletedAt: null,
      tags: { has: draw.tag },
      OR: [{ ownerId: a.content.authorId }, { sharedAccess: { not: null } }],
    },
    select: { id: true },
  });
  const earlier = await ctx.db.attempt.findMany({
    where: { assignmentId: a.id, studentId: ctx.actor.userId },
    select: { questionIds: true },
  });
  return drawQuestions({
    pool: pool.map((q) => q.id),
    count: draw.count,
    seen: earlier.flatMap((t) => t.questionIds),
    avoidRepeats: draw.avoidRepeats,
  });
}

/** The quiz's instructions for students ("" when none). */
function quizInstructions(body: unknown): string {
  const parsed = contentBodySchemas.QUIZ.safeParse(body);
  return parsed.success ? parsed.data.instructions : "";
}

function attemptView(
  attempt: { id: string; number: number; status: string; responses: unknown; startedAt: Date },
  assignment: { id: string; maxAttempts: number | null; dueAt: Date | null; content: { title: string; body: unknown } },
  questions: { id: string; type: string; prompt: string; options: unknown; points: number }[],
) {
  return {
    attemptId: attempt.id,
    assignmentId: assignment.id,
    title: assignment.content.title,
    instructions: quizInstructions(assignment.content.body),
    number: attempt.number,
    maxAttempts: assignment.maxAttempts,
    dueAt: assignment.dueAt,
    status: attempt.status as "IN_PROGRESS" | "SUBMITTED",
    startedAt: attempt.startedAt,
    responses: (attempt.responses ?? {}) as Record<string, QuestionResponse>,
    // Never the answer key: only what a student needs to answer.
    questions: questions.map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      options: (Array.isArray(q.options) ? q.options : []) as { id: string; text: string }[],
      points: q.points,
    })),
  };
}

export async function startAttempt(ctx: ServiceContext, input: { assignmentId: string }) {
  const a = await studentAssignment(ctx, input.assignmentId);
  if (a.content.type !== "QUIZ") throw invalid("This assignment is not a quiz.");
  const attempts = await ctx.db.attempt.findMany({
    where: { assignmentId: a.id, studentId: ctx.actor.userId },
    orderBy: { number: "desc" },
  });
  const open = attempts.find((t) => t.status === "IN_PROGRESS");
  if (open) return attemptView(open, a, await questionsInOrder(ctx, open.questionIds));
  if (a.maxAttempts !== null && attempts.length >= a.maxAttempts) {
    throw preconditionFailed(
      `You have used all ${a.maxAttempts} attempt${a.maxAttempts === 1 ? "" : "s"} for this quiz.`,
    );
  }
  const questionIds = await pickQuestions(ctx, a);
  if (questionIds.length === 0) {
    throw preconditionFailed("This quiz has no questions yet. Tell your teacher.");
  }
  try {
    const attempt = await ctx.db.attempt.create({
      data: {
        organizationId: ctx.actor.orgId,
        assignmentId: a.id,
        studentId: ctx.actor.userId,
        number: (attempts[0]?.number ?? 0) + 1,
        questionIds,
      },
    });
    await recordActivity(ctx, "quiz_started", { assignmentId: a.id, attemptId: attempt.id });
    return attemptView(attempt, a, await questionsInOrder(ctx, questionIds));
  } catch (error) {
    // Two tabs started at once: the other one won; hand back its attempt.
    if (!isPrismaError(error, "P2002")) throw error;
    const winner = await ctx.db.attempt.findFirstOrThrow({
      where: { assignmentId: a.id, studentId: ctx.actor.userId, status: "IN_PROGRESS" },
    });
    return attemptView(winner, a, await questionsInOrder(ctx, winner.questionIds));
  }
}

async function ownAttempt(ctx: ServiceContext, attemptId: string) {
  const attempt = await ctx.db.attempt.findFirst({ where: { id: attemptId, studentId: ctx.actor.userId } });
  if (!attempt) throw notFound("Attempt");
  const a = await studentAssignment(ctx, attempt.assignmentId);
  return { attempt, a };
}

export async function saveResponses(
  ctx: ServiceContext,
  input: { attemptId: string; responses: Record<string, QuestionResponse | null> },
) {
  const { attempt } = await ownAttempt(ctx, input.attemptId);
  if (attempt.status !== "IN_PROGRESS") {
    throw preconditionFailed("This attempt was already submitted.");
  }
  const allowed = new Set(attempt.questionIds);
  const merged: Record<string, unknown> = { ...((attempt.responses as Record<string, unknown>) ?? {}) };
  for (const [id, response] of Object.entries(input.responses)) {
    if (!allowed.has(id)) continue;
    if (response === null) delete merged[id];
    else merged[id] = response;
  }
  await ctx.db.attempt.update({ where: { id: attempt.id }, data: { responses: merged as Prisma.InputJsonObject } });
  return { savedAt: new Date() };
}

function resultView(
  attempt: {
    id: string;
    number: number;
    score: number | null;
    maxScore: number | null;
    submittedAt: Date | null;
    resultSeenAt: Date | null;
  },
  a: Awaited<ReturnType<typeof studentAssignment>>,
  questions: Awaited<ReturnType<typeof questionsInOrder>>,
  answers: { questionId: string; response: unknown; correct: boolean; points: number; maxPoints: number }[],
) {
  const byQuestion = new Map(answers.map((x) => [x.questionId, x]));
  const reveal = a.showCorrectAnswers;
  return {
    attemptId: attempt.id,
    assignmentId: a.id,
    title: a.content.title,
    number: attempt.number,
    score: attempt.score ?? 0,
    maxScore: attempt.maxScore ?? 0,
    submittedAt: attempt.submittedAt,
    /** The student has not opened this grade yet (e.g. a regrade changed it): opening it marks it seen. */
    newGrade: attempt.resultSeenAt === null,
    answersRevealed: reveal,
    questions: questions.map((q) => {
      const answer = byQuestion.get(q.id);
      return {
        id: q.id,
        type: q.type,
        prompt: q.prompt,
        options: (Array.isArray(q.options) ? q.options : []) as { id: string; text: string }[],
        response: (answer?.response ?? null) as QuestionResponse | null,
        correct: answer?.correct ?? false,
        points: answer?.points ?? 0,
        maxPoints: answer?.maxPoints ?? q.points,
        // Only when the teacher chose to show them: otherwise they never leave the server.
        correctAnswer: reveal ? q.answer : null,
        explanation: reveal ? (q.explanation ?? null) : null,
      };
    }),
  };
}

export async function submitAttempt(
  ctx: ServiceContext,
  input: { attemptId: string; responses?: Record<string, QuestionResponse | null> | undefined },
) {
  if (input.responses) await saveResponses(ctx, { attemptId: input.attemptId, responses: input.responses });
  const { attempt, a } = await ownAttempt(ctx, input.attemptId);
  if (attempt.status !== "IN_PROGRESS") {
    throw preconditionFailed("This attempt was already submitted.");
  }
  const questions = await questionsInOrder(ctx, attempt.questionIds);
  const responses = (attempt.responses ?? {}) as Record<string, unknown>;
  const graded = questions.map((q) => ({ q, grade: gradeResponse(q, responses[q.id]) }));
  const score = graded.reduce((s, g) => s + g.grade.points, 0);
  const maxScore = graded.reduce((s, g) => s + g.grade.maxPoints, 0);
  const submittedAt = new Date();
  // Claim the attempt first, so a double submit grades once.
  const claimed = await ctx.db.attempt.updateMany({
    where: { id: attempt.id, status: "IN_PROGRESS" },
    // The student sees this result as the answer to their submit: it is not a "new grade".
    data: { status: "SUBMITTED", score, maxScore, submittedAt, resultSeenAt: submittedAt },
  });
  if (claimed.count === 0) throw preconditionFailed("This attempt was already submitted.");
  const answers = graded.map(({ q, grade }) => ({
    organizationId: ctx.actor.orgId,
    attemptId: attempt.id,
    questionId: q.id,
    response: (responses[q.id] ?? null) as Prisma.InputJsonValue,
    correct: grade.correct,
    points: grade.points,
    maxPoints: grade.maxPoints,
  }));
  await ctx.db.attemptAnswer.createMany({ data: answers });
  await recordActivity(ctx, "quiz_submitted", { assignmentId: a.id, attemptId: attempt.id, score, maxScore });
  publishGradesReleased(ctx, [
    {
      studentId: ctx.actor.userId,
      attemptId: attempt.id,
      assignmentId: a.id,
      title: a.content.title,
      score,
      maxScore,
    },
  ]);
  publishDashboardChanged(ctx, "submissions");
  return resultView({ ...attempt, score, maxScore, submittedAt, resultSeenAt: submittedAt }, a, questions, answers);
}

/** An attempt of the acting student: the player while in progress, the result once submitted. */
export async function getAttempt(ctx: ServiceContext, input: { attemptId: string }) {
  const { attempt, a } = await ownAttempt(ctx, input.attemptId);
  const questions = await questionsInOrder(ctx, attempt.questionIds);
  if (attempt.status === "IN_PROGRESS") return { kind: "player" as const, player: attemptView(attempt, a, questions) };
  const answers = await ctx.db.attemptAnswer.findMany({ where: { attemptId: attempt.id } });
  return { kind: "result" as const, result: resultView(attempt, a, questions, answers) };
}

export async function listMyAttempts(ctx: ServiceContext, input: { assignmentId: string }) {
  const a = await studentAssignment(ctx, input.assignmentId);
  const attempts = await ctx.db.attempt.findMany({
    where: { assignmentId: a.id, studentId: ctx.actor.userId },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      status: true,
      score: true,
      maxScore: true,
      startedAt: true,
      submittedAt: true,
      resultSeenAt: true,
    },
  });
  return {
    title: a.content.title,
    description: a.content.description,
    instructions: quizInstructions(a.content.body),
    maxAttempts: a.maxAttempts,
    dueAt: a.dueAt,
    attempts: attempts.map(({ resultSeenAt, ...t }) => ({
      ...t,
      newGrade: t.status === "SUBMITTED" && resultSeenAt === null,
    })),
  };
}

export type { CreateAssignmentInput };
