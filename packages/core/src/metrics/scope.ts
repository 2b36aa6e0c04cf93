// Whose numbers a caller sees: an admin the whole organization, a teacher the classes they teach
// (their students and their own content). Anyone else is refused.
import type { ServiceContext } from "../context";
import { forbidden } from "../errors";
import type { MetricsScope } from "./scope-kind";

export { type MetricsScope, scopeKeyPart, scopeView } from "./scope-kind";

export async function resolveMetricsScope(ctx: ServiceContext): Promise<MetricsScope> {
  const { role, userId } = ctx.actor;
  if (role === "ADMIN") return { kind: "organization" };
  if (role !== "TEACHER") throw forbidden("Metrics are for teachers and admins.");
  const classes = await ctx.db.class.findMany({
    where: { teacherId: userId, archivedAt: null },
    select: { id: true, enrollments: { select: { studentId: true } } },
    orderBy: { createdAt: "asc" },
  });
  const studentIds = new Set<string>();
  for (const c of classes) for (const e of c.enrollments) studentIds.add(e.studentId);
  return { kind: "teacher", teacherId: userId, classIds: classes.map((c) => c.id), studentIds: [...studentIds] };
}
