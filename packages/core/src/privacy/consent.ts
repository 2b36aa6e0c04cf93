// COPPA parental consent. A student under 13 needs a recorded consent (a ParentalConsent row, not
// revoked) from a linked parent or guardian before AI features and messaging are enabled for them.
//
// The rule, in one place (`stateOf`):
// - age comes from User.birthDate, a calendar date, counted in whole years on today's UTC date;
// - no birth date recorded: consent is not required. The school knows its students' ages and
//   records them (the admin's data-protection page, or an import); the platform does not guess an
//   age, and treating everyone without a date as under 13 would close messaging for every
//   existing student;
// - under 13: the latest consent decides; none is `required`, a standing one `granted`, a
//   withdrawn one `revoked`. Both `required` and `revoked` close the features.
//
// What the gate closes for such a student: sending messages (startThread, reply), being written
// to in a direct conversation by a teacher or an admin (class announcements still reach them, as
// a notice board does: nothing is collected from the child), and every AI feature a student
// triggers (`assertConsent(ctx, id, "ai")`; students start no AI feature today: generation is for
// teachers and admins, and their prompts carry no student's name or email, see
// packages/agents/src/redaction.ts).
import type { Prisma } from "@toolboxai/db";
import type { ConsentFeature, ConsentRow, ConsentState } from "@toolboxai/validators";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { fieldError, forbidden, invalid, notFound } from "../errors";

/** The statement a parent agrees to; stored on every consent row as the record. */
export const CONSENT_STATEMENT =
  "I am the parent or legal guardian of this student. I consent to ToolboxAI collecting and using " +
  "my child's information to provide its AI learning features and messaging with their teachers, " +
  "as described in the organization's privacy notice. I can withdraw this consent at any time.";

/** The age below which a student needs a parent's consent. */
export const CONSENT_AGE = 13;

const FEATURE_NAMES: Record<ConsentFeature, string> = { ai: "AI features need", messaging: "Messaging needs" };

/** The sentence a student sees when `feature` waits for a parent's consent. */
export function consentMessage(feature: ConsentFeature): string {
  return `${FEATURE_NAMES[feature]} a parent's or guardian's consent because you are under ${CONSENT_AGE}. Ask your parent to give it in their ToolboxAI account.`;
}

