// The signed-in user's sessions: the list the account page shows, "sign out of other sessions",
// and ending a user's sessions when their password changes or they are deactivated. Browser
// sessions and app sessions (/api/v1/auth/token) are the same rows: every event ends both.
import type { ScopedDatabase } from "@toolboxai/db";
import type { SessionView, SignOutOtherSessionsResult } from "@toolboxai/validators";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { describeSessionClient } from "./device";
import { type SessionPolicy, sessionPolicy } from "./policy";
import { processRevocations, type RevocationHub } from "./revocations";

/** Why sessions were ended, as `Session.revokedReason` records it. */
export type RevokeReason =
  | "sign_out"
  | "password_changed"
  | "password_reset"
  | "deactivated"
  | "deleted"
  | "signed_out_elsewhere"
  | "idle"
  /** An app presented a refresh token that had already been used: its whole family ends. */
  | "refresh_token_reused";

export interface EndSessionsOptions {
  reason: RevokeReason;
  /** A session to keep (the one asking: a password change keeps the browser that made it). */
  except?: string | undefined;
  now?: Date;
  /** Where the revocation is announced (defaults to this process's hub). */
  hub?: RevocationHub;
}

/**
 * Ends every open session of `userId` (but `except`), in the database and, through the hub, in
 * every session cache; returns how many ended. Ended sessions stay ended: nothing revives them.
 */
export async function endUserSessions(
  ctx: { db: ScopedDatabase },
  userId: string,
  options: EndSessionsOptions,
): Promise<number> {
  const { count } = await ctx.db.session.updateMany({
    where: { userId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: options.now ?? new Date(), revokedReason: options.reason },
  });
  (options.hub ?? processRevocations).announce({ userIds: [userId] });
  return count;
}

/** The signed-in user's active sessions, this one first, then by last use. */
export async function listMySessions(
  ctx: ServiceContext,
  options: { now?: Date; policy?: SessionPolicy } = {},
): Promise<SessionView[]> {
  const now = options.now ?? new Date();
  const policy = options.policy ?? sessionPolicy();
  const rows = await ctx.db.session.findMany({
    where: {
      userId: ctx.actor.userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - policy.idleMs) },
    },
    select: { id: true, kind: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 100,
  });
  const views = rows.map((row) => ({
    id: row.id,
    kind: row.kind === "app" ? ("app" as const) : ("web" as const),
    device: describeSessionClient(row.kind, row.userAgent),
    ip: row.ip,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    current: row.id === ctx.actor.sessionId,
  }));
  return [...views.filter((v) => v.current), ...views.filter((v) => !v.current)];
}

/** Ends every session of the signed-in user except the one asking. */
export async function signOutOtherSessions(ctx: ServiceContext): Promise<SignOutOtherSessionsResult> {
  const signedOut = await endUserSessions(ctx, ctx.actor.userId, {
    reason: "signed_out_elsewhere",
    except: ctx.actor.sessionId,
  });
  await recordAudit(ctx, {
    action: "auth.other_sessions_signed_out",
    targetType: "User",
    targetId: ctx.actor.userId,
    metadata: { count: signedOut },
  });
  return { signedOut };
}
