// First-party app tokens on a real database: a grant starts an app session, refresh tokens are
// single use and rotate, a reused one ends its whole family, revoke ends the session, and the
// web's sign-in limits and account checks apply.
import { APP_TOKEN_MESSAGES, type AppTokenGrant, SIGN_IN_FAILED_MESSAGE } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "../rate-limit/limiter";
import { DEFAULT_SESSION_POLICY } from "../sessions/policy";
import { createSessionRegistry, type SessionRegistry } from "../sessions/registry";
import { createRevocationHub, type RevocationHub } from "../sessions/revocations";
import { createDomainWorld, type DomainWorld, domainErrorOf, PASSWORD } from "../testing";
import { appTokenSettings, verifyAccessToken } from "./access-tokens";
import {
  type AppTokenDeps,
  grantAppTokens,
  hashRefreshToken,
  REFRESH_TOKEN_PREFIX,
  refreshAppTokens,
  revokeAppTokens,
} from "./app-tokens";

const settings = appTokenSettings("a-test-secret-that-is-long-enough-for-tests");
const IPHONE_APP_UA = "ToolboxAI/2.1 CFNetwork/1494.0.7 Darwin/23.4.0";

let w: DomainWorld;
let hub: RevocationHub;
let registry: SessionRegistry;
beforeAll(async () => {
  w = await createDomainWorld();
  hub = createRevocationHub();
  registry = createSessionRegistry({ db: w.t.db, policy: DEFAULT_SESSION_POLICY, hub, singleProcess: true });
});
afterAll(async () => {
  await registry.close();
  await w.t.close();
});

function deps(overrides: Partial<AppTokenDeps> = {}): AppTokenDeps {
  return {
    db: w.t.db,
    settings,
    limiter: createRateLimiter(),
    ip: "203.0.113.20",
    userAgent: IPHONE_APP_UA,
    policy: DEFAULT_SESSION_POLICY,
    hub,
    ...overrides,
  };
}

/** A fresh teacher with the world's password, so tests do not share sessions or blocks. */
async function freshTeacher() {
  const actor = await w.newActor("a", "TEACHER");
  return { ...actor, password: PASSWORD };
}

async function signInFresh(overrides: Partial<AppTokenDeps> = {}) {
  const user = await freshTeacher();
  const grant = await grantAppTokens(deps(overrides), { email: user.email, password: PASSWORD });
  const claims = await verifyAccessToken(settings, grant.accessToken);
  if (!claims.valid) throw new Error("the granted access token does not verify");
  return { user, grant, sessionId: claims.sessionId };
}

const refresh = (grant: AppTokenGrant, overrides: Partial<AppTokenDeps> = {}) =>
  refreshAppTokens(deps(overrides), { refreshToken: grant.refreshToken });

