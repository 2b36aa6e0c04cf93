// What of a teacher's students' activity is the teacher's: a student may be in several teachers'
// classes, so counting every lesson or quiz of a teacher's students would count work done for
// other teachers. These SQL fragments keep the events (and attempts) of the teacher's classes.
import { Prisma } from "@toolboxai/db";
import type { MetricsScope } from "./scope-kind";

type TeacherScope = Extract<MetricsScope, { kind: "teacher" }>;

/** The ids of the assignments of the teacher's classes, as a subquery. */
function teacherAssignments(orgId: string, scope: TeacherScope): Prisma.Sql {
  return Prisma.sql`(SELECT a."id" FROM "Assignment" a
    WHERE a."organizationId" = ${orgId} AND a."classId" = ANY(${scope.classIds}::text[]))`;
}

/**
 * For lesson_completed / quiz_submitted counts: only events whose `metadata.assignmentId` is an
 * assignment of the teacher's classes (empty for the organization). `column` is the metadata column.
 */
export function ofTeacherAssignments(orgId: string, scope: MetricsScope, column = `"metadata"`): Prisma.Sql {
  if (scope.kind === "organization") return Prisma.empty;
  return Prisma.sql`AND (${Prisma.raw(column)} ->> 'assignmentId') IN ${teacherAssignments(orgId, scope)}`;
}

/** For attempts: only those of the teacher's classes' assignments (empty for the organization). */
export function attemptsOfTeacher(orgId: string, scope: MetricsScope, column = `"assignmentId"`): Prisma.Sql {
  if (scope.kind === "organization") return Prisma.empty;
  return Prisma.sql`AND ${Prisma.raw(column)} IN ${teacherAssignments(orgId, scope)}`;
}

/**
 * For an activity feed: events naming a class keep only the teacher's classes; events naming an
 * assignment (and no class) only the teacher's classes' assignments; events naming neither (a
 * sign-in) stay. Empty for the organization. `column` is the metadata column.
 */
export function aboutTeacherClasses(orgId: string, scope: MetricsScope, column = `"metadata"`): Prisma.Sql {
  if (scope.kind === "organization") return Prisma.empty;
  const m = Prisma.raw(column);
  return Prisma.sql`AND (CASE
    WHEN ${m} ->> 'classId' IS NOT NULL THEN (${m} ->> 'classId') = ANY(${scope.classIds}::text[])
    WHEN ${m} ->> 'assignmentId' IS NOT NULL THEN (${m} ->> 'assignmentId') IN ${teacherAssignments(orgId, scope)}
    ELSE true END)`;
}