/** Whole years between `birthDate` (a calendar date, stored at UTC midnight) and `today`. */
export function ageOn(birthDate: Date, today = new Date()): number {
  let age = today.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birthDate.getUTCMonth() ||
    (today.getUTCMonth() === birthDate.getUTCMonth() && today.getUTCDate() < birthDate.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

interface LatestConsent {
  grantedAt: Date;
  revokedAt: Date | null;
}

/** The rule: see the top of this file. `latest` is the student's most recent consent row. */
function stateOf(birthDate: Date | null, latest: LatestConsent | undefined): ConsentState {
  if (!birthDate || ageOn(birthDate) >= CONSENT_AGE) return "not_required";
  if (!latest) return "required";
  return latest.revokedAt ? "revoked" : "granted";
}

export const closesFeatures = (state: ConsentState) => state === "required" || state === "revoked";

const latestConsent = {
  orderBy: [{ grantedAt: "desc" }, { id: "desc" }],
  take: 1,
  select: { grantedAt: true, revokedAt: true, parent: { select: { id: true, name: true } } },
} satisfies Prisma.User$consentsAsChildArgs;

/** Whether `student` needs consent, and whether they have it. */
export async function consentState(
  db: ServiceContext["db"],
  student: { id: string; birthDate: Date | null },
): Promise<ConsentState> {
  if (stateOf(student.birthDate, undefined) === "not_required") return "not_required";
  const latest = await db.parentalConsent.findFirst({
    where: { studentId: student.id },
    orderBy: latestConsent.orderBy,
    select: { grantedAt: true, revokedAt: true },
  });
  return stateOf(student.birthDate, latest ?? undefined);
}

/** FORBIDDEN with a message the student understands when `feature` awaits a parent's consent. */
export async function assertConsent(ctx: ServiceContext, studentId: string, feature: ConsentFeature) {
  const student = await ctx.db.user.findFirst({ where: { id: studentId }, select: { id: true, birthDate: true } });
  if (!student) throw notFound("User");
  if (closesFeatures(await consentState(ctx.db, student))) throw forbidden(consentMessage(feature));
}

/**
 * FORBIDDEN when one of `userIds` is a student whose messaging is closed: a teacher or admin
 * cannot start or continue a direct conversation with them.
 */
export async function assertCanBeMessaged(ctx: ServiceContext, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  const students = await ctx.db.user.findMany({
    where: { id: { in: [...userIds] }, role: "STUDENT", birthDate: { not: null } },
    select: { id: true, name: true, birthDate: true },
  });
  for (const student of students) {
    if (closesFeatures(await consentState(ctx.db, student))) {
      throw forbidden(
        `${student.name} cannot receive messages yet: they are under ${CONSENT_AGE} and a parent or guardian has not given consent.`,
      );
    }
  }
}

async function linkedChild(ctx: ServiceContext, studentId: string) {
  if (ctx.actor.role !== "PARENT") throw forbidden("Only a parent or guardian can give or withdraw consent.");
  const link = await ctx.db.parentStudentLink.findFirst({
    where: { parentId: ctx.actor.userId, studentId, student: { deletedAt: null } },
    select: { student: { select: { id: true, name: true, birthDate: true } } },
  });
  if (!link) throw fieldError("NOT_FOUND", "studentId", "You can give consent only for your linked children.");
  return link.student;
}

/** The signed-in parent's linked children and where each stands. */
export async function myChildrenConsent(ctx: ServiceContext) {
  if (ctx.actor.role !== "PARENT") throw forbidden("Only a parent or guardian has linked children.");
  const links = await ctx.db.parentStudentLink.findMany({
    where: { parentId: ctx.actor.userId, student: { deletedAt: null } },
    orderBy: [{ student: { name: "asc" } }, { studentId: "asc" }],
    select: {
      student: { select: { id: true, name: true, birthDate: true, consentsAsChild: latestConsent } },
    },
  });
  return links.map(({ student }) => {
    const latest = student.consentsAsChild[0];
    const state = stateOf(student.birthDate, latest);
    return {
      studentId: student.id,
      name: student.name,
      age: student.birthDate ? ageOn(student.birthDate) : null,
      state,
      consentedAt: state === "granted" ? (latest?.grantedAt ?? null) : null,
      statement: CONSENT_STATEMENT,
    };
  });
}

/** The signed-in student's own standing. */
export async function myConsent(ctx: ServiceContext) {
  if (ctx.actor.role !== "STUDENT") throw forbidden("Only students have a consent state.");
  const student = await ctx.db.user.findFirst({
    where: { id: ctx.actor.userId },
    select: { id: true, birthDate: true },
  });
  if (!student) throw notFound("User");
  const state = await consentState(ctx.db, student);
  return {
    studentId: student.id,
    state,
    message: closesFeatures(state)
      ? `Messaging and AI features need a parent's or guardian's consent because you are under ${CONSENT_AGE}. Ask your parent to give it in their ToolboxAI account.`
      : null,
  };
}

/** A linked parent gives consent for a child; giving it again while it stands changes nothing. */
export async function grantConsent(ctx: ServiceContext, input: { studentId: string }) {
  const student = await linkedChild(ctx, input.studentId);
  const standing = await ctx.db.parentalConsent.findFirst({
    where: { studentId: student.id, revokedAt: null },
    select: { id: true },
  });
  if (!standing) {
    const consent = await ctx.db.parentalConsent.create({
      data: {
        organizationId: ctx.actor.orgId,
        studentId: student.id,
        parentId: ctx.actor.userId,
        statement: CONSENT_STATEMENT,
      },
      select: { id: true },
    });
    await recordAudit(ctx, {
      action: "consent.granted",
      targetType: "User",
      targetId: student.id,
      metadata: { consentId: consent.id },
    });
  }
  return { studentId: student.id, state: await consentState(ctx.db, student) };
}

/** A linked parent withdraws every standing consent for a child (any linked parent may). */
export async function revokeConsent(ctx: ServiceContext, input: { studentId: string }) {
  const student = await linkedChild(ctx, input.studentId);
  const revoked = await ctx.db.parentalConsent.updateMany({
    where: { studentId: student.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count > 0) {
    await recordAudit(ctx, {
      action: "consent.revoked",
      targetType: "User",
      targetId: student.id,
      metadata: { revoked: revoked.count },
    });
  }
  return { studentId: student.id, state: await consentState(ctx.db, student) };
}

/** For admins: every student with birth date, age, state, and who consented when. */
export async function listConsents(
  ctx: ServiceContext,
  input: { filter?: "all" | "needs_consent" } = {},
): Promise<ConsentRow[]> {
  if (ctx.actor.role !== "ADMIN") throw forbidden("Only admins see consents.");
  const students = await ctx.db.user.findMany({
    where: { role: "STUDENT", deletedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, email: true, birthDate: true, consentsAsChild: latestConsent },
  });
  const rows = students.map((s): ConsentRow => {
    const latest = s.consentsAsChild[0];
    const state = stateOf(s.birthDate, latest);
    return {
      studentId: s.id,
      name: s.name,
      email: s.email,
      birthDate: s.birthDate ? s.birthDate.toISOString().slice(0, 10) : null,
      age: s.birthDate ? ageOn(s.birthDate) : null,
      state,
      consentedBy: latest?.parent ?? null,
      consentedAt: latest?.grantedAt ?? null,
      revokedAt: latest?.revokedAt ?? null,
    };
  });
  return input.filter === "needs_consent" ? rows.filter((r) => closesFeatures(r.state)) : rows;
}

/** For admins: sets (or clears) a student's birth date. */
export async function setBirthDate(ctx: ServiceContext, input: { userId: string; birthDate: string | null }) {
  if (ctx.actor.role !== "ADMIN") throw forbidden("Only admins set birth dates.");
  const user = await ctx.db.user.findFirst({
    where: { id: input.userId, deletedAt: null },
    select: { id: true, role: true },
  });
  if (!user) throw notFound("User");
  if (user.role !== "STUDENT") throw invalid("Birth dates are recorded for students only.");
  const birthDate = input.birthDate ? new Date(`${input.birthDate}T00:00:00.000Z`) : null;
  await ctx.db.user.update({ where: { id: user.id }, data: { birthDate } });
  await recordAudit(ctx, {
    action: "user.birth_date_set",
    targetType: "User",
    targetId: user.id,
    metadata: { cleared: input.birthDate === null },
  });
  return { userId: user.id, birthDate: input.birthDate };
}
