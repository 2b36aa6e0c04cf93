// Bulk actions on the people an admin selected: deactivate, change role, link to a parent. Every
// id must be a person of the admin's organization, or nothing happens (NOT_FOUND: another school's
// people are neither touched nor revealed). Each person is then changed on their own, through the
// same service as the one-person action (its rules: not yourself, never the last active admin; its
// audit row; its sessions ended), so one refusal does not stop the others: the answer says, per
// person, whether it was done and why not.
import type { Role } from "@toolboxai/db";
import type { BulkUserResult, BulkUsersResult } from "@toolboxai/validators";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { fieldError, isDomainError, notFound } from "../errors";
import { publishDashboardChanged } from "../realtime/events";
import { changeUserRole, setUserActive } from "./users";

interface Person {
  id: string;
  name: string;
  role: Role;
}

/**
 * The people of `ids` (each once, in the order asked), all of the admin's organization; refuses
 * the whole request when any is not (unknown, deleted or another school's).
 */
async function peopleOf(ctx: ServiceContext, ids: readonly string[], field: string): Promise<Person[]> {
  const unique = [...new Set(ids)];
  const rows = await ctx.db.user.findMany({
    where: { id: { in: unique }, deletedAt: null },
    select: { id: true, name: true, role: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw fieldError(
      "NOT_FOUND",
      field,
      missing.length === 1
        ? "One of the chosen people is not in your organization. Nothing was changed."
        : `${missing.length} of the chosen people are not in your organization. Nothing was changed.`,
    );
  }
  return unique.map((id) => byId.get(id) as Person);
}

/** Runs `act` for each person; a domain refusal becomes that person's error, anything else throws. */
async function eachPerson(people: Person[], act: (person: Person) => Promise<void>): Promise<BulkUsersResult> {
  const results: BulkUserResult[] = [];
  for (const person of people) {
    try {
      await act(person);
      results.push({ userId: person.id, name: person.name, ok: true });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      results.push({ userId: person.id, name: person.name, ok: false, error: error.message });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

/** Deactivates each person (signed out at once; audited "user.deactivated" each). */
export async function bulkDeactivate(ctx: ServiceContext, input: { userIds: string[] }): Promise<BulkUsersResult> {
  const people = await peopleOf(ctx, input.userIds, "userIds");
  return eachPerson(people, async (person) => {
    await setUserActive(ctx, { userId: person.id, active: false });
  });
}

/** Gives each person `role` (audited "user.role_changed" each; someone already in it is left as is). */
export async function bulkChangeRole(
  ctx: ServiceContext,
  input: { userIds: string[]; role: Role },
): Promise<BulkUsersResult> {
  const people = await peopleOf(ctx, input.userIds, "userIds");
  return eachPerson(people, async (person) => {
    await changeUserRole(ctx, { userId: person.id, role: input.role });
  });
}

/**
 * Links each student to the parent (someone already linked stays linked and counts as done); a
 * chosen person who is not a student is refused on their own. Audited "user.parent_linked" once,
 * on the parent, with the students newly linked.
 */
export async function bulkLinkParent(
  ctx: ServiceContext,
  input: { parentId: string; studentIds: string[] },
): Promise<BulkUsersResult> {
  const parent = await ctx.db.user.findFirst({
    where: { id: input.parentId, deletedAt: null },
    select: { id: true, role: true },
  });
  if (!parent) throw notFound("User");
  if (parent.role !== "PARENT")
    throw fieldError("INVALID", "parentId", "Only a parent account can be linked to a child.");
  const people = await peopleOf(ctx, input.studentIds, "studentIds");
  const students = people.filter((p) => p.role === "STUDENT").map((p) => p.id);
  const already = new Set(
    (
      await ctx.db.parentStudentLink.findMany({
        where: { parentId: parent.id, studentId: { in: students } },
        select: { studentId: true },
      })
    ).map((l) => l.studentId),
  );
  const fresh = students.filter((id) => !already.has(id));
  if (fresh.length > 0) {
    await ctx.db.parentStudentLink.createMany({
      data: fresh.map((studentId) => ({ organizationId: ctx.actor.orgId, parentId: parent.id, studentId })),
      skipDuplicates: true,
    });
    await recordAudit(ctx, {
      action: "user.parent_linked",
      targetType: "User",
      targetId: parent.id,
      metadata: { studentIds: fresh, bulk: true },
    });
    publishDashboardChanged(ctx, "users");
  }
  return eachPerson(people, async (person) => {
    if (person.role !== "STUDENT")
      throw fieldError("INVALID", "studentIds", `${person.name} is not a student: only students can be linked.`);
  });
}
