// Quiz attempts: start (server-enforced limits), autosave, submit with auto-grading, results.
// A student never receives an answer key the teacher chose to hide: results are built here.
import type { Prisma } from "@toolboxai/db";
import {
  type CreateAssignmentInput,
  contentBodySchemas,
  parseRubric,
  type QuestionResponse,
  type Rubric,
} from "@toolboxai/validators";
import { recordActivity } from "../audit/audit";
import type { ServiceContext } from "../context";
import { invalid, isPrismaError, notFound, preconditionFailed } from "../errors";
import { drawPoolWhere } from "../questions/quiz-questions";
import { publishDashboardChanged, publishGradesReleased } from "../realtime/events";
import { drawQuestions, gradeResponse } from "./grading";
import { countNewGrades, NEW_GRADE, studentAssignment } from "./student";

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
    select: { ...questionForStudent, answer: true, explanation: true, rubric: true },
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
    where: drawPoolWhere(a.content.authorId, draw.tag),
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
    feedback?: string | null;
    returnedAt?: Date | null;
  },
  a: Awaited<ReturnType<typeof studentAssignment>>,
  questions: Awaited<ReturnType<typeof questionsInOrder>>,
  answers: {
    questionId: string;
    response: unknown;
    correct: boolean;
    points: number;
    maxPoints: number;
    autoPoints?: number | null;
    rubricScores?: unknown;
    comment?: string | null;
  }[],
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
    /** The teacher's comment on the whole attempt. */
    feedback: attempt.feedback ?? null,
    /** When the teacher last changed a score or commented (null: never). */
    returnedAt: attempt.returnedAt ?? null,
    questions: questions.map((q) => {
      const answer = byQuestion.get(q.id);
      const rubric = q.type === "SHORT_ANSWER" ? parseRubric(q.rubric) : null;
      const marks = (answer?.rubricScores ?? null) as Record<string, number> | null;
      return {
        id: q.id,
        type: q.type,
        prompt: q.prompt,
        options: (Array.isArray(q.options) ? q.options : []) as { id: string; text: string }[],
        response: (answer?.response ?? null) as QuestionResponse | null,
        correct: answer?.correct ?? false,
        points: answer?.points ?? 0,
        maxPoints: answer?.maxPoints ?? q.points,
        /** The teacher set these points (an override or rubric marks), not automatic grading. */
        teacherScored: answer?.autoPoints !== null && answer?.autoPoints !== undefined,
        /**
         * The teacher's rubric marks, criterion by criterion (null: not marked by rubric). The
         * criteria's labels can give the answer away, so they leave the server only with the
         * answers; until then a single line carries the total (label null).
         */
        rubric: rubric && marks ? rubricView(rubric, marks, reveal) : null,
        comment: answer?.comment ?? null,
        // Only when the teacher chose to show them: otherwise they never leave the server.
        correctAnswer: reveal ? q.answer : null,
        explanation: reveal ? (q.explanation ?? null) : null,
      };
    }),
  };
}

/** A result's rubric marks as the student sees them: per criterion once answers are shown. */
function rubricView(rubric: Rubric, marks: Record<string, number>, reveal: boolean) {
  const awarded = (id: string) => (Object.hasOwn(marks, id) && typeof marks[id] === "number" ? marks[id] : 0);
  if (reveal)
    return rubric.map((c) => ({ id: c.id, label: c.label as string | null, points: c.points, awarded: awarded(c.id) }));
  return [
    {
      id: "total",
      label: null as string | null,
      points: rubric.reduce((s, c) => s + c.points, 0),
      awarded: Math.round(rubric.reduce((s, c) => s + awarded(c.id), 0) * 100) / 100,
    },
  ];
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

/**
 * The student has opened the attempt's result: its grade is no longer new. Idempotent; an
 * attempt still in progress has no result to see and is left alone. Returns the new badge count.
 */
export async function markResultSeen(ctx: ServiceContext, input: { attemptId: string }) {
  const { attempt } = await ownAttempt(ctx, input.attemptId);
  await ctx.db.attempt.updateMany({ where: { id: attempt.id, ...NEW_GRADE }, data: { resultSeenAt: new Date() } });
  return countNewGrades(ctx);
}
