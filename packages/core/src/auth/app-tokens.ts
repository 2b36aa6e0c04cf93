// Tokens for first-party apps (the mobile app). An app signs in with an email and password
// (through the web's sign-in limits) and gets an access token (./access-tokens.ts) and an opaque
// refresh token. Each grant is an app session: a Session row of kind "app" that the account's
// session list shows and every sign-out event ends, like a browser's.
//
//   grant    -> Session(kind app) + RefreshToken #1 (hash only) + access token (sid = session)
//   refresh  #1 -> #1 marked used, RefreshToken #2, new access token; lastSeenAt = now
//   refresh  #1 again (reuse: stolen or replayed) -> the whole session (the family) is revoked
//   revoke   -> the session ends (RFC 7009: the same answer for an unknown token)
//
// The refresh token's own expiry is the session's absolute end, and a session idle for longer
// than the policy allows cannot be refreshed: the session policy bounds app sessions too.
import { createHash, randomBytes } from "node:crypto";
import { type Database, scopeToOrganization } from "@toolboxai/db";
import {
  APP_TOKEN_MESSAGES,
  type AppTokenGrant,
  type AppTokenRefreshInput,
  type AppTokenRequest,
  type AppTokenRevokeResult,
  SIGN_IN_FAILED_MESSAGE,
} from "@toolboxai/validators";
import { type Actor, loadActor, toActor } from "../actor";
import { recordAudit } from "../audit/audit";
import { DomainError, forbidden, tooManyRequests } from "../errors";
import type { RateLimiter } from "../rate-limit/limiter";
import { waitPhrase } from "../rate-limit/limiter";
import { signInWithLimits } from "../rate-limit/sign-in";
import { type SessionPolicy, sessionPolicy } from "../sessions/policy";
import { insertSession } from "../sessions/registry";
import { processRevocations, type RevocationHub } from "../sessions/revocations";
import type { RevokeReason } from "../sessions/sessions";
import { type AppTokenSettings, signAccessToken } from "./access-tokens";
import { authenticate } from "./sign-in";

export const REFRESH_TOKEN_PREFIX = "tbx_rt_";

export interface AppTokenDeps {
  /** The unscoped client: tokens are looked up before there is an actor. */
  db: Database;
  settings: AppTokenSettings;
  /** The web's sign-in limits (null only where nothing is limited: tests, scripts). */
  limiter: RateLimiter | null;
  /** The client's address as the trusted-proxy setting resolves it. */
  ip: string | null;
  userAgent?: string | null | undefined;
  correlationId?: string | undefined;
  policy?: SessionPolicy;
  now?: () => Date;
  /** Where ended sessions are announced (`settings.revocations`, else this process's hub). */
  hub?: RevocationHub | undefined;
}

