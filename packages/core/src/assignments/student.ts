// What students see of their assignments: the list with due dates (their own extension wins),
// new grades, and lesson progress per section.
import type { Prisma } from "@toolboxai/db";
import { contentBodySchemas, type MyAssignment } from "@toolboxai/validators";
import { recordActivity } from "../audit/audit";
import type { ServiceContext } from "../context";
import { invalid, notFound } from "../errors";
import { publishDashboardChanged } from "../realtime/events";
import { dueDateFor } from "./assignments";

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
export async function studentAssignment(ctx: ServiceContext, assignmentId: string) {
  const a = await ctx.db.assignment.findFirst({
    where: { id: assignmentId, ...myAssignmentsWhere(ctx) },
    select: {
      id: true,
      dueAt: true,
      dueExtensions: true,
      maxAttempts: true,
      showCorrectAnswers: true,
      class: { select: { id: true, name: true } },
      content: { select: { id: true, type: true, title: true, description: true, body: true, authorId: true } },
    },
  });
  if (!a) throw notFound("Assignment");
  // From here on the student's own due date is the due date; other students' never leave.
  const { dueExtensions, ...rest } = a;
  return { ...rest, dueAt: dueDateFor({ dueAt: a.dueAt, dueExtensions }, ctx.actor.userId) };
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
export const NEW_GRADE = { status: "SUBMITTED", resultSeenAt: null } satisfies Prisma.AttemptWhereInput;

/** The acting student's assignments (all of them, or one class's), with their state in each. */
/** Where a student is with an assignment: a quiz by its attempts, a lesson by its progress. */
function assignmentState(
  a: { content: { type: string }; attempts: unknown[]; progress: { completedAt: Date | null }[] },
  submittedCount: number,
): AssignmentState {
  if (a.content.type === "QUIZ") {
    if (submittedCount > 0) return "COMPLETED";
    return a.attempts.length > 0 ? "IN_PROGRESS" : "NOT_STARTED";
  }
  if (a.progress[0]?.completedAt) return "COMPLETED";
  return a.progress.length > 0 ? "IN_PROGRESS" : "NOT_STARTED";
}

export async function listMyAssignments(
  ctx: ServiceContext,
  filter: { classId?: string } = {},
): Promise<MyAssignment[]> {
  const rows = await ctx.db.assignment.findMany({
    where: { ...myAssignmentsWhere(ctx), ...(filter.classId ? { classId: filter.classId } : {}) },
    select: {
      id: true,
      dueAt: true,
      dueExtensions: true,
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
  const list = rows.map((a) => {
    const dueAt = dueDateFor(a, ctx.actor.userId);
    const submitted = a.attempts.filter((t) => t.status === "SUBMITTED");
    const best = submitted.reduce<{ score: number; maxScore: number } | null>((b, t) => {
      if (t.score === null || t.maxScore === null) return b;
      return !b || t.score / (t.maxScore || 1) > b.score / (b.maxScore || 1)
        ? { score: t.score, maxScore: t.maxScore }
        : b;
    }, null);
    const state = assignmentState(a, submitted.length);
    const due = dueAt?.getTime();
    return {
      id: a.id,
      title: a.content.title,
      type: a.content.type,
      classId: a.class.id,
      className: a.class.name,
      dueAt,
      state,
      overdue: state !== "COMPLETED" && due !== undefined && due < now,
      dueSoon: state !== "COMPLETED" && due !== undefined && due >= now && due - now < 3 * 24 * 3600 * 1000,
      attemptsUsed: a.attempts.length,
      maxAttempts: a.maxAttempts,
      bestScore: best,
      newGrade: submitted.some((t) => t.resultSeenAt === null),
    };
  });
  // An extension can move an assignment: keep the list in due-date order (undated last).
  return list.sort((x, y) => (x.dueAt?.getTime() ?? Infinity) - (y.dueAt?.getTime() ?? Infinity));
}

/** How many of the acting student's graded attempts have a result they have not opened yet. */
export async function countNewGrades(ctx: ServiceContext): Promise<{ count: number }> {
  const count = await ctx.db.attempt.count({
    where: { studentId: ctx.actor.userId, ...NEW_GRADE, assignment: myAssignmentsWhere(ctx) },
  });
  return { count };
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

// ---------------------------------------------------------------------------------------------
// The student's grades page

const pctOf = (score: number, max: number) => (max > 0 ? Math.round((score / max) * 1000) / 10 : 0);

/**
 * The acting student's grades, class by class: each assignment's state and the result to look at
 * (the one the teacher returned and the student has not opened yet, else the best), with the
 * teacher's feedback on it. Quiz averages use each quiz's best score.
 */
export async function listMyGrades(ctx: ServiceContext) {
  const rows = await ctx.db.assignment.findMany({
    where: myAssignmentsWhere(ctx),
    select: {
      id: true,
      dueAt: true,
      dueExtensions: true,
      createdAt: true,
      class: { select: { id: true, name: true } },
      content: { select: { type: true, title: true } },
      progress: { where: { studentId: ctx.actor.userId }, select: { completedAt: true } },
      attempts: {
        where: { studentId: ctx.actor.userId },
        orderBy: { number: "asc" },
        select: {
          id: true,
          number: true,
          status: true,
          score: true,
          maxScore: true,
          submittedAt: true,
          resultSeenAt: true,
          returnedAt: true,
          feedback: true,
          _count: { select: { answers: { where: { comment: { not: null } } } } },
        },
      },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const classes = new Map<string, { classId: string; className: string; items: GradeItem[] }>();
  for (const a of rows) {
    const submitted = a.attempts.filter((t) => t.status === "SUBMITTED");
    const best = submitted.reduce<(typeof submitted)[number] | null>(
      (b, t) => (!b || pctOf(t.score ?? 0, t.maxScore ?? 0) > pctOf(b.score ?? 0, b.maxScore ?? 0) ? t : b),
      null,
    );
    const returned = submitted.filter((t) => t.returnedAt !== null && t.resultSeenAt === null).at(-1) ?? null;
    const shown = returned ?? best;
    const state = assignmentState(a, submitted.length);
    const item: GradeItem = {
      assignmentId: a.id,
      title: a.content.title,
      type: a.content.type,
      dueAt: dueDateFor(a, ctx.actor.userId),
      state,
      attempt: shown
        ? {
            id: shown.id,
            number: shown.number,
            score: shown.score ?? 0,
            maxScore: shown.maxScore ?? 0,
            percent: pctOf(shown.score ?? 0, shown.maxScore ?? 0),
            submittedAt: shown.submittedAt,
            feedback: shown.feedback,
            comments: shown._count.answers,
            returnedAt: shown.returnedAt,
          }
        : null,
      bestPercent: best ? pctOf(best.score ?? 0, best.maxScore ?? 0) : null,
      /** The teacher returned this result (a changed score, a comment) and the student has not opened it. */
      returned: returned !== null,
      newGrade: submitted.some((t) => t.resultSeenAt === null),
    };
    const group = classes.get(a.class.id) ?? { classId: a.class.id, className: a.class.name, items: [] };
    group.items.push(item);
    classes.set(a.class.id, group);
  }
  return [...classes.values()]
    .sort((x, y) => x.className.localeCompare(y.className))
    .map((c) => {
      const quiz = c.items.flatMap((i) => (i.type === "QUIZ" && i.bestPercent !== null ? [i.bestPercent] : []));
      return {
        ...c,
        items: c.items.sort((x, y) => (x.dueAt?.getTime() ?? Infinity) - (y.dueAt?.getTime() ?? Infinity)),
        quizAverage: quiz.length ? Math.round((quiz.reduce((s, v) => s + v, 0) / quiz.length) * 10) / 10 : null,
        returnedCount: c.items.filter((i) => i.returned).length,
      };
    });
}

interface GradeItem {
  assignmentId: string;
  title: string;
  type: string;
  dueAt: Date | null;
  state: AssignmentState;
  attempt: {
    id: string;
    number: number;
    score: number;
    maxScore: number;
    percent: number;
    submittedAt: Date | null;
    feedback: string | null;
    comments: number;
    returnedAt: Date | null;
  } | null;
  bestPercent: number | null;
  returned: boolean;
  newGrade: boolean;
}
