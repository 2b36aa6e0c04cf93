// What each home shows as needing attention, as Google Classroom's "To review" does.
// Teachers: submitted work waiting for their marking, what is due in the next seven days (with how
// many have handed it in), recent submissions and AI drafts waiting to be kept. Students: what is
// due (their own extension wins) and what was returned or newly graded.
// Only the acting teacher's own open classes and own drafts; only the acting student's own work.
import type { Prisma } from "@toolboxai/db";
import type { DueItem, RecentSubmission, StudentDueItem, StudentHome, TeacherHome } from "@toolboxai/validators";
import { listMyAssignments } from "../assignments/student";
import type { ServiceContext } from "../context";

const DAY_MS = 24 * 3600 * 1000;

/** "Due this week" is the next seven days from now: the server cannot know the teacher's calendar week. */
export const DUE_WINDOW_DAYS = 7;
/** Submissions and completions this recent are "recent". */
export const RECENT_DAYS = 7;
/** How many rows each list carries at most; the totals say how many there are in all. */
export const HOME_LIST_LIMIT = 10;

/** The acting teacher's open classes (archived ones need no attention). */
function myOpenClasses(ctx: ServiceContext): Prisma.ClassWhereInput {
  return { teacherId: ctx.actor.userId, archivedAt: null };
}

/** Submitted attempts with a short answer the teacher has not marked (`gradedAt` still null). */
function waitingForReview(ctx: ServiceContext): Prisma.AttemptWhereInput {
  return {
    status: "SUBMITTED",
    assignment: { class: myOpenClasses(ctx), content: { deletedAt: null } },
    student: { deletedAt: null },
    answers: { some: { gradedAt: null, question: { type: "SHORT_ANSWER" } } },
  };
}

async function toReview(ctx: ServiceContext): Promise<TeacherHome["toReview"]> {
  const where = waitingForReview(ctx);
  const [rows, total] = await Promise.all([
    ctx.db.attempt.findMany({
      where,
      select: {
        id: true,
        submittedAt: true,
        questionIds: true,
        student: { select: { id: true, name: true } },
        assignment: {
          select: { id: true, class: { select: { id: true, name: true } }, content: { select: { title: true } } },
        },
        answers: { where: { gradedAt: null, question: { type: "SHORT_ANSWER" } }, select: { questionId: true } },
      },
      // The longest waiting first, as a pile of marking is worked through.
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      take: HOME_LIST_LIMIT,
    }),
    ctx.db.attempt.count({ where }),
  ]);
  return {
    total,
    items: rows.map((a) => {
      const waiting = new Set(a.answers.map((x) => x.questionId));
      return {
        attemptId: a.id,
        assignmentId: a.assignment.id,
        classId: a.assignment.class.id,
        className: a.assignment.class.name,
        studentId: a.student.id,
        studentName: a.student.name,
        title: a.assignment.content.title,
        submittedAt: a.submittedAt ?? new Date(0),
        waiting: a.answers.length,
        firstWaitingQuestionId: a.questionIds.find((id) => waiting.has(id)) ?? a.answers[0]?.questionId ?? "",
      };
    }),
  };
}

async function dueThisWeek(ctx: ServiceContext, now: Date): Promise<DueItem[]> {
  const until = new Date(now.getTime() + DUE_WINDOW_DAYS * DAY_MS);
  const rows = await ctx.db.assignment.findMany({
    where: { class: myOpenClasses(ctx), content: { deletedAt: null }, dueAt: { gte: now, lt: until } },
    select: {
      id: true,
      dueAt: true,
      class: {
        select: {
          id: true,
          name: true,
          enrollments: { where: { student: { deletedAt: null } }, select: { studentId: true } },
        },
      },
      content: { select: { title: true, type: true } },
      attempts: { where: { status: "SUBMITTED" }, select: { studentId: true } },
      progress: { where: { completedAt: { not: null } }, select: { studentId: true } },
    },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });
  return rows.map((a) => {
    const enrolled = new Set(a.class.enrollments.map((e) => e.studentId));
    const handedIn = a.content.type === "QUIZ" ? a.attempts : a.progress;
    return {
      assignmentId: a.id,
      classId: a.class.id,
      className: a.class.name,
      title: a.content.title,
      type: a.content.type,
      dueAt: a.dueAt ?? until,
      // Only students still in the class are counted, so the figure never exceeds the roster.
      submitted: new Set(handedIn.map((h) => h.studentId).filter((id) => enrolled.has(id))).size,
      students: enrolled.size,
    };
  });
}

