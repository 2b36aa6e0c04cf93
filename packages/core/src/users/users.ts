// Organization user management for admins: list, create, edit, change role, deactivate,
// reactivate, delete, and password reset links.
import { randomInt } from "node:crypto";
import type { Role } from "@toolboxai/db";
import { hashPassword, type Prisma } from "@toolboxai/db";
import type {
  createUserSchema,
  ResetLink,
  UserView,
  updateUserSchema,
  userListInputSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { cancelTasksOfDeletedUser } from "../agents/tasks";
import { recordAudit } from "../audit/audit";
import { createResetToken, resetMail, resetUrl, retireResetTokens } from "../auth/password-reset";
import type { ServiceContext } from "../context";
import { fieldError, invalid, isPrismaError, notFound, preconditionFailed } from "../errors";
import { type MailSettings, mailSettings } from "../mail/mailer";
import { rollUpUserCreated, rollUpUserDeleted } from "../metrics/rollups";
import { assertAllowedEmail } from "../organization/settings";
import { publishDashboardChanged } from "../realtime/events";
import { processRevocations } from "../sessions/revocations";
import { endUserSessions } from "../sessions/sessions";

const userView = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lastSignInAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export async function listUsers(ctx: ServiceContext, input: z.output<typeof userListInputSchema>) {
  const where: Prisma.UserWhereInput = {
    deletedAt: null,
    ...(input.role ? { role: input.role } : {}),
    ...(input.status === "active" ? { active: true } : input.status === "deactivated" ? { active: false } : {}),
    ...(input.search
      ? {
          OR: [
            { name: { contains: input.search, mode: "insensitive" } },
            { email: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, items] = await Promise.all([
    ctx.db.user.count({ where }),
    ctx.db.user.findMany({
      where,
      select: userView,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  return {
    items: items satisfies UserView[],
    total,
    page: input.page,
    pageSize: input.pageSize,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A readable temporary password (no 0/O, 1/l/I) with at least one digit. */
export function temporaryPassword(length = 14): string {
  let out = "";
  while (out.length < length) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return /\d/.test(out) ? out : `${out.slice(0, -1)}${randomInt(2, 10)}`;
}

export async function createUser(ctx: ServiceContext, input: z.output<typeof createUserSchema>) {
  await assertAllowedEmail({ db: ctx.db, orgId: ctx.actor.orgId }, input.email);
  const generated = input.password ? null : temporaryPassword();
  const passwordHash = await hashPassword(input.password || (generated as string));
  let user: UserView;
  try {
    user = await ctx.db.user.create({
      data: {
        organizationId: ctx.actor.orgId,
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash,
      },
      select: userView,
    });
  } catch (error) {
    if (isPrismaError(error, "P2002"))
      throw fieldError("CONFLICT", "email", "An account with this email already exists.");
    throw error;
  }
  await recordAudit(ctx, {
    action: "user.created",
    targetType: "User",
    targetId: user.id,
    metadata: { email: user.email, role: user.role, passwordGenerated: generated !== null },
  });
  publishDashboardChanged(ctx, "users");
  await rollUpUserCreated(ctx, user.id);
  return { user, temporaryPassword: generated };
}

async function findUser(ctx: ServiceContext, userId: string) {
  const user = await ctx.db.user.findFirst({ where: { id: userId, deletedAt: null }, select: userView });
  if (!user) throw notFound("User");
  return user;
}

function refuseSelf(ctx: ServiceContext, userId: string, message: string) {
  if (userId === ctx.actor.userId) throw invalid(message);
}

type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];

/**
 * The last-admin guard: a school always keeps one active admin. Taken inside the transaction that
 * demotes, deactivates or deletes `userId`, behind a per-organization advisory lock, so two admins
 * removing each other at the same moment are serialized and the second one is refused (it counts
 * after the first has committed). Reads the person again under the lock.
 */
async function keepAnAdmin(ctx: ServiceContext, tx: Tx, userId: string, refusal: (name: string) => string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('toolboxai.org-admins'), hashtext(${ctx.actor.orgId}))`;
  const user = await tx.user.findFirst({ where: { id: userId, deletedAt: null }, select: userView });
  if (!user) throw notFound("User");
  if (user.role !== "ADMIN" || !user.active) return user;
  const otherAdmins = await tx.user.count({
    where: { role: "ADMIN", active: true, deletedAt: null, id: { not: userId } },
  });
  if (otherAdmins === 0) throw preconditionFailed(refusal(user.name));
  return user;
}

const lastAdmin = (name: string) => `${name} is the last admin of your school. Make someone else an admin first.`;

export async function changeUserRole(ctx: ServiceContext, input: { userId: string; role: Role }) {
  refuseSelf(ctx, input.userId, "You can't change your own role. Ask another admin.");
  const before = await findUser(ctx, input.userId);
  if (before.role === input.role) return before;
  const user = await ctx.db.$transaction(async (tx) => {
    if (input.role !== "ADMIN") await keepAnAdmin(ctx, tx, input.userId, lastAdmin);
    return tx.user.update({ where: { id: input.userId }, data: { role: input.role }, select: userView });
  });
  await recordAudit(ctx, {
    action: "user.role_changed",
    targetType: "User",
    targetId: user.id,
    metadata: { from: before.role, to: user.role },
  });
  publishDashboardChanged(ctx, "users");
  return user;
}

export async function setUserActive(ctx: ServiceContext, input: { userId: string; active: boolean }) {
  if (!input.active) refuseSelf(ctx, input.userId, "You can't deactivate your own account.");
  const before = await findUser(ctx, input.userId);
  if (before.active === input.active) return before;
  if (input.active) {
    // An erasure in its grace period is undone on the Data protection page, which also stops the purge.
    const pending = await ctx.db.erasureRequest.findFirst({
      where: { subjectId: input.userId, status: "PENDING" },
      select: { id: true },
    });
    if (pending) {
      throw preconditionFailed(`${before.name}'s erasure is pending. Undo it on the Data protection page instead.`);
    }
  }
  const user = await ctx.db.$transaction(async (tx) => {
    if (!input.active) {
      await keepAnAdmin(ctx, tx, input.userId, lastAdmin);
      // Reactivation must not revive a link made before the deactivation.
      await retireResetTokens(tx, input.userId);
    }
    return tx.user.update({ where: { id: input.userId }, data: { active: input.active }, select: userView });
  });
  // Deactivation ends every session; reactivation revives none (the person signs in again).
  const sessionsEnded = input.active ? 0 : await endUserSessions(ctx, user.id, { reason: "deactivated" });
  await recordAudit(ctx, {
    action: input.active ? "user.reactivated" : "user.deactivated",
    targetType: "User",
    targetId: user.id,
    ...(input.active ? {} : { metadata: { sessionsEnded } }),
  });
  publishDashboardChanged(ctx, "users");
  return user;
}

export async function updateUser(ctx: ServiceContext, input: z.output<typeof updateUserSchema>): Promise<UserView> {
  const before = await findUser(ctx, input.userId);
  if (before.name === input.name && before.email === input.email) return before;
  if (before.email !== input.email) await assertAllowedEmail({ db: ctx.db, orgId: ctx.actor.orgId }, input.email);
  let user: UserView;
  try {
    user = await ctx.db.$transaction(async (tx) => {
      // A link mailed to the old address must not outlive the change of address.
      if (before.email !== input.email) await retireResetTokens(tx, input.userId);
      return tx.user.update({
        where: { id: input.userId },
        data: { name: input.name, email: input.email },
        select: userView,
      });
    });
  } catch (error) {
    if (isPrismaError(error, "P2002"))
      throw fieldError("CONFLICT", "email", "Another account in your school already uses this email.");
    throw error;
  }
  const changes: Record<string, { from: string; to: string }> = {};
  if (before.name !== user.name) changes.name = { from: before.name, to: user.name };
  if (before.email !== user.email) changes.email = { from: before.email, to: user.email };
  await recordAudit(ctx, { action: "user.updated", targetType: "User", targetId: user.id, metadata: changes });
  publishDashboardChanged(ctx, "users");
  return user;
}

/** The address a deleted account keeps, so its own address is free for a new account. */
function retiredEmail(userId: string): string {
  return `deleted-${userId}@deleted.invalid`;
}

/**
 * Deletes a person (soft: the row stays for the records it wrote). Their sessions end, sign-in
 * refuses them, their address is freed (a new account may take it; the audit row keeps it), they
 * leave their classes and parent links, and unused reset links stop working. Their content,
 * questions, attempts and messages stay. Refused for oneself, for the organization's last active
 * admin, and for a teacher who still teaches active classes (archive them first: a class needs a
 * teacher, and handing classes over is a decision for a person, not a side effect).
 */
export async function deleteUser(ctx: ServiceContext, input: { userId: string }) {
  refuseSelf(ctx, input.userId, "You can't delete your own account. Ask another admin.");
  await findUser(ctx, input.userId);
  const now = new Date();
  // One transaction: the guards and every change commit together or not at all.
  const { user, enrollments, parentLinks, sessionsEnded, tasksCancelled } = await ctx.db.$transaction(async (tx) => {
    const user = await keepAnAdmin(ctx, tx, input.userId, lastAdmin);
    const classes = await tx.class.findMany({
      where: { teacherId: user.id, archivedAt: null },
      select: { name: true },
      orderBy: { name: "asc" },
      take: 4,
    });
    if (classes.length > 0) {
      const names = classes.slice(0, 3).map((c) => c.name);
      const more = classes.length > 3 ? " and more" : "";
      throw preconditionFailed(
        `${user.name} still teaches ${classes.length === 1 ? "an active class" : "active classes"} (${names.join(", ")}${more}). Archive ${classes.length === 1 ? "it" : "them"} first.`,
      );
    }
    const enrollments = await tx.enrollment.deleteMany({ where: { studentId: user.id } });
    const parentLinks = await tx.parentStudentLink.deleteMany({
      where: { OR: [{ parentId: user.id }, { studentId: user.id }] },
    });
    await retireResetTokens(tx, user.id, now);
    const tasksCancelled = await cancelTasksOfDeletedUser(tx, user.id, now);
    await tx.user.update({
      where: { id: user.id },
      data: { deletedAt: now, active: false, email: retiredEmail(user.id) },
    });
    const sessions = await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now, revokedReason: "deleted" },
    });
    return { user, enrollments, parentLinks, sessionsEnded: sessions.count, tasksCancelled };
  });
  // After the commit: every session cache drops the person's sessions.
  processRevocations.announce({ userIds: [user.id] });
  await rollUpUserDeleted(ctx, user.id);
  await recordAudit(ctx, {
    action: "user.deleted",
    targetType: "User",
    targetId: user.id,
    metadata: {
      email: user.email,
      name: user.name,
      role: user.role,
      sessionsEnded,
      enrollmentsRemoved: enrollments.count,
      parentLinksRemoved: parentLinks.count,
      agentTasksCancelled: tasksCancelled,
    },
  });
  publishDashboardChanged(ctx, "users");
  return { userId: user.id, name: user.name };
}

/**
 * An admin's password reset link for a person: shown to the admin once (to copy and pass on), and
 * also mailed to the person when mail is configured. The password stays until the link is used.
 * For another admin it is refused unless it is mailed to them too (no silent takeover).
 */
export async function createPasswordResetLink(
  ctx: ServiceContext,
  input: { userId: string },
  options: { mail?: MailSettings; logger?: { error(obj: object, msg: string): void } } = {},
): Promise<ResetLink> {
  const user = await findUser(ctx, input.userId);
  if (!user.active) throw preconditionFailed(`Reactivate ${user.name} first: a deactivated account can't sign in.`);
  const mail = options.mail ?? mailSettings();
  // A link only the acting admin sees would let one admin take over another's account unseen: for
  // another admin the link is made only when it is also mailed to them, so they learn of it.
  if (user.role === "ADMIN" && mail.mailer.kind !== "smtp")
    throw preconditionFailed(
      `A reset link for another admin is only made when it can be emailed to them, and this server has no mail set up. ${user.name} can change their password on their account page.`,
    );
  const { token, expiresAt } = await createResetToken(ctx.db, {
    userId: user.id,
    orgId: ctx.actor.orgId,
    createdById: ctx.actor.userId,
  });
  const url = resetUrl(mail.appUrl, token);
  const emailed = mail.mailer.kind === "smtp";
  if (emailed) {
    try {
      await mail.mailer.send(resetMail({ to: user.email, name: user.name, links: [{ school: "", url }] }));
    } catch (error) {
      options.logger?.error({ err: error }, "password reset mail could not be sent");
      if (user.role === "ADMIN") {
        // Not mailed, so not made: the link would be the acting admin's alone.
        await retireResetTokens(ctx.db, user.id);
        throw preconditionFailed(`The link could not be emailed to ${user.name}, so it was not made. Try again later.`);
      }
      await auditResetLink(ctx, user.id, false);
      return { url, expiresAt, emailed: false };
    }
  }
  await auditResetLink(ctx, user.id, emailed);
  return { url, expiresAt, emailed };
}

function auditResetLink(ctx: ServiceContext, userId: string, emailed: boolean) {
  return recordAudit(ctx, {
    action: "user.password_reset_link_created",
    targetType: "User",
    targetId: userId,
    metadata: { emailed },
  });
}