describe("a token grant", () => {
  it("answers a bearer access token for 15 minutes and a refresh token for the session's lifetime", async () => {
    const { user, grant } = await signInFresh();
    expect(grant).toMatchObject({
      tokenType: "Bearer",
      expiresIn: 900,
      refreshExpiresIn: DEFAULT_SESSION_POLICY.maxAgeMs / 1000,
      user: { id: user.userId, name: user.name, role: "TEACHER", organizationId: user.orgId },
    });
    expect(grant.refreshToken).toMatch(new RegExp(`^${REFRESH_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
  });

  it("signs an access token naming the user, the organization and the app session", async () => {
    const { user, grant, sessionId } = await signInFresh();
    expect(await verifyAccessToken(settings, grant.accessToken)).toEqual({
      valid: true,
      userId: user.userId,
      organizationId: user.orgId,
      sessionId,
    });
  });

  it("starts a session of kind app, recording the address and the app's user agent", async () => {
    const { user, sessionId } = await signInFresh();
    const session = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ userId: user.userId, kind: "app", ip: "203.0.113.20", userAgent: IPHONE_APP_UA });
    expect((await registry.check(sessionId, user.userId)).active).toBe(true);
  });

  it("records the app's name when it gives one", async () => {
    const user = await freshTeacher();
    const grant = await grantAppTokens(deps(), { email: user.email, password: PASSWORD, clientName: "Class iPad" });
    const claims = await verifyAccessToken(settings, grant.accessToken);
    const session = await w.t.db.session.findFirstOrThrow({ where: { userId: user.userId } });
    expect(claims.valid && claims.sessionId).toBe(session.id);
    expect(session.userAgent).toBe("Class iPad");
  });

  it("stores the refresh token only as its SHA-256, ending with the session", async () => {
    const { grant, sessionId } = await signInFresh();
    const rows = await w.t.db.refreshToken.findMany({ where: { sessionId } });
    const session = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashRefreshToken(grant.refreshToken));
    expect(JSON.stringify(rows)).not.toContain(grant.refreshToken);
    expect(rows[0]?.expiresAt).toEqual(session.expiresAt);
  });

  it("refuses a wrong password with the web's one sign-in message", async () => {
    const user = await freshTeacher();
    const error = await domainErrorOf(grantAppTokens(deps(), { email: user.email, password: "wrong-password" }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: SIGN_IN_FAILED_MESSAGE,
    });
  });

  it("refuses a deactivated account with the same message, and starts no session", async () => {
    const user = await freshTeacher();
    await w.t.db.user.update({ where: { id: user.userId }, data: { active: false } });
    const error = await domainErrorOf(grantAppTokens(deps(), { email: user.email, password: PASSWORD }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: SIGN_IN_FAILED_MESSAGE,
    });
    expect(await w.t.db.session.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("refuses a deleted account", async () => {
    const user = await freshTeacher();
    await w.t.db.user.update({ where: { id: user.userId }, data: { deletedAt: new Date() } });
    const error = await domainErrorOf(grantAppTokens(deps(), { email: user.email, password: PASSWORD }));
    expect(error.code).toBe("UNAUTHORIZED");
  });

  it("answers 429 with the wait after five wrong passwords, even for the right one next", async () => {
    const user = await freshTeacher();
    const d = deps({ limiter: createRateLimiter() });
    for (let i = 0; i < 5; i++) {
      await domainErrorOf(grantAppTokens(d, { email: user.email, password: "wrong-password" }));
    }
    const error = await domainErrorOf(grantAppTokens(d, { email: user.email, password: PASSWORD }));
    expect({ code: error.code, retryAfterSeconds: error.retryAfterSeconds }).toEqual({
      code: "TOO_MANY_REQUESTS",
      retryAfterSeconds: 60,
    });
    expect(error.message).toBe("Too many sign-in attempts. Try again in 1 minute.");
  });

  it("counts wrong passwords toward the same block as the web's sign-in form", async () => {
    const user = await freshTeacher();
    const limiter = createRateLimiter();
    const { signInWithLimits } = await import("../rate-limit/sign-in");
    for (let i = 0; i < 5; i++) {
      await signInWithLimits(
        { db: w.t.db, limiter, ip: "203.0.113.20" },
        { email: user.email, password: "wrong-password" },
      );
    }
    const error = await domainErrorOf(grantAppTokens(deps({ limiter }), { email: user.email, password: PASSWORD }));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
  });

  it("signs in to the named school when the email has an account in two", async () => {
    const email = `shared-${Date.now()}@two-schools.test`;
    const { passwordHash } = await w.t.db.user.findUniqueOrThrow({ where: { id: w.users.a.TEACHER.id } });
    const account = (org: "a" | "b", createdAt: Date) =>
      w.t.db.user.create({
        data: { organizationId: w.orgs[org], email, name: `Shared ${org}`, role: "TEACHER", passwordHash, createdAt },
      });
    const alpha = await account("a", new Date("2026-01-01T00:00:00Z"));
    const beta = await account("b", new Date("2026-02-01T00:00:00Z"));
    const unnamed = await grantAppTokens(deps(), { email, password: PASSWORD });
    const named = await grantAppTokens(deps(), { email, password: PASSWORD, organization: "beta" });
    // Without a school: the oldest account, as the web's sign-in picks.
    expect(unnamed.user.id).toBe(alpha.id);
    expect(named.user).toMatchObject({ id: beta.id, organizationId: w.orgs.b });
  });

  it("audits the app session it starts", async () => {
    const { user, sessionId } = await signInFresh();
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "auth.app_session_started", actorId: user.userId },
    });
    expect(row).toMatchObject({ targetType: "Session", targetId: sessionId });
  });
});

describe("refreshing", () => {
  it("answers a new pair whose access token names the same session", async () => {
    const { grant, sessionId } = await signInFresh();
    const next = await refresh(grant);
    expect(next.refreshToken).not.toBe(grant.refreshToken);
    expect(next.accessToken).not.toBe(grant.accessToken);
    const claims = await verifyAccessToken(settings, next.accessToken);
    expect(claims.valid && claims.sessionId).toBe(sessionId);
  });

  it("marks the used refresh token used, so it works once", async () => {
    const { grant } = await signInFresh();
    await refresh(grant);
    const row = await w.t.db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashRefreshToken(grant.refreshToken) },
    });
    expect(row.usedAt).not.toBeNull();
  });

  it("keeps working down a chain of refreshes", async () => {
    let { grant } = await signInFresh();
    for (let i = 0; i < 3; i++) grant = await refresh(grant);
    expect(grant.tokenType).toBe("Bearer");
  });

  it("extends the session's last use, and never the access token past the session's absolute end", async () => {
    const { grant, sessionId } = await signInFresh();
    const session = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    const later = new Date(session.expiresAt.getTime() - 5 * 60_000);
    // Active until then (as the registry records requests), so the session is not idle.
    await w.t.db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(later.getTime() - 60_000) } });
    const next = await refresh(grant, { now: () => later });
    expect(next.expiresIn).toBe(300);
    expect(next.refreshExpiresIn).toBe(300);
    const touched = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(touched.lastSeenAt).toEqual(later);
    expect(touched.expiresAt).toEqual(session.expiresAt);
  });

  it("refuses an unknown refresh token", async () => {
    const error = await domainErrorOf(refreshAppTokens(deps(), { refreshToken: `${REFRESH_TOKEN_PREFIX}nope` }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: APP_TOKEN_MESSAGES.unknownRefresh,
    });
  });

  it("refuses a refresh token past the session's absolute end", async () => {
    const { grant, sessionId } = await signInFresh();
    const { expiresAt } = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    const error = await domainErrorOf(refresh(grant, { now: () => new Date(expiresAt.getTime() + 1000) }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: APP_TOKEN_MESSAGES.expiredRefresh,
    });
  });

  it("refuses a session left idle longer than the policy allows, and ends it", async () => {
    const { grant, sessionId } = await signInFresh();
    const idle = new Date(Date.now() + DEFAULT_SESSION_POLICY.idleMs + 60_000);
    const error = await domainErrorOf(refresh(grant, { now: () => idle }));
    expect(error.message).toBe(APP_TOKEN_MESSAGES.sessionEnded);
    const session = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.revokedReason).toBe("idle");
  });

  it("refuses a session ended by a deactivation", async () => {
    const { user, grant } = await signInFresh();
    await w.t.db.session.updateMany({ where: { userId: user.userId }, data: { revokedAt: new Date() } });
    const error = await domainErrorOf(refresh(grant));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: APP_TOKEN_MESSAGES.sessionEnded,
    });
  });
});

describe("a reused refresh token", () => {
  it("is refused with 'already used; sign in again'", async () => {
    const { grant } = await signInFresh();
    await refresh(grant);
    const error = await domainErrorOf(refresh(grant));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: "This refresh token was already used; sign in again.",
    });
  });

  it("ends the whole family: the newest refresh token stops working too", async () => {
    const { grant } = await signInFresh();
    const newest = await refresh(grant);
    await domainErrorOf(refresh(grant));
    const error = await domainErrorOf(refresh(newest));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: APP_TOKEN_MESSAGES.sessionEnded,
    });
  });

  it("ends the session the access tokens name, in the registry's cache at once", async () => {
    const { user, grant, sessionId } = await signInFresh();
    await refresh(grant);
    expect((await registry.check(sessionId, user.userId)).active).toBe(true);
    await domainErrorOf(refresh(grant));
    expect(await registry.check(sessionId, user.userId)).toEqual({ active: false, reason: "revoked" });
    const session = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.revokedReason).toBe("refresh_token_reused");
  });

  it("counts as a reuse when two refreshes race with the same token: the family ends", async () => {
    const { grant, sessionId } = await signInFresh();
    const outcomes = await Promise.allSettled([refresh(grant), refresh(grant)]);
    const reasons = outcomes.map((o) => (o.status === "rejected" ? (o.reason as Error).message : "refreshed"));
    expect(reasons).toContain(APP_TOKEN_MESSAGES.reusedRefresh);
    const session = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.revokedReason).toBe("refresh_token_reused");
  });

  it("is audited on the account", async () => {
    const { user, grant, sessionId } = await signInFresh();
    await refresh(grant);
    await domainErrorOf(refresh(grant));
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "auth.refresh_token_reused", actorId: user.userId },
    });
    expect(row.targetId).toBe(sessionId);
  });
});

describe("revoking", () => {
  it("ends the session of a refresh token: it no longer refreshes and its access tokens stop", async () => {
    const { user, grant, sessionId } = await signInFresh();
    expect(await revokeAppTokens(deps(), { refreshToken: grant.refreshToken })).toEqual({ revoked: true });
    expect((await domainErrorOf(refresh(grant))).message).toBe(APP_TOKEN_MESSAGES.sessionEnded);
    expect(await registry.check(sessionId, user.userId)).toEqual({ active: false, reason: "revoked" });
  });

  it("ends the app session of the access token that asks", async () => {
    const { user, sessionId } = await signInFresh();
    await revokeAppTokens(deps(), { sessionId });
    expect(await registry.check(sessionId, user.userId)).toEqual({ active: false, reason: "revoked" });
  });

  it("leaves a browser session alone: browsers sign out through the web", async () => {
    const user = await freshTeacher();
    const web = await registry.start({ userId: user.userId, organizationId: user.orgId });
    await revokeAppTokens(deps(), { sessionId: web.id });
    expect((await registry.check(web.id, user.userId)).active).toBe(true);
  });

  it("answers the same for an unknown token (RFC 7009)", async () => {
    expect(await revokeAppTokens(deps(), { refreshToken: `${REFRESH_TOKEN_PREFIX}unknown` })).toEqual({
      revoked: true,
    });
  });

  it("is audited", async () => {
    const { user, grant, sessionId } = await signInFresh();
    await revokeAppTokens(deps(), { refreshToken: grant.refreshToken });
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "auth.app_session_revoked", actorId: user.userId },
    });
    expect(row.targetId).toBe(sessionId);
  });
});

describe("grantAppTokens for a person holding a temporary password", () => {
  it("is refused until they choose their own on the web", async () => {
    const user = await freshTeacher();
    await w.t.db.user.update({ where: { id: user.userId }, data: { mustChangePassword: true } });
    const error = await domainErrorOf(grantAppTokens(deps(), { email: user.email, password: PASSWORD }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/choose a new password/);
  });
});