async function recentSubmissions(ctx: ServiceContext, now: Date): Promise<RecentSubmission[]> {
  const since = new Date(now.getTime() - RECENT_DAYS * DAY_MS);
  const assignment = {
    select: {
      id: true,
      class: { select: { id: true, name: true } },
      content: { select: { title: true, type: true } },
    },
  } as const;
  const inMyClasses = { class: myOpenClasses(ctx), content: { deletedAt: null } };
  const [attempts, completions] = await Promise.all([
    ctx.db.attempt.findMany({
      where: {
        status: "SUBMITTED",
        submittedAt: { gte: since },
        assignment: inMyClasses,
        student: { deletedAt: null },
      },
      select: {
        id: true,
        submittedAt: true,
        score: true,
        maxScore: true,
        student: { select: { id: true, name: true } },
        assignment,
      },
      orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
      take: HOME_LIST_LIMIT,
    }),
    ctx.db.lessonProgress.findMany({
      where: { completedAt: { gte: since }, assignment: inMyClasses, student: { deletedAt: null } },
      select: { completedAt: true, student: { select: { id: true, name: true } }, assignment },
      orderBy: [{ completedAt: "desc" }, { id: "asc" }],
      take: HOME_LIST_LIMIT,
    }),
  ]);
  const all: RecentSubmission[] = [
    ...attempts.map((t) => ({
      attemptId: t.id,
      assignmentId: t.assignment.id,
      classId: t.assignment.class.id,
      className: t.assignment.class.name,
      studentId: t.student.id,
      studentName: t.student.name,
      title: t.assignment.content.title,
      type: t.assignment.content.type,
      submittedAt: t.submittedAt ?? now,
      score: t.score,
      maxScore: t.maxScore,
    })),
    ...completions.map((p) => ({
      attemptId: null,
      assignmentId: p.assignment.id,
      classId: p.assignment.class.id,
      className: p.assignment.class.name,
      studentId: p.student.id,
      studentName: p.student.name,
      title: p.assignment.content.title,
      type: p.assignment.content.type,
      submittedAt: p.completedAt ?? now,
      score: null,
      maxScore: null,
    })),
  ];
  return all.sort((x, y) => y.submittedAt.getTime() - x.submittedAt.getTime()).slice(0, HOME_LIST_LIMIT);
}

async function waitingDrafts(ctx: ServiceContext): Promise<TeacherHome["drafts"]> {
  const where: Prisma.ContentItemWhereInput = { authorId: ctx.actor.userId, status: "GENERATED", deletedAt: null };
  const [rows, total] = await Promise.all([
    ctx.db.contentItem.findMany({
      where,
      select: { id: true, title: true, type: true, agentTaskId: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: HOME_LIST_LIMIT,
    }),
    ctx.db.contentItem.count({ where }),
  ]);
  return {
    total,
    items: rows.map((c) => ({
      contentId: c.id,
      title: c.title,
      type: c.type,
      taskId: c.agentTaskId,
      createdAt: c.createdAt,
    })),
  };
}

/** The acting teacher's home: what needs their attention across their open classes. */
export async function teacherHome(ctx: ServiceContext, now: Date = new Date()): Promise<TeacherHome> {
  const [review, due, recent, drafts] = await Promise.all([
    toReview(ctx),
    dueThisWeek(ctx, now),
    recentSubmissions(ctx, now),
    waitingDrafts(ctx),
  ]);
  return { toReview: review, dueThisWeek: due, recentSubmissions: recent, drafts };
}

// ---------------------------------------------------------------------------------------------
// Students

/**
 * The acting student's home: open work with a due date, soonest first (overdue first of all), and
 * results the teacher returned or that are new to them, newest first.
 */
export async function studentHome(ctx: ServiceContext, now: Date = new Date()): Promise<StudentHome> {
  const [assignments, attempts] = await Promise.all([
    listMyAssignments(ctx),
    ctx.db.attempt.findMany({
      where: {
        studentId: ctx.actor.userId,
        status: "SUBMITTED",
        assignment: { class: { archivedAt: null }, content: { deletedAt: null } },
        OR: [{ returnedAt: { not: null } }, { resultSeenAt: null }],
      },
      select: {
        id: true,
        score: true,
        maxScore: true,
        submittedAt: true,
        returnedAt: true,
        resultSeenAt: true,
        feedback: true,
        answers: { where: { comment: { not: null } }, select: { id: true }, take: 1 },
        assignment: {
          select: { id: true, class: { select: { id: true, name: true } }, content: { select: { title: true } } },
        },
      },
      orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
      take: 50,
    }),
  ]);
  // listMyAssignments already resolved the student's own due date and keeps only their classes.
  const enrolledIn = new Set(assignments.map((a) => a.id));
  const due = assignments.flatMap((a): StudentDueItem[] =>
    a.state === "COMPLETED" || !a.dueAt
      ? []
      : [
          {
            assignmentId: a.id,
            classId: a.classId,
            className: a.className,
            title: a.title,
            type: a.type,
            dueAt: a.dueAt,
            overdue: a.dueAt.getTime() < now.getTime(),
            state: a.state,
          },
        ],
  );
  due.sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime());
  const returned = attempts
    .filter((t) => enrolledIn.has(t.assignment.id))
    .map((t) => {
      const at = t.returnedAt ?? t.submittedAt ?? now;
      return {
        attemptId: t.id,
        assignmentId: t.assignment.id,
        classId: t.assignment.class.id,
        className: t.assignment.class.name,
        title: t.assignment.content.title,
        score: t.score,
        maxScore: t.maxScore,
        at,
        returned: t.returnedAt !== null,
        // A result opened before the teacher returned it is new again.
        isNew: t.resultSeenAt === null || (t.returnedAt !== null && t.resultSeenAt < t.returnedAt),
        hasFeedback: Boolean(t.feedback?.trim()) || t.answers.length > 0,
      };
    })
    .sort((x, y) => y.at.getTime() - x.at.getTime())
    .slice(0, HOME_LIST_LIMIT);
  return { due, returned };
}
