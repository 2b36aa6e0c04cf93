// The access tokens of first-party apps (POST /api/v1/auth/token): who a `Bearer <jwt>` is.
import "server-only";
import type { AuthRejection, AuthResult } from "@toolboxai/api";

/** The user and app session of a bearer access token, or why it is refused. */
export async function authenticateAccessToken(_token: string): Promise<AuthResult | AuthRejection> {
  return { rejected: { code: "UNAUTHORIZED", message: "This access token is not valid." } };
}
