// The signed-in user's own account: profile and password (a new password ends the other sessions).
import { hashPassword, verifyPassword } from "@toolboxai/db";
import type { ChangePasswordInput, Profile, UpdateProfileInput } from "@toolboxai/validators";
import { recordAudit } from "../audit/audit";
import { retireResetTokens } from "../auth/password-reset";
import type { ServiceContext } from "../context";
import { fieldError, notFound } from "../errors";
import { endUserSessions } from "../sessions/sessions";

export async function getProfile(ctx: ServiceContext): Promise<Profile> {
  const user = await ctx.db.user.findUnique({
    where: { id: ctx.actor.userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      lastSignInAt: true,
      createdAt: true,
      organization: { select: { id: true, name: true, slug: true } },
    },
  });
  if (!user) throw notFound("User");
  return user;
}

export async function updateProfile(ctx: ServiceContext, input: UpdateProfileInput): Promise<Profile> {
  await ctx.db.user.update({ where: { id: ctx.actor.userId }, data: { name: input.name } });
  await recordAudit(ctx, {
    action: "user.profile_updated",
    targetType: "User",
    targetId: ctx.actor.userId,
    metadata: { fields: ["name"] },
  });
  return getProfile(ctx);
}

export async function changePassword(ctx: ServiceContext, input: ChangePasswordInput): Promise<{ changed: true }> {
  const user = await ctx.db.user.findUnique({ where: { id: ctx.actor.userId }, select: { passwordHash: true } });
  if (!user) throw notFound("User");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw fieldError("INVALID", "currentPassword", "Your current password is not correct.");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.$transaction(async (tx) => {
    // A temporary password an admin set is replaced: the sign-in gate lets them through again.
    await tx.user.update({ where: { id: ctx.actor.userId }, data: { passwordHash, mustChangePassword: false } });
    // A reset link asked for before (perhaps by whoever knew the old password) stops working.
    await retireResetTokens(tx, ctx.actor.userId);
  });
  // Whoever else holds a session (a stolen token, a shared computer) is signed out; the browser
  // that changed the password stays signed in.
  const otherSessionsEnded = await endUserSessions(ctx, ctx.actor.userId, {
    reason: "password_changed",
    except: ctx.actor.sessionId,
  });
  await recordAudit(ctx, {
    action: "user.password_changed",
    targetType: "User",
    targetId: ctx.actor.userId,
    metadata: { otherSessionsEnded },
  });
  return { changed: true };
}
