// Teachers review an attempt: each question with the student's answer, the answer key and the
// points. They override a score (with a reason: audited, the total recomputed, the student told),
// mark a short answer's rubric, and comment on an answer or on the whole attempt.
//
// Overrides win over regrades: once a teacher has set an answer's points (`autoPoints` is then
// what automatic grading gave), a regrade of the question updates `autoPoints` and leaves the
// teacher's points alone (capped at the new maximum). See `applyRegrade` in ../questions.
import { Prisma } from "@toolboxai/db";
import { type gradeAnswerSchema, parseRubric, type QuestionResponse } from "@toolboxai/validators";
import type { z } from "zod";
import { recordActivity, recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { fieldError, invalid, notFound, preconditionFailed } from "../errors";
import { publishDashboardChanged, publishGradesReleased } from "../realtime/events";
import { dueDateFor } from "./assignments";

/** An attempt of a class the acting teacher teaches (any class of the organization for an admin). */
async function managedAttempt(ctx: ServiceContext, attemptId: string) {
  const attempt = await ctx.db.attempt.findFirst({
    where: {
      id: attemptId,
      ...(ctx.actor.role === "ADMIN" ? {} : { assignment: { class: { teacherId: ctx.actor.userId } } }),
    },
    select: {
      id: true,
      number: true,
      status: true,
      questionIds: true,
      responses: true,
      score: true,
      maxScore: true,
      startedAt: true,
      submittedAt: true,
      feedback: true,
      returnedAt: true,
      resultSeenAt: true,
      student: { select: { id: true, name: true } },
      assignment: {
        select: {
          id: true,
          dueAt: true,
          dueExtensions: true,
          showCorrectAnswers: true,
          class: { select: { id: true, name: true } },
          content: { select: { title: true } },
        },
      },
    },
  });
  if (!attempt) throw notFound("Attempt");
  return attempt;
}

/** Whether the points are the question's full marks (what "correct" means once a teacher marked it). */
const fullMarks = (points: number, maxPoints: number) => maxPoints > 0 && points >= maxPoints;

/** Rubric marks by criterion id, as stored (anything else reads as none). */
function marksOf(value: unknown): Record<string, number> | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === "number"),
  );
}

