// The credentials check behind next-auth's sign-in form: who the person is, from what address,
// behind the sign-in limits (consecutive failures per email + IP, failures per IP per day).
import "server-only";
import { clientAddress, signInWithLimits } from "@toolboxai/core";
import type { User } from "next-auth";
import { tooManyAttemptsCode } from "~/app/signin/too-many-attempts";
import { getDb } from "~/server/db";
import { getRateLimiter, proxyTrust } from "~/server/rate-limit";

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === "string" ? value : undefined;
}

/** Thrown for a sign-in that must wait: next-auth hands its message to the page as the error. */
export class TooManySignInAttempts extends Error {
  override readonly name = "TooManySignInAttempts";
  constructor(readonly retryAfterSeconds: number) {
    super(tooManyAttemptsCode(retryAfterSeconds));
  }
}

/**
 * next-auth's `authorize`: the signed-in user, or null when the credentials are refused. Throws
 * TooManySignInAttempts while the email and address (or the address) must wait.
 */
export async function authorizeCredentials(
  credentials: Record<string, string> | undefined,
  req: { headers?: Record<string, unknown> },
): Promise<User | null> {
  const headers = req.headers;
  // The trusted client IP (never a client's own header), for the limits, the audit and the session.
  const ip = clientAddress((name) => header(headers, name), proxyTrust()).ip;
  const outcome = await signInWithLimits(
    {
      db: getDb(),
      limiter: getRateLimiter(),
      ip,
      correlationId: header(headers, "x-request-id") ?? crypto.randomUUID(),
    },
    credentials,
  );
  if (!outcome.ok) {
    if (outcome.retryAfterSeconds !== null) throw new TooManySignInAttempts(outcome.retryAfterSeconds);
    return null;
  }
  const { actor } = outcome;
  return {
    id: actor.userId,
    name: actor.name,
    email: actor.email,
    role: actor.role,
    orgId: actor.orgId,
    // Where the sign-in came from: recorded on the session it starts.
    client: { userAgent: header(headers, "user-agent") ?? "", ip: ip ?? "" },
  };
}
