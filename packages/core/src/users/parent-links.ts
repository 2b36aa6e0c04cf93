// Parent ↔ child links, managed by admins: a parent may hold several children, a child several
// parents. Both people must belong to the admin's organization (the scoped client answers
// NOT_FOUND for anyone else). A link lets the parent see the child's progress and message the
// teachers of the child's classes.
import type { Prisma } from "@toolboxai/db";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { fieldError, notFound } from "../errors";
import { publishDashboardChanged } from "../realtime/events";

const childView = { id: true, name: true, email: true } satisfies Prisma.UserSelect;

async function findParent(ctx: ServiceContext, parentId: string) {
  const parent = await ctx.db.user.findFirst({
    where: { id: parentId, deletedAt: null },
    select: { id: true, role: true },
  });
  if (!parent) throw notFound("User");
  if (parent.role !== "PARENT")
    throw fieldError("INVALID", "parentId", "Only a parent account can be linked to a child.");
  return parent;
}

/** The children linked to a parent, by name. */
export async function parentLinks(ctx: ServiceContext, input: { parentId: string }) {
  await findParent(ctx, input.parentId);
  const links = await ctx.db.parentStudentLink.findMany({
    where: { parentId: input.parentId, student: { deletedAt: null } },
    orderBy: [{ student: { name: "asc" } }, { studentId: "asc" }],
    select: { student: { select: childView } },
  });
  return { parentId: input.parentId, children: links.map((l) => l.student) };
}

/** Links a parent to one or more students; linking an existing pair again changes nothing. */
export async function linkParent(ctx: ServiceContext, input: { parentId: string; studentIds: string[] }) {
  await findParent(ctx, input.parentId);
  const studentIds = [...new Set(input.studentIds)];
  const students = await ctx.db.user.findMany({
    where: { id: { in: studentIds }, role: "STUDENT", deletedAt: null },
    select: { id: true },
  });
  if (students.length !== studentIds.length) {
    throw fieldError("NOT_FOUND", "studentIds", "Choose students of your organization.");
  }
  const created = await ctx.db.parentStudentLink.createMany({
    data: studentIds.map((studentId) => ({ organizationId: ctx.actor.orgId, parentId: input.parentId, studentId })),
    skipDuplicates: true,
  });
  if (created.count > 0) {
    await recordAudit(ctx, {
      action: "user.parent_linked",
      targetType: "User",
      targetId: input.parentId,
      metadata: { studentIds },
    });
    publishDashboardChanged(ctx, "users");
  }
  return parentLinks(ctx, { parentId: input.parentId });
}

/** Removes the link between a parent and one student; NOT_FOUND when they are not linked. */
export async function unlinkParent(ctx: ServiceContext, input: { parentId: string; studentId: string }) {
  await findParent(ctx, input.parentId);
  const removed = await ctx.db.parentStudentLink.deleteMany({
    where: { parentId: input.parentId, studentId: input.studentId },
  });
  if (removed.count === 0) throw notFound("Link");
  await recordAudit(ctx, {
    action: "user.parent_unlinked",
    targetType: "User",
    targetId: input.parentId,
    metadata: { studentId: input.studentId },
  });
  publishDashboardChanged(ctx, "users");
  return parentLinks(ctx, { parentId: input.parentId });
}
