// Access tokens on their own: what verifies, and every way a token is refused.
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { appTokenSettings, checkAccessToken, signAccessToken, verifyAccessToken } from "./access-tokens";

const settings = appTokenSettings("one-secret-shared-by-every-instance");
const claims = { userId: "user-1", organizationId: "org-1", sessionId: "session-1" };
const now = Math.floor(Date.now() / 1000);

const sign = (times = { issuedAt: now, expiresAt: now + 900 }) => signAccessToken(settings, claims, times);

describe("access tokens", () => {
  it("verify with the claims they were signed with", async () => {
    expect(await verifyAccessToken(settings, await sign())).toEqual({ valid: true, ...claims });
  });

  it("verify on another instance that shares the secret", async () => {
    const other = appTokenSettings("one-secret-shared-by-every-instance");
    expect((await verifyAccessToken(other, await sign())).valid).toBe(true);
  });

  it("are refused as expired after their lifetime (beyond a few seconds of clock skew)", async () => {
    const token = await sign();
    expect(await verifyAccessToken(settings, token, { now: new Date((now + 903) * 1000) })).toMatchObject({
      valid: true,
    });
    expect(await verifyAccessToken(settings, token, { now: new Date((now + 960) * 1000) })).toEqual({
      valid: false,
      reason: "expired",
    });
  });

  it("are refused when signed with another secret", async () => {
    const token = await signAccessToken(appTokenSettings("another-deployment-secret"), claims, {
      issuedAt: now,
      expiresAt: now + 900,
    });
    expect(await verifyAccessToken(settings, token)).toEqual({ valid: false, reason: "invalid" });
  });

  it("are refused unsigned (alg none)", async () => {
    const token = new UnsecuredJWT({ sid: "session-1", org: "org-1" })
      .setSubject("user-1")
      .setIssuer("toolboxai")
      .setAudience("toolboxai-api")
      .setIssuedAt()
      .setExpirationTime("15m")
      .setJti("x")
      .encode();
    expect(await verifyAccessToken(settings, token)).toEqual({ valid: false, reason: "invalid" });
  });

  it("are refused when they are some other JWT signed with the same key (no at+jwt type)", async () => {
    const token = await new SignJWT({ sid: "session-1", org: "org-1" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-1")
      .setIssuer("toolboxai")
      .setAudience("toolboxai-api")
      .setIssuedAt()
      .setExpirationTime("15m")
      .setJti("x")
      .sign(settings.signingKey);
    expect(await verifyAccessToken(settings, token)).toEqual({ valid: false, reason: "invalid" });
  });

  it("are refused when they name no session", async () => {
    const token = await new SignJWT({ org: "org-1" })
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
      .setSubject("user-1")
      .setIssuer("toolboxai")
      .setAudience("toolboxai-api")
      .setIssuedAt()
      .setExpirationTime("15m")
      .setJti("x")
      .sign(settings.signingKey);
    expect(await verifyAccessToken(settings, token)).toEqual({ valid: false, reason: "invalid" });
  });

  it("are refused when they are not a JWT at all", async () => {
    expect(await verifyAccessToken(settings, "not-a-token")).toEqual({ valid: false, reason: "invalid" });
  });

  it("are never signed with a key shorter than 32 bytes", async () => {
    const weak = { signingKey: new Uint8Array(16), accessTtlSeconds: 900 };
    await expect(signAccessToken(weak, claims, { issuedAt: now, expiresAt: now + 900 })).rejects.toThrow(/32 bytes/);
  });
});

describe("checking an access token against its session", () => {
  const activeSession = {
    check: async (sessionId: string) => ({
      active: true as const,
      sessionId,
      userId: "user-1",
      organizationId: "org-1",
    }),
  };
  const endedSession = (reason: "revoked" | "expired" | "idle" | "unknown") => ({
    check: async () => ({ active: false as const, reason }),
  });

  it("answers the user and session of a valid token whose session is active", async () => {
    expect(await checkAccessToken(settings, activeSession, await sign())).toEqual({
      ok: true,
      userId: "user-1",
      sessionId: "session-1",
    });
  });

  it("says a token past its lifetime has expired", async () => {
    const token = await sign({ issuedAt: now - 2000, expiresAt: now - 1000 });
    expect(await checkAccessToken(settings, activeSession, token)).toEqual({
      ok: false,
      message: "This access token has expired.",
    });
  });

  it.each(["revoked", "unknown"] as const)("says so when its session was %s", async (reason) => {
    expect(await checkAccessToken(settings, endedSession(reason), await sign())).toEqual({
      ok: false,
      message: "This access token's session was revoked; sign in again.",
    });
  });

  it.each(["expired", "idle"] as const)("says the session ended when it is %s", async (reason) => {
    expect(await checkAccessToken(settings, endedSession(reason), await sign())).toEqual({
      ok: false,
      message: "This session has ended; sign in again.",
    });
  });

  it("refuses a token whose organization is not its session's", async () => {
    const elsewhere = {
      check: async (sessionId: string) => ({
        active: true as const,
        sessionId,
        userId: "user-1",
        organizationId: "org-2",
      }),
    };
    expect((await checkAccessToken(settings, elsewhere, await sign())).ok).toBe(false);
  });
});