/** A fresh refresh token: the prefix (for secret scanners) and 32 random bytes in base64url. */
export function newRefreshToken(): string {
  return `${REFRESH_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** What the database keeps of a refresh token. */
export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const unauthorized = (message: string) => new DomainError("UNAUTHORIZED", message);
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

interface SessionFacts {
  id: string;
  userId: string;
  organizationId: string;
  expiresAt: Date;
}

/** Issues the next access + refresh pair of a session (its refresh token ends with the session). */
async function issuePair(deps: AppTokenDeps, session: SessionFacts, actor: Actor, at: Date): Promise<AppTokenGrant> {
  const refreshToken = newRefreshToken();
  await deps.db.refreshToken.create({
    data: {
      organizationId: session.organizationId,
      sessionId: session.id,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: session.expiresAt,
      createdAt: at,
    },
  });
  const issuedAt = seconds(at);
  const expiresAt = Math.min(issuedAt + deps.settings.accessTtlSeconds, seconds(session.expiresAt));
  const accessToken = await signAccessToken(
    deps.settings,
    { userId: session.userId, organizationId: session.organizationId, sessionId: session.id },
    { issuedAt, expiresAt },
  );
  return {
    accessToken,
    tokenType: "Bearer",
    expiresIn: Math.max(0, expiresAt - issuedAt),
    refreshToken,
    refreshExpiresIn: Math.max(0, seconds(session.expiresAt) - issuedAt),
    user: { id: actor.userId, name: actor.name, role: actor.role, organizationId: actor.orgId },
  };
}

/** The signed-in actor, behind the same limits as the web's sign-in form. */
async function signIn(deps: AppTokenDeps, input: AppTokenRequest): Promise<Actor> {
  const credentials = { email: input.email, password: input.password };
  const common = { db: deps.db, correlationId: deps.correlationId, organizationSlug: input.organization };
  if (!deps.limiter) {
    const actor = await authenticate({ ...common, ip: deps.ip ?? undefined }, credentials);
    if (!actor) throw unauthorized(SIGN_IN_FAILED_MESSAGE);
    return actor;
  }
  const outcome = await signInWithLimits({ ...common, limiter: deps.limiter, ip: deps.ip }, credentials);
  if (outcome.ok) return outcome.actor;
  if (outcome.retryAfterSeconds !== null) {
    throw tooManyRequests(
      `Too many sign-in attempts. Try again ${waitPhrase(outcome.retryAfterSeconds)}.`,
      outcome.retryAfterSeconds,
    );
  }
  throw unauthorized(SIGN_IN_FAILED_MESSAGE);
}

/** POST /auth/token: email + password -> a new app session and its first pair. */
export async function grantAppTokens(deps: AppTokenDeps, input: AppTokenRequest): Promise<AppTokenGrant> {
  const actor = await signIn(deps, input);
  if (actor.mustChangePassword) {
    throw forbidden("Sign in on the web first and choose a new password: an admin gave you a temporary one.");
  }
  const at = deps.now?.() ?? new Date();
  const session = await insertSession(
    deps.db,
    {
      userId: actor.userId,
      organizationId: actor.orgId,
      // The app's own name when it gave one (the session list shows it), else its user agent.
      userAgent: input.clientName ?? deps.userAgent ?? "",
      ip: deps.ip ?? "",
      kind: "app",
    },
    { policy: deps.policy ?? sessionPolicy(), now: at },
  );
  const grant = await issuePair(deps, { ...session, userId: actor.userId, organizationId: actor.orgId }, actor, at);
  await audit(
    deps,
    actor,
    "auth.app_session_started",
    session.id,
    input.clientName ? { client: input.clientName } : {},
  );
  return grant;
}

/** POST /auth/refresh: trades an unused refresh token for the next pair. */
export async function refreshAppTokens(deps: AppTokenDeps, input: AppTokenRefreshInput): Promise<AppTokenGrant> {
  const at = deps.now?.() ?? new Date();
  const row = await deps.db.refreshToken.findUnique({
    where: { tokenHash: hashRefreshToken(input.refreshToken) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      session: {
        select: { id: true, userId: true, organizationId: true, expiresAt: true, lastSeenAt: true, revokedAt: true },
      },
    },
  });
  if (!row) throw unauthorized(APP_TOKEN_MESSAGES.unknownRefresh);
  const { session } = row;
  if (row.usedAt) {
    await endFamily(deps, session, "refresh_token_reused", at);
    throw unauthorized(APP_TOKEN_MESSAGES.reusedRefresh);
  }
  if (session.revokedAt) throw unauthorized(APP_TOKEN_MESSAGES.sessionEnded);
  if (at >= row.expiresAt || at >= session.expiresAt) throw unauthorized(APP_TOKEN_MESSAGES.expiredRefresh);
  if (at.getTime() - session.lastSeenAt.getTime() >= (deps.policy ?? sessionPolicy()).idleMs) {
    await endSession(deps, session.id, "idle", at);
    throw unauthorized(APP_TOKEN_MESSAGES.sessionEnded);
  }
  const actor = await loadActor(deps.db, session.userId);
  if (!actor) throw unauthorized(APP_TOKEN_MESSAGES.sessionEnded);

  // Used exactly once: of two concurrent refreshes with the same token, the second is a reuse.
  const used = await deps.db.refreshToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: at } });
  if (used.count === 0) {
    await endFamily(deps, session, "refresh_token_reused", at);
    throw unauthorized(APP_TOKEN_MESSAGES.reusedRefresh);
  }
  // The session is in use: the idle timeout counts from now (never past its absolute end).
  const touched = await deps.db.session.updateMany({
    where: { id: session.id, revokedAt: null },
    data: { lastSeenAt: at },
  });
  if (touched.count === 0) throw unauthorized(APP_TOKEN_MESSAGES.sessionEnded);
  return issuePair(deps, session, actor, at);
}

/**
 * POST /auth/revoke: ends the session of a refresh token, or else `sessionId` (the app session
 * of the access token that asked). Unknown tokens are not an error (RFC 7009).
 */
export async function revokeAppTokens(
  deps: Omit<AppTokenDeps, "settings" | "limiter">,
  input: { refreshToken?: string | undefined; sessionId?: string | undefined },
): Promise<AppTokenRevokeResult> {
  const at = deps.now?.() ?? new Date();
  let sessionId: string | null = null;
  if (input.refreshToken) {
    const row = await deps.db.refreshToken.findUnique({
      where: { tokenHash: hashRefreshToken(input.refreshToken) },
      select: { sessionId: true },
    });
    sessionId = row?.sessionId ?? null;
  } else if (input.sessionId) {
    const row = await deps.db.session.findUnique({ where: { id: input.sessionId }, select: { kind: true } });
    // Only an app's own session: a browser signs out through next-auth.
    sessionId = row?.kind === "app" ? input.sessionId : null;
  }
  if (sessionId) {
    const session = await deps.db.session.findUnique({
      where: { id: sessionId },
      select: { id: true, userId: true, organizationId: true, revokedAt: true },
    });
    if (session && !session.revokedAt) {
      await endSession(deps, session.id, "sign_out", at);
      const user = await deps.db.user.findUnique({ where: { id: session.userId } });
      if (user) await audit(deps, toActor(user), "auth.app_session_revoked", session.id, {});
    }
  }
  return { revoked: true };
}

/** Ends one session in the database and in every instance's session cache. */
async function endSession(
  deps: Pick<AppTokenDeps, "db" | "hub">,
  sessionId: string,
  reason: RevokeReason,
  at: Date,
): Promise<boolean> {
  const { count } = await deps.db.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: at, revokedReason: reason },
  });
  (deps.hub ?? processRevocations).announce({ sessionIds: [sessionId] });
  return count > 0;
}

/** A used refresh token came back: whoever holds the family's newest one loses it too. */
async function endFamily(
  deps: AppTokenDeps,
  session: { id: string; userId: string },
  reason: RevokeReason,
  at: Date,
): Promise<void> {
  const ended = await endSession(deps, session.id, reason, at);
  const user = await deps.db.user.findUnique({ where: { id: session.userId } });
  if (ended && user) await audit(deps, toActor(user), "auth.refresh_token_reused", session.id, {});
}

async function audit(
  deps: Pick<AppTokenDeps, "db" | "ip" | "correlationId">,
  actor: Actor,
  action: string,
  sessionId: string,
  metadata: Record<string, string>,
): Promise<void> {
  await recordAudit(
    { db: scopeToOrganization(deps.db, actor.orgId), actor, correlationId: deps.correlationId },
    {
      action,
      targetType: "Session",
      targetId: sessionId,
      metadata: { ...metadata, ...(deps.ip ? { ip: deps.ip } : {}) },
    },
  );
}
