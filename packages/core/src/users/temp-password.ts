// An admin-set temporary password: for a person who can't use a reset link (no mail server, no
// email of their own), the admin types or generates a password and hands it over. The person is
// signed out everywhere, and on their next sign-in must choose their own password before anything
// else (User.mustChangePassword; the web app's signed-in layout sends them to /change-password,
// and changing the password clears it). The password is never logged or audited.
import { type Database, hashPassword } from "@toolboxai/db";
import type { TemporaryPasswordResult } from "@toolboxai/validators";
import { recordAudit } from "../audit/audit";
import { retireResetTokens } from "../auth/password-reset";
import type { ServiceContext } from "../context";
import { invalid, notFound, preconditionFailed } from "../errors";
import { endUserSessions } from "../sessions/sessions";
import { temporaryPassword } from "./users";

/**
 * Sets `password` (or a generated one, returned once) as the person's temporary password. Refused
 * for oneself (the account page changes your own), for a deactivated account, and for another
 * admin: an admin who knows another admin's password could act as them unseen (the reset-link
 * rule, which mails such a link to the admin, is the way for admins).
 */
export async function setTemporaryPassword(
  ctx: ServiceContext,
  input: { userId: string; password?: string | undefined },
): Promise<TemporaryPasswordResult> {
  if (input.userId === ctx.actor.userId)
    throw invalid("Change your own password on your account page, not with a temporary password.");
  const user = await ctx.db.user.findFirst({
    where: { id: input.userId, deletedAt: null },
    select: { id: true, name: true, role: true, active: true },
  });
  if (!user) throw notFound("User");
  if (!user.active) throw preconditionFailed(`Reactivate ${user.name} first: a deactivated account can't sign in.`);
  if (user.role === "ADMIN")
    throw preconditionFailed(
      `A temporary password can't be set for another admin: only they may know their password. ${user.name} can change it on their account page.`,
    );
  const generated = input.password ? null : temporaryPassword();
  const passwordHash = await hashPassword(input.password || (generated as string));
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true } });
    // A reset link made before must not outlive the new password.
    await retireResetTokens(tx, user.id);
  });
  // Whoever is signed in as them (they, or someone with the old password) is signed out.
  const sessionsEnded = await endUserSessions(ctx, user.id, { reason: "password_reset" });
  await recordAudit(ctx, {
    action: "user.temporary_password_set",
    targetType: "User",
    targetId: user.id,
    metadata: { generated: generated !== null, sessionsEnded },
  });
  return { userId: user.id, name: user.name, temporaryPassword: generated, sessionsEnded };
}

/**
 * Whether the person signed in with a temporary password and must choose their own before using
 * the app (read on each signed-in page load, like the actor itself).
 */
export async function mustChangePassword(db: Pick<Database, "user">, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { mustChangePassword: true } });
  return user?.mustChangePassword ?? false;
}
