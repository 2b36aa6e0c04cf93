// The access tokens of first-party apps (POST /api/v1/auth/token): who a `Bearer <jwt>` is. The
// JWT is checked (HS256 only, our issuer and audience, `at+jwt`, unexpired) and then its app
// session with this process's session registry, whose cache hears of every revocation through
// the Redis bus: a session ended on any instance stops its access tokens here within a second.
// Tokens are never logged.
import "server-only";
import type { AuthRejection, AuthResult } from "@toolboxai/api";
import { type AppTokenSettings, appTokenSettings, checkAccessToken } from "@toolboxai/core";
import { env } from "~/env";
import { getSessionRegistry } from "./options";

let settings: AppTokenSettings | null = null;

/** What app tokens are signed with: derived from the app's one secret, so every instance agrees. */
export function getAppTokenSettings(): AppTokenSettings {
  settings ??= appTokenSettings(env.authSecret);
  return settings;
}

/** The user and app session of a bearer access token, or why it is refused. */
export async function authenticateAccessToken(token: string): Promise<AuthResult | AuthRejection> {
  const check = await checkAccessToken(getAppTokenSettings(), getSessionRegistry(), token);
  return check.ok
    ? { userId: check.userId, sessionId: check.sessionId }
    : { rejected: { code: "UNAUTHORIZED", message: check.message } };
}
