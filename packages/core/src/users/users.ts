// Organization user management for admins: list, create, change role, deactivate, reactivate.
import { randomInt } from "node:crypto";
import type { Role } from "@toolboxai/db";
import { hashPassword, type Prisma } from "@toolboxai/db";
import type { createUserSchema, UserView, userListInputSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { fieldError, invalid, isPrismaError, notFound } from "../errors";
import { publishDashboardChanged } from "../realtime/events";
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

export async function changeUserRole(ctx: ServiceContext, input: { userId: string; role: Role }) {
  refuseSelf(ctx, input.userId, "You can't change your own role. Ask another admin.");
  const before = await findUser(ctx, input.userId);
  if (before.role === input.role) return before;
  const user = await ctx.db.user.update({ where: { id: input.userId }, data: { role: input.role }, select: userView });
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
  const user = await ctx.db.user.update({
    where: { id: input.userId },
    data: { active: input.active },
    select: userView,
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
