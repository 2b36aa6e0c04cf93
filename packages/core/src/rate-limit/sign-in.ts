// Sign-in behind the limiter: an email + IP that failed too often in a row, or an IP over its daily
// failures, is refused before the password is even checked, with the time it must wait. Failed
// sign-ins are audited by `authenticate`; blocks and blocked attempts are audited here (for a known
// user: the audit log belongs to an organization).
import { type Database, scopeToOrganization } from "@toolboxai/db";
import { signInSchema } from "@toolboxai/validators";
import { type Actor, toActor } from "../actor";
import { recordAudit } from "../audit/audit";
import { authenticate } from "../auth/sign-in";
import type { RateLimiter } from "./limiter";

export interface LimitedSignInDeps {
  db: Database;
  limiter: RateLimiter;
  /** The client's address as the trusted-proxy setting resolves it; null when unknown. */
  ip: string | null;
  correlationId?: string | undefined;
  /** Only this school's account (see `authenticate`); the limits still count per email + IP. */
  organizationSlug?: string | undefined;
}

export type SignInOutcome =
  | { ok: true; actor: Actor }
  /** `retryAfterSeconds`: too many attempts, try again then; null: the credentials were refused. */
  | { ok: false; retryAfterSeconds: number | null };

/** The address limits count when the real one is unknown: every such attempt shares it. */
const UNKNOWN_IP = "unknown";

export async function signInWithLimits(deps: LimitedSignInDeps, credentials: unknown): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return { ok: false, retryAfterSeconds: null };
  const { email } = parsed.data;
  const ip = deps.ip ?? UNKNOWN_IP;
  const gate = deps.limiter.signIn;

  const wait = await gate.blocked(email, ip);
  if (wait !== null) {
    if (await gate.shouldAuditBlocked(email, ip)) {
      await auditKnownUser(deps, email, "auth.sign_in_blocked", {
        reason: "too_many_attempts",
        retryAfterSeconds: wait,
      });
    }
    return { ok: false, retryAfterSeconds: wait };
  }

  const actor = await authenticate(
    {
      db: deps.db,
      correlationId: deps.correlationId,
      ip: deps.ip ?? undefined,
      organizationSlug: deps.organizationSlug,
    },
    parsed.data,
  );
  if (actor) {
    await gate.succeeded(email, ip);
    return { ok: true, actor };
  }
  const blockedFor = await gate.failed(email, ip);
  if (blockedFor !== null) {
    await auditKnownUser(deps, email, "auth.sign_in_locked", { reason: "too_many_failures", blockSeconds: blockedFor });
  }
  return { ok: false, retryAfterSeconds: blockedFor };
}

/** An audit row on the oldest account with this email (the one `authenticate` audits too). */
async function auditKnownUser(
  deps: LimitedSignInDeps,
  email: string,
  action: string,
  metadata: Record<string, string | number>,
): Promise<void> {
  const user = await deps.db.user.findFirst({ where: { email }, orderBy: { createdAt: "asc" } });
  if (!user) return;
  await recordAudit(
    { db: scopeToOrganization(deps.db, user.organizationId), actor: toActor(user), correlationId: deps.correlationId },
    { action, targetType: "User", targetId: user.id, metadata: { ...metadata, ...(deps.ip ? { ip: deps.ip } : {}) } },
  );
}
