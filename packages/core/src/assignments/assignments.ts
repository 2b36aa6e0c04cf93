// Assignments: a teacher assigns published content to a class, edits, extends and unassigns it.
// Students: ./student.ts (their list, lessons) and ./attempts.ts (quizzes). Was: students read lessons (progress
// per section) and take quizzes (attempts with autosave, server-enforced limits, auto-grading).
// A student never receives an answer key the teacher chose to hide: results are built here.
import type { Prisma } from "@toolboxai/db";
import type {
  createAssignmentSchema,
  extendDueDateSchema,
  unassignSchema,
  updateAssignmentSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { recordActivity } from "../audit/audit";
import { visibleContentWhere } from "../content/content-access";
import type { ServiceContext } from "../context";
import { conflict, fieldError, invalid, isPrismaError, notFound } from "../errors";
import { publishDashboardChanged } from "../realtime/events";

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

/** A due date that has already passed is refused unless the teacher confirmed it. */
function checkDue(dueAt: Date | null | undefined, confirmPastDue: boolean) {
  if (dueAt && dueAt.getTime() < Date.now() && !confirmPastDue) {
    throw fieldError("INVALID", "dueAt", "This due date has already passed. Confirm to use it anyway.");
  }
}

/** Per-student due dates (ISO strings by student id), as stored on the assignment. */
function extensionsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/** The due date that holds for one student: their own extension, else the assignment's. */
export function dueDateFor(a: { dueAt: Date | null; dueExtensions: unknown }, studentId: string): Date | null {
  const own = extensionsOf(a.dueExtensions)[studentId];
  return own ? new Date(own) : a.dueAt;
}

/** An assignment of a class the acting teacher manages (any class of the organization for an admin). */
async function managedAssignment(ctx: ServiceContext, assignmentId: string) {
  const a = await ctx.db.assignment.findFirst({
    where: {
      id: assignmentId,
      ...(ctx.actor.role === "ADMIN" ? {} : { class: { teacherId: ctx.actor.userId } }),
    },
    select: {
      id: true,
      classId: true,
      dueExtensions: true,
      content: { select: { type: true, title: true } },
    },
  });
  if (!a) throw notFound("Assignment");
  return a;
}

const teacherAssignmentSelect = {
  id: true,
  dueAt: true,
  maxAttempts: true,
  showCorrectAnswers: true,
  dueExtensions: true,
  createdAt: true,
  content: { select: { id: true, title: true, type: true } },
  _count: { select: { attempts: true, progress: true } },
} satisfies Prisma.AssignmentSelect;

function teacherAssignmentView(row: Prisma.AssignmentGetPayload<{ select: typeof teacherAssignmentSelect }>) {
  const { dueExtensions, _count, ...rest } = row;
  return {
    ...rest,
    /** Students with a due date of their own. */
    extensions: Object.entries(extensionsOf(dueExtensions)).map(([studentId, dueAt]) => ({
      studentId,
      dueAt: new Date(dueAt),
    })),
    /** Attempts and lesson progress that unassigning would delete. */
    studentWork: _count.attempts + _count.progress,
  };
}

export async function updateAssignment(ctx: ServiceContext, input: z.output<typeof updateAssignmentSchema>) {
  const a = await managedAssignment(ctx, input.assignmentId);
  checkDue(input.dueAt, input.confirmPastDue);
  const row = await ctx.db.assignment.update({
    where: { id: a.id },
    data: {
      ...(input.dueAt !== undefined ? { dueAt: input.dueAt } : {}),
      ...(input.maxAttempts !== undefined && a.content.type === "QUIZ" ? { maxAttempts: input.maxAttempts } : {}),
      ...(input.showCorrectAnswers !== undefined ? { showCorrectAnswers: input.showCorrectAnswers } : {}),
    },
    select: teacherAssignmentSelect,
  });
  await recordActivity(ctx, "assignment_updated", { assignmentId: a.id, classId: a.classId });
  publishDashboardChanged(ctx, "submissions");
  return teacherAssignmentView(row);
}

/** Gives one enrolled student a due date of their own (or, with `null`, takes it away). */
export async function extendDueDate(ctx: ServiceContext, input: z.output<typeof extendDueDateSchema>) {
  const a = await managedAssignment(ctx, input.assignmentId);
  const enrolled = await ctx.db.enrollment.findFirst({
    where: { classId: a.classId, studentId: input.studentId },
    select: { id: true },
  });
  if (!enrolled) throw fieldError("NOT_FOUND", "studentId", "That student is not in this class.");
  checkDue(input.dueAt, input.confirmPastDue);
  const extensions = extensionsOf(a.dueExtensions);
  if (input.dueAt) extensions[input.studentId] = input.dueAt.toISOString();
  else delete extensions[input.studentId];
  const row = await ctx.db.assignment.update({
    where: { id: a.id },
    data: { dueExtensions: extensions },
    select: teacherAssignmentSelect,
  });
  await recordActivity(ctx, "assignment_extended", {
    assignmentId: a.id,
    studentId: input.studentId,
    dueAt: input.dueAt?.toISOString() ?? null,
  });
  return teacherAssignmentView(row);
}

/**
 * Removes the assignment from the class with its students' attempts and lesson progress. When
 * students have work in it, the request must carry the number of records the teacher was shown
 * and confirmed, so nothing is deleted that the teacher did not agree to.
 */
export async function unassign(ctx: ServiceContext, input: z.output<typeof unassignSchema>) {
  const a = await managedAssignment(ctx, input.assignmentId);
  const [attempts, progress] = await Promise.all([
    ctx.db.attempt.count({ where: { assignmentId: a.id } }),
    ctx.db.lessonProgress.count({ where: { assignmentId: a.id } }),
  ]);
  const work = attempts + progress;
  if (work > 0 && input.confirmDeletedWork !== work) {
    throw conflict(
      `Students have ${work} ${work === 1 ? "piece" : "pieces"} of work in "${a.content.title}". Confirm to delete ${work === 1 ? "it" : "them"} with the assignment.`,
    );
  }
  await ctx.db.assignment.delete({ where: { id: a.id } });
  await recordActivity(ctx, "assignment_deleted", { assignmentId: a.id, classId: a.classId, deletedWork: work });
  publishDashboardChanged(ctx, "submissions");
  return { assignmentId: a.id, deletedWork: work };
}

export async function createAssignment(ctx: ServiceContext, input: z.output<typeof createAssignmentSchema>) {
  const cls = await managedClass(ctx, input.classId);
  if (cls.archivedAt) throw invalid("Unarchive the class to assign work.");
  checkDue(input.dueAt, input.confirmPastDue);
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
    select: teacherAssignmentSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(teacherAssignmentView);
}
