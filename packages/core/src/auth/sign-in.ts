// Sign-in: verifies email + password and records the attempt. Runs before there is an
// actor, so it takes the unscoped client and scopes its writes to the user's organization.
import { type Database, dummyPasswordHash, scopeToOrganization, verifyPassword } from "@toolboxai/db";
import { signInSchema } from "@toolboxai/validators";
import { type Actor, toActor } from "../actor";
import { recordActivity, recordAudit } from "../audit/audit";
import { isAllowedEmail } from "../organization/settings";

/** Whether the organization's allowed email domains (empty: any) admit this address. */
async function signInDomainAllowed(db: Database, organizationId: string, email: string): Promise<boolean> {
  const org = await db.organization.findUnique({
    where: { id: organizationId },
    select: { allowedEmailDomains: true },
  });
  return isAllowedEmail(org?.allowedEmailDomains ?? [], email);
}

export interface SignInDeps {
  db: Database;
  correlationId?: string | undefined;
  ip?: string | undefined;
  /** Only this school's account (an organization slug), for an email with accounts in several. */
  organizationSlug?: string | undefined;
}

/** Returns the signed-in actor, or null for any failure (one generic outcome for callers). */
export async function authenticate(deps: SignInDeps, credentials: unknown): Promise<Actor | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  // An email is unique within an organization, so one address may hold accounts in several
  // schools: the account is the oldest one whose password matches (else the oldest, to audit).
  const candidates = await deps.db.user.findMany({
    where: { email, ...(deps.organizationSlug ? { organization: { slug: deps.organizationSlug } } : {}) },
    orderBy: { createdAt: "asc" },
    take: 10,
  });
  // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
  let user = candidates[0];
  let ok = false;
  if (!user) await verifyPassword(await dummyPasswordHash(), password);
  for (const candidate of candidates) {
    if (await verifyPassword(candidate.passwordHash, password)) {
      user = candidate;
      ok = true;
      break;
    }
  }
  if (!user) return null;

  const actor = toActor(user);
  const ctx = { db: scopeToOrganization(deps.db, user.organizationId), actor, correlationId: deps.correlationId };

  const refusedBecause = !ok
    ? "wrong_password"
    : !user.active
      ? "deactivated"
      : user.deletedAt
        ? "deleted"
        : !(await signInDomainAllowed(deps.db, user.organizationId, user.email))
          ? "email_domain_not_allowed"
          : null;
  if (refusedBecause) {
    await recordAudit(ctx, {
      action: "auth.sign_in_failed",
      targetType: "User",
      targetId: user.id,
      metadata: { reason: refusedBecause, ...(deps.ip ? { ip: deps.ip } : {}) },
    });
    return null;
  }

  await ctx.db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAudit(ctx, {
    action: "auth.sign_in",
    targetType: "User",
    targetId: user.id,
    metadata: deps.ip ? { ip: deps.ip } : {},
  });
  await recordActivity(ctx, "sign_in");
  return actor;
}

export async function recordSignOut(deps: { db: Database }, userId: string): Promise<void> {
  const user = await deps.db.user.findUnique({ where: { id: userId } });
  if (!user) return;
  const actor: Actor = {
    userId,
    orgId: user.organizationId,
    role: user.role,
    name: user.name,
    email: user.email,
    scopes: [],
  };
  await recordAudit(
    { db: scopeToOrganization(deps.db, user.organizationId), actor },
    {
      action: "auth.sign_out",
      targetType: "User",
      targetId: userId,
    },
  );
}
