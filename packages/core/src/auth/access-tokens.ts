// The access tokens of first-party apps: short-lived JWTs (RFC 9068 style, `typ: at+jwt`) signed
// with HS256 under a key of their own derived from the app's one secret. A token names its user
// (`sub`), organization (`org`) and app session (`sid`); whoever verifies it must still ask the
// session registry whether that session is alive, so a revocation outlives no token.
import { randomUUID } from "node:crypto";
import { APP_TOKEN_MESSAGES } from "@toolboxai/validators";
import { errors, jwtVerify, SignJWT } from "jose";
import { deriveSecret } from "../secrets";
import type { SessionRegistry } from "../sessions/registry";
import type { RevocationHub } from "../sessions/revocations";

export const ACCESS_TOKEN_ISSUER = "toolboxai";
export const ACCESS_TOKEN_AUDIENCE = "toolboxai-api";
export const ACCESS_TOKEN_TYPE = "at+jwt";
/** Fifteen minutes: an app refreshes its pair about that often. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** How far apart two instances' clocks may be. */
const CLOCK_TOLERANCE_SECONDS = 5;
const MIN_KEY_BYTES = 32;

export interface AppTokenSettings {
  /** The HS256 key (at least 32 bytes): `deriveSecret(authSecret, "access-token")`. */
  signingKey: Uint8Array;
  accessTtlSeconds: number;
  /**
   * Where ending an app session is announced: the hub this instance's session registry listens
   * to (this process's hub when absent, as in the web app).
   */
  revocations?: RevocationHub | undefined;
}

/** The settings every instance sharing `authSecret` agrees on. */
export function appTokenSettings(authSecret: string, options: { accessTtlSeconds?: number } = {}): AppTokenSettings {
  return {
    signingKey: new Uint8Array(deriveSecret(authSecret, "access-token")),
    accessTtlSeconds: options.accessTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS,
  };
}

function keyOf(settings: AppTokenSettings): Uint8Array {
  // jose accepts any length for HS256; a short key would make the tokens guessable offline.
  if (settings.signingKey.byteLength < MIN_KEY_BYTES) {
    throw new Error(`the access-token key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  return settings.signingKey;
}

export interface AccessTokenClaims {
  userId: string;
  organizationId: string;
  sessionId: string;
}

/** Signs an access token valid until `expiresAt` (Unix seconds). */
export async function signAccessToken(
  settings: AppTokenSettings,
  claims: AccessTokenClaims,
  times: { issuedAt: number; expiresAt: number },
): Promise<string> {
  return new SignJWT({ org: claims.organizationId, sid: claims.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: ACCESS_TOKEN_TYPE })
    .setSubject(claims.userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(times.issuedAt)
    .setExpirationTime(times.expiresAt)
    .setJti(randomUUID())
    .sign(keyOf(settings));
}

export type AccessTokenVerdict =
  | ({ valid: true } & AccessTokenClaims)
  | { valid: false; reason: "expired" | "invalid" };

/**
 * Checks an access token's signature, algorithm (HS256 only), type, issuer, audience and expiry.
 * It says nothing about its session: ask the session registry next.
 */
export async function verifyAccessToken(
  settings: AppTokenSettings,
  token: string,
  options: { now?: Date } = {},
): Promise<AccessTokenVerdict> {
  try {
    const { payload } = await jwtVerify(token, keyOf(settings), {
      algorithms: ["HS256"],
      typ: ACCESS_TOKEN_TYPE,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "exp", "iat", "jti", "sid", "org"],
      ...(options.now ? { currentDate: options.now } : {}),
    });
    const { sub, sid, org } = payload;
    if (typeof sub !== "string" || typeof sid !== "string" || typeof org !== "string") {
      return { valid: false, reason: "invalid" };
    }
    return { valid: true, userId: sub, sessionId: sid, organizationId: org };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { valid: false, reason: "expired" };
    if (error instanceof errors.JOSEError) return { valid: false, reason: "invalid" };
    throw error;
  }
}

export type AccessTokenCheck = { ok: true; userId: string; sessionId: string } | { ok: false; message: string };

/**
 * Who a `Bearer` access token stands for: a valid token whose app session the registry still
 * holds active (not revoked, expired or idle). The registry's cache hears of revocations in every
 * instance through its bus, so a revoked session is refused everywhere within a second.
 */
export async function checkAccessToken(
  settings: AppTokenSettings,
  sessions: Pick<SessionRegistry, "check">,
  token: string,
  options: { now?: Date } = {},
): Promise<AccessTokenCheck> {
  const verdict = await verifyAccessToken(settings, token, options);
  if (!verdict.valid) {
    return {
      ok: false,
      message: verdict.reason === "expired" ? APP_TOKEN_MESSAGES.expiredAccess : APP_TOKEN_MESSAGES.invalidAccess,
    };
  }
  const session = await sessions.check(verdict.sessionId, verdict.userId);
  if (!session.active) {
    const ended = session.reason === "expired" || session.reason === "idle";
    return { ok: false, message: ended ? APP_TOKEN_MESSAGES.sessionEnded : APP_TOKEN_MESSAGES.revokedAccess };
  }
  if (session.organizationId !== verdict.organizationId)
    return { ok: false, message: APP_TOKEN_MESSAGES.invalidAccess };
  return { ok: true, userId: verdict.userId, sessionId: verdict.sessionId };
}