/** The attempt as its teacher reviews it: every question with the answer key, answer and points. */
export async function reviewAttempt(ctx: ServiceContext, input: { attemptId: string }) {
  const attempt = await managedAttempt(ctx, input.attemptId);
  const [rows, answers, others] = await Promise.all([
    ctx.db.question.findMany({
      where: { id: { in: attempt.questionIds } },
      select: {
        id: true,
        type: true,
        prompt: true,
        options: true,
        answer: true,
        explanation: true,
        points: true,
        rubric: true,
      },
    }),
    ctx.db.attemptAnswer.findMany({ where: { attemptId: attempt.id } }),
    ctx.db.attempt.findMany({
      where: { assignmentId: attempt.assignment.id, studentId: attempt.student.id },
      orderBy: { number: "asc" },
      select: { id: true, number: true, status: true, score: true, maxScore: true },
    }),
  ]);
  const graderIds = [...new Set(answers.flatMap((a) => (a.gradedById ? [a.gradedById] : [])))];
  const graders = new Map(
    (await ctx.db.user.findMany({ where: { id: { in: graderIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const byId = new Map(rows.map((q) => [q.id, q]));
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  const saved = (attempt.responses ?? {}) as Record<string, QuestionResponse>;
  const submitted = attempt.status === "SUBMITTED";
  return {
    attemptId: attempt.id,
    number: attempt.number,
    status: attempt.status,
    startedAt: attempt.startedAt,
    submittedAt: attempt.submittedAt,
    score: submitted ? (attempt.score ?? 0) : null,
    maxScore: submitted ? (attempt.maxScore ?? 0) : null,
    feedback: attempt.feedback,
    returnedAt: attempt.returnedAt,
    /** The student has not opened the result since it was graded or returned. */
    unseenByStudent: submitted && attempt.resultSeenAt === null,
    student: attempt.student,
    assignment: {
      id: attempt.assignment.id,
      title: attempt.assignment.content.title,
      classId: attempt.assignment.class.id,
      className: attempt.assignment.class.name,
      dueAt: dueDateFor(attempt.assignment, attempt.student.id),
    },
    /** The student's attempts at this assignment, for moving between them. */
    attempts: others,
    questions: attempt.questionIds.flatMap((id) => {
      const q = byId.get(id);
      if (!q) return [];
      const a = byQuestion.get(id);
      return [
        {
          id: q.id,
          type: q.type,
          prompt: q.prompt,
          options: (Array.isArray(q.options) ? q.options : []) as { id: string; text: string }[],
          correctAnswer: q.answer,
          explanation: q.explanation,
          rubric: q.type === "SHORT_ANSWER" ? parseRubric(q.rubric) : null,
          response: ((a ? a.response : saved[id]) ?? null) as QuestionResponse | null,
          graded: !!a,
          correct: a?.correct ?? false,
          points: a?.points ?? null,
          maxPoints: a?.maxPoints ?? q.points,
          /** What automatic grading gave, when a teacher has changed the points (null: not changed). */
          autoPoints: a?.autoPoints ?? null,
          overrideReason: a?.overrideReason ?? null,
          rubricScores: marksOf(a?.rubricScores),
          comment: a?.comment ?? null,
          gradedBy: a?.gradedById ? { id: a.gradedById, name: graders.get(a.gradedById) ?? "A former teacher" } : null,
          gradedAt: a?.gradedAt ?? null,
        },
      ];
    }),
  };
}
export type AttemptReview = Awaited<ReturnType<typeof reviewAttempt>>;

type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];
type ManagedAttempt = Awaited<ReturnType<typeof managedAttempt>>;

/**
 * Runs `work` with the attempt's row locked, then writes the attempt's score and maximum as the
 * sums of its answers and returns it to the student (a new grade until they open it). Concurrent
 * saves of one attempt queue on the lock, so the total is always the sum of what was saved.
 */
async function withAttemptLocked<T>(
  ctx: ServiceContext,
  attempt: ManagedAttempt,
  work: (tx: Tx) => Promise<T>,
  data: Prisma.AttemptUpdateInput = {},
) {
  return ctx.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Attempt" WHERE "id" = ${attempt.id} AND "organizationId" = ${ctx.actor.orgId} FOR UPDATE`;
    const result = await work(tx);
    const sum = await tx.attemptAnswer.aggregate({
      where: { attemptId: attempt.id },
      _sum: { points: true, maxPoints: true },
    });
    const totals = { score: round2(sum._sum.points ?? 0), maxScore: round2(sum._sum.maxPoints ?? 0) };
    await tx.attempt.update({
      where: { id: attempt.id },
      data: { ...data, ...totals, resultSeenAt: null, returnedAt: new Date() },
    });
    return { result, totals };
  });
}

/** After a teacher's change has committed: the student is told and the dashboards refresh. */
function announce(ctx: ServiceContext, attempt: ManagedAttempt, totals: { score: number; maxScore: number }) {
  publishGradesReleased(ctx, [
    {
      studentId: attempt.student.id,
      attemptId: attempt.id,
      assignmentId: attempt.assignment.id,
      title: attempt.assignment.content.title,
      ...totals,
    },
  ]);
  publishDashboardChanged(ctx, "submissions");
}

/** Points and marks are kept to 2 decimals, so sums never read 0.30000000000000004. */
const round2 = (n: number) => Math.round(n * 100) / 100;

function submittedOnly(attempt: { status: string }) {
  if (attempt.status !== "SUBMITTED") {
    throw preconditionFailed("The student has not submitted this attempt yet: there is nothing to grade.");
  }
}

type Score = {
  points: number;
  autoPoints: number | null;
  overrideReason: string | null;
  rubricScores: Record<string, number> | null;
};

/** The answer's rubric marks, criterion by criterion, and their sum capped at the question's points. */
function rubricScore(
  answer: { maxPoints: number; question: { type: string; rubric: unknown } },
  given: Record<string, number>,
): { points: number; marks: Record<string, number> } {
  const rubric = answer.question.type === "SHORT_ANSWER" ? parseRubric(answer.question.rubric) : null;
  if (!rubric) throw fieldError("INVALID", "rubricScores", "This question has no rubric to mark.");
  // Own keys only: a criterion id never reads a property every object has ("constructor").
  const byId = new Map(Object.entries(given));
  const ids = new Set(rubric.map((c) => c.id));
  for (const id of byId.keys()) {
    if (!ids.has(id))
      throw fieldError("INVALID", "rubricScores", "A mark is for a criterion this rubric does not have.");
  }
  const marks: Record<string, number> = {};
  let sum = 0;
  for (const c of rubric) {
    const mark = round2(byId.get(c.id) ?? 0);
    if (!Number.isFinite(mark) || mark < 0) {
      throw fieldError("INVALID", `rubricScores.${c.id}`, "Enter a number of points");
    }
    if (mark > c.points) {
      throw fieldError("INVALID", `rubricScores.${c.id}`, `“${c.label}” is worth at most ${c.points} points.`);
    }
    marks[c.id] = mark;
    sum += mark;
  }
  if (!Number.isFinite(sum)) throw fieldError("INVALID", "rubricScores", "Enter a number of points");
  return { points: round2(Math.min(sum, answer.maxPoints)), marks };
}

/**
 * Marks one answer: overrides its points (with a reason), scores its rubric, or goes back to the
 * automatic score (`points: null`); and/or sets the comment the student sees; or accepts the score
 * as it is (`reviewed`). Any save counts the answer as reviewed by the acting teacher (it leaves
 * the home's "To review"), is audited, and returns the attempt to the student.
 */
export async function gradeAnswer(ctx: ServiceContext, input: z.output<typeof gradeAnswerSchema>) {
  const attempt = await managedAttempt(ctx, input.attemptId);
  submittedOnly(attempt);
  if (typeof input.points === "number" && input.rubricScores) {
    throw fieldError("INVALID", "points", "Mark the rubric or enter points, not both.");
  }
  const comment = input.comment === undefined ? undefined : input.comment || null;

  const { result, totals } = await withAttemptLocked(ctx, attempt, async (tx) => {
    // Read under the lock: a concurrent save (or regrade) of this answer is seen, never overwritten blind.
    const answer = await tx.attemptAnswer.findFirst({
      where: { attemptId: attempt.id, questionId: input.questionId },
      select: {
        id: true,
        points: true,
        maxPoints: true,
        autoPoints: true,
        correct: true,
        question: { select: { type: true, rubric: true } },
      },
    });
    if (!answer) throw fieldError("NOT_FOUND", "questionId", "That question is not part of this attempt.");
    const auto = answer.autoPoints ?? answer.points;

    let score: Score | null = null;
    let action = "";
    if (input.rubricScores) {
      const { points, marks } = rubricScore(answer, input.rubricScores);
      score = { points, autoPoints: auto, overrideReason: input.reason || null, rubricScores: marks };
      action = "attempt.rubric_scored";
    } else if (input.points === null) {
      if (answer.autoPoints !== null) {
        score = { points: answer.autoPoints, autoPoints: null, overrideReason: null, rubricScores: null };
        action = "attempt.override_removed";
      }
    } else if (input.points !== undefined) {
      const points = round2(input.points);
      if (points > answer.maxPoints) {
        throw fieldError("INVALID", "points", `This question is worth at most ${answer.maxPoints} points.`);
      }
      if (!input.reason) throw fieldError("INVALID", "reason", "Say why you are changing the score");
      score = { points, autoPoints: auto, overrideReason: input.reason, rubricScores: null };
      action = "attempt.grade_overridden";
    }
    if (!score && comment === undefined && !input.reviewed && input.points !== null) {
      throw invalid("Nothing to change: give points, rubric marks or a comment.");
    }
    if (!action) action = comment !== undefined ? "attempt.answer_commented" : "attempt.answer_reviewed";

    await tx.attemptAnswer.update({
      where: { id: answer.id },
      data: {
        ...(score
          ? {
              points: score.points,
              autoPoints: score.autoPoints,
              overrideReason: score.overrideReason,
              rubricScores: score.rubricScores ?? Prisma.DbNull,
              // Back to automatic grading: its own verdict; a teacher's points: full marks are correct.
              correct: score.autoPoints === null ? answer.correct : fullMarks(score.points, answer.maxPoints),
            }
          : {}),
        ...(comment !== undefined ? { comment } : {}),
        // Whatever the teacher saved, they have looked at this answer: it no longer waits for review.
        gradedById: ctx.actor.userId,
        gradedAt: new Date(),
      },
    });
    return { answer, score, action };
  });
  announce(ctx, attempt, totals);
  const { answer, score, action } = result;
  await recordAudit(ctx, {
    action,
    targetType: "Attempt",
    targetId: attempt.id,
    metadata: {
      questionId: input.questionId,
      studentId: attempt.student.id,
      from: answer.points,
      to: score ? score.points : answer.points,
      automatic: answer.autoPoints ?? answer.points,
      ...(score ? { reason: score.overrideReason } : {}),
      ...(score?.rubricScores ? { rubricScores: score.rubricScores } : {}),
      ...(comment !== undefined ? { comment } : {}),
      score: totals.score,
      maxScore: totals.maxScore,
    },
  });
  if (comment !== undefined) {
    await recordActivity(ctx, "answer_commented", { attemptId: attempt.id, questionId: input.questionId });
  }
  return reviewAttempt(ctx, { attemptId: attempt.id });
}

/** The teacher's comment on the whole attempt: returned to the student with their result. */
export async function setAttemptFeedback(ctx: ServiceContext, input: { attemptId: string; feedback: string }) {
  const attempt = await managedAttempt(ctx, input.attemptId);
  submittedOnly(attempt);
  const feedback = input.feedback || null;
  const { totals } = await withAttemptLocked(ctx, attempt, async () => null, { feedback });
  announce(ctx, attempt, totals);
  await recordAudit(ctx, {
    action: "attempt.feedback_returned",
    targetType: "Attempt",
    targetId: attempt.id,
    metadata: { studentId: attempt.student.id, feedback },
  });
  await recordActivity(ctx, "attempt_feedback", { attemptId: attempt.id, studentId: attempt.student.id });
  return reviewAttempt(ctx, { attemptId: attempt.id });
}
