// Classes: a teacher's classes with join codes and rosters; students join with a code.
import { randomInt } from "node:crypto";
import type { Prisma } from "@toolboxai/db";
import { type ClassInput, JOIN_CODE_ALPHABET } from "@toolboxai/validators";
import { listMyAssignments } from "../assignments/student";
import { recordActivity, recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { fieldError, forbidden, invalid, isPrismaError, notFound } from "../errors";
import { publishDashboardChanged } from "../realtime/events";

const classView = {
  id: true,
  name: true,
  subject: true,
  gradeLevel: true,
  joinCode: true,
  archivedAt: true,
  createdAt: true,
  teacherId: true,
  teacher: { select: { name: true } },
  _count: { select: { enrollments: true } },
} satisfies Prisma.ClassSelect;

type ClassRow = Prisma.ClassGetPayload<{ select: typeof classView }>;

function toView(row: ClassRow, opts: { showCode: boolean }) {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    gradeLevel: row.gradeLevel,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
    teacherId: row.teacherId,
    teacherName: row.teacher.name,
    studentCount: row._count.enrollments,
    // Students never see the code: it is how new people get in.
    joinCode: opts.showCode ? row.joinCode : null,
  };
}
export type ClassView = ReturnType<typeof toView>;

export function generateJoinCode(): string {
  let code = "";
  for (let i = 0; i < 6; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Retries on the rare join-code collision (codes are unique across all organizations). */
async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(generateJoinCode());
    } catch (error) {
      if (!isPrismaError(error, "P2002") || attempt >= 5) throw error;
    }
  }
}

/** Which classes the actor may see: a teacher their own, an admin all, a student those they are enrolled in. */
function visibleWhere(ctx: ServiceContext): Prisma.ClassWhereInput {
  switch (ctx.actor.role) {
    case "ADMIN":
      return {};
    case "TEACHER":
      return { teacherId: ctx.actor.userId };
    case "STUDENT":
      return { enrollments: { some: { studentId: ctx.actor.userId } }, archivedAt: null };
    default:
      return { id: { in: [] } };
  }
}

const canManage = (ctx: ServiceContext) => ctx.actor.role === "ADMIN" || ctx.actor.role === "TEACHER";

/** The class if the actor may manage it (its teacher or an admin); NOT_FOUND otherwise. */
async function managedClass(ctx: ServiceContext, classId: string) {
  const row = await ctx.db.class.findFirst({ where: { id: classId, ...visibleWhere(ctx) }, select: classView });
  if (!row || !canManage(ctx)) throw notFound("Class");
  return row;
}

/** Audits a change when an admin acts on another teacher's class. */
async function auditIfNotOwner(
  ctx: ServiceContext,
  row: ClassRow,
  action: string,
  metadata: Prisma.InputJsonObject = {},
) {
  if (row.teacherId !== ctx.actor.userId) {
    await recordAudit(ctx, {
      action,
      targetType: "Class",
      targetId: row.id,
      metadata: { teacherId: row.teacherId, ...metadata },
    });
  }
}

export async function listClasses(ctx: ServiceContext, input: { includeArchived: boolean }) {
  const rows = await ctx.db.class.findMany({
    where: { ...visibleWhere(ctx), ...(input.includeArchived ? {} : { archivedAt: null }) },
    select: classView,
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => toView(r, { showCode: canManage(ctx) }));
}

export async function getClass(ctx: ServiceContext, classId: string) {
  const row = await ctx.db.class.findFirst({ where: { id: classId, ...visibleWhere(ctx) }, select: classView });
  if (!row) throw notFound("Class");
  const manage = canManage(ctx);
  const roster = manage
    ? (
        await ctx.db.enrollment.findMany({
          where: { classId },
          select: { createdAt: true, student: { select: { id: true, name: true, email: true, active: true } } },
          orderBy: { student: { name: "asc" } },
        })
      ).map((e) => ({ ...e.student, joinedAt: e.createdAt }))
    : null;
  return { ...toView(row, { showCode: manage }), roster };
}

/**
 * A class as one of its students sees it, with their own assignments in it. Only for a student
 * enrolled in the (open) class: other roles are FORBIDDEN, anyone else gets NOT_FOUND.
 */
export async function getClassForStudent(ctx: ServiceContext, classId: string) {
  if (ctx.actor.role !== "STUDENT") {
    throw forbidden("This is the students' view of a class.");
  }
  // getClass shows a student only the open classes they are enrolled in (visibleWhere).
  const { roster: _roster, ...view } = await getClass(ctx, classId);
  return { ...view, assignments: await listMyAssignments(ctx, { classId }) };
}

export async function createClass(ctx: ServiceContext, input: ClassInput) {
  const row = await withFreshCode((joinCode) =>
    ctx.db.class.create({
      data: { ...input, joinCode, organizationId: ctx.actor.orgId, teacherId: ctx.actor.userId },
      select: classView,
    }),
  );
  await recordActivity(ctx, "class_created", { classId: row.id });
  return toView(row, { showCode: true });
}

export async function updateClass(ctx: ServiceContext, input: ClassInput & { classId: string }) {
  const before = await managedClass(ctx, input.classId);
  const { classId, ...data } = input;
  const row = await ctx.db.class.update({ where: { id: classId }, data, select: classView });
  await auditIfNotOwner(ctx, before, "class.updated", { from: { name: before.name }, to: { name: row.name } });
  return toView(row, { showCode: true });
}

export async function setClassArchived(ctx: ServiceContext, input: { classId: string; archived: boolean }) {
  const before = await managedClass(ctx, input.classId);
  const row = await ctx.db.class.update({
    where: { id: input.classId },
    data: { archivedAt: input.archived ? new Date() : null },
    select: classView,
  });
  await auditIfNotOwner(ctx, before, input.archived ? "class.archived" : "class.unarchived");
  await recordActivity(ctx, input.archived ? "class_archived" : "class_unarchived", { classId: row.id });
  return toView(row, { showCode: true });
}

export async function regenerateJoinCode(ctx: ServiceContext, classId: string) {
  const before = await managedClass(ctx, classId);
  const row = await withFreshCode((joinCode) =>
    ctx.db.class.update({ where: { id: classId }, data: { joinCode }, select: classView }),
  );
  await auditIfNotOwner(ctx, before, "class.join_code_regenerated");
  return toView(row, { showCode: true });
}

export async function joinClass(ctx: ServiceContext, code: string) {
  const row = await ctx.db.class.findFirst({ where: { joinCode: code, archivedAt: null }, select: classView });
  if (!row) throw fieldError("NOT_FOUND", "code", "No open class has that code. Check it with your teacher.");
  const where = { classId_studentId: { classId: row.id, studentId: ctx.actor.userId } };
  const alreadyEnrolled = (await ctx.db.enrollment.findUnique({ where, select: { id: true } })) !== null;
  await ctx.db.enrollment.upsert({
    where,
    update: {},
    create: { organizationId: ctx.actor.orgId, classId: row.id, studentId: ctx.actor.userId },
  });
  await recordActivity(ctx, "class_joined", { classId: row.id });
  publishDashboardChanged(ctx, "enrollments");
  return { ...toView(row, { showCode: false }), alreadyEnrolled };
}

async function activeStudent(ctx: ServiceContext, studentId: string) {
  const student = await ctx.db.user.findFirst({
    where: { id: studentId, role: "STUDENT", active: true, deletedAt: null },
    select: { id: true, name: true },
  });
  if (!student) throw notFound("Student");
  return student;
}

export async function addStudent(ctx: ServiceContext, input: { classId: string; studentId: string }) {
  const row = await managedClass(ctx, input.classId);
  if (row.archivedAt) throw invalid("Unarchive the class to change its roster.");
  const student = await activeStudent(ctx, input.studentId);
  await ctx.db.enrollment.upsert({
    where: { classId_studentId: { classId: row.id, studentId: student.id } },
    update: {},
    create: { organizationId: ctx.actor.orgId, classId: row.id, studentId: student.id },
  });
  await recordAudit(ctx, {
    action: "class.student_added",
    targetType: "User",
    targetId: student.id,
    metadata: { classId: row.id },
  });
  publishDashboardChanged(ctx, "enrollments");
  return getClass(ctx, row.id);
}

export async function removeStudent(ctx: ServiceContext, input: { classId: string; studentId: string }) {
  const row = await managedClass(ctx, input.classId);
  const removed = await ctx.db.enrollment.deleteMany({ where: { classId: row.id, studentId: input.studentId } });
  if (removed.count === 0) throw notFound("Student in this class");
  await recordAudit(ctx, {
    action: "class.student_removed",
    targetType: "User",
    targetId: input.studentId,
    metadata: { classId: row.id },
  });
  publishDashboardChanged(ctx, "enrollments");
  return getClass(ctx, row.id);
}

/** Students of the organization not yet in the class, for the teacher's "Add student" picker. */
export async function availableStudents(ctx: ServiceContext, input: { classId: string; search?: string | undefined }) {
  await managedClass(ctx, input.classId);
  return ctx.db.user.findMany({
    where: {
      role: "STUDENT",
      active: true,
      deletedAt: null,
      enrollments: { none: { classId: input.classId } },
      ...(input.search
        ? {
            OR: [
              { name: { contains: input.search, mode: "insensitive" } },
              { email: { contains: input.search, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 50,
  });
}
