// Password reset links: "Forgot password" on the sign-in page, and the link an admin makes for a
// person. A link carries 32 random bytes; only their SHA-256 is stored (PasswordResetToken), so a
// copy of the database opens no account. A link works once, for 24 hours, and a newer link
// replaces older ones. Using it sets the password, ends every session of the account and is
// audited. "Forgot password" runs before there is an actor, so it takes the unscoped client and
// scopes its writes to the account's organization, as sign-in does.
import { createHash, randomBytes } from "node:crypto";
import { type Database, hashPassword, type ScopedDatabase, scopeToOrganization } from "@toolboxai/db";
import type { ForgotPasswordInput, ResetPasswordInput, ResetTokenStatus } from "@toolboxai/validators";
import { toActor } from "../actor";
import { recordAudit } from "../audit/audit";
import { DomainError } from "../errors";
import { type MailSettings, mailSettings } from "../mail/mailer";
import type { RateLimiter } from "../rate-limit/limiter";
import { endUserSessions } from "../sessions/sessions";

export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function resetUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/reset-password?token=${encodeURIComponent(token)}`;
}

/**
 * Stops every unused link of `userId` (marks it used): when a newer link replaces them, and when
 * the account changes in a way a link must not outlive (a new email, a new password,
 * deactivation, deletion). Takes the scoped client or a transaction of it.
 */
export async function retireResetTokens(
  db: Pick<ScopedDatabase, "passwordResetToken">,
  userId: string,
  now: Date = new Date(),
): Promise<number> {
  const { count } = await db.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  return count;
}

/**
 * A new single-use link for `userId`: earlier unused links of the account stop working. Returns
 * the token (shown or sent once, never stored) and when it expires. One transaction behind a lock
 * on the account, so two requests at the same moment leave one live link, not two.
 */
export async function createResetToken(
  db: ScopedDatabase,
  input: { userId: string; orgId: string; createdById: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_LINK_TTL_MS);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('toolboxai.reset-link'), hashtext(${input.userId}))`;
    await retireResetTokens(tx, input.userId, now);
    await tx.passwordResetToken.create({
      data: {
        organizationId: input.orgId,
        userId: input.userId,
        tokenHash: hashResetToken(token),
        createdById: input.createdById,
        expiresAt,
      },
    });
  });
  return { token, expiresAt };
}

/** The message that carries a reset link to its account's address. */
export function resetMail(input: { to: string; name: string; links: { school: string; url: string }[] }) {
  const lines =
    input.links.length === 1
      ? [`Open this link to choose a new password:`, "", input.links[0]?.url ?? ""]
      : [
          "Your email has an account at more than one school. Open the link of the account you want to reset:",
          "",
          ...input.links.flatMap((l) => [`${l.school}:`, l.url, ""]),
        ];
  return {
    to: input.to,
    subject: "Choose a new ToolboxAI password",
    text: [
      `Hello ${input.name},`,
      "",
      ...lines,
      "",
      "The link works once, for 24 hours. If you didn't ask for it, ignore this message: your password stays as it is.",
    ].join("\n"),
    links: input.links.map((l) => l.url),
  };
}

export interface PasswordResetDeps {
  db: Database;
  /** Counts requests per client IP and per email; null: not limited (tests, scripts). */
  limiter?: RateLimiter | null;
  ip?: string | null;
  correlationId?: string | undefined;
  /** Where the mail goes and where links point (this process's settings by default). */
  mail?: MailSettings;
  /** Called with the delivery of the message (tests wait for it; the request never does). */
  onDelivery?: (delivery: Promise<void>) => void;
  logger?: { error(obj: object, msg: string): void };
  now?: Date;
}

/**
 * "Forgot password". Always answers the same (nothing says whether the email has an account), and
 * answers before any per-account work: finding the accounts, making their links, the audit and
 * the message all happen in the background (errors are logged), so a known address answers as
 * fast as an unknown one. Accounts are found as sign-in finds them: every active account with this
 * address, oldest first, in each school (one message, one link per school).
 */
export async function requestPasswordReset(deps: PasswordResetDeps, input: ForgotPasswordInput): Promise<void> {
  const email = input.email;
  if (deps.limiter) {
    await deps.limiter.enforce("password-reset.ip", deps.ip ?? "unknown");
    await deps.limiter.enforce("password-reset.email", email);
  }
  const delivery = sendResetLinks(deps, email).catch((error: unknown) => {
    deps.logger?.error({ err: error }, "password reset mail could not be sent");
  });
  deps.onDelivery?.(delivery);
}

async function sendResetLinks(deps: PasswordResetDeps, email: string): Promise<void> {
  const accounts = await deps.db.user.findMany({
    where: { email, active: true, deletedAt: null },
    orderBy: { createdAt: "asc" },
    take: 10,
    include: { organization: { select: { name: true } } },
  });
  if (accounts.length === 0) return;
  const mail = deps.mail ?? mailSettings();
  const links: { school: string; url: string }[] = [];
  for (const user of accounts) {
    const db = scopeToOrganization(deps.db, user.organizationId);
    const { token } = await createResetToken(db, {
      userId: user.id,
      orgId: user.organizationId,
      createdById: null,
      ...(deps.now ? { now: deps.now } : {}),
    });
    links.push({ school: user.organization.name, url: resetUrl(mail.appUrl, token) });
    // Anyone can ask for any address: the request is not the account holder's act, so it has no
    // actor; the asking IP is what the record can say about who asked.
    await db.auditLog.create({
      data: {
        organizationId: user.organizationId,
        actorId: null,
        action: "auth.password_reset_requested",
        targetType: "User",
        targetId: user.id,
        metadata: { delivery: mail.mailer.kind, ...(deps.ip ? { ip: deps.ip } : {}) },
        correlationId: deps.correlationId ?? null,
      },
    });
  }
  const first = accounts[0] as (typeof accounts)[number];
  await mail.mailer.send(resetMail({ to: email, name: first.name, links }));
}

async function findToken(db: Database, token: string) {
  return db.passwordResetToken.findUnique({
    where: { tokenHash: hashResetToken(token) },
    include: { user: true },
  });
}

type TokenRow = NonNullable<Awaited<ReturnType<typeof findToken>>>;

function refusal(row: TokenRow | null, now: Date): "unknown" | "expired" | "used" | null {
  if (!row || row.user.deletedAt || !row.user.active) return "unknown";
  if (row.usedAt) return "used";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

const REFUSALS = {
  unknown: "This link is not valid. Ask for a new one from the sign-in page.",
  used: "This link has already been used. Ask for a new one from the sign-in page.",
  expired: "This link has expired. Ask for a new one from the sign-in page.",
} as const;

/** Whether a link can still be used (the reset page asks before showing its form). */
export async function resetTokenStatus(
  deps: Pick<PasswordResetDeps, "db" | "now">,
  input: { token: string },
): Promise<ResetTokenStatus> {
  const now = deps.now ?? new Date();
  const row = await findToken(deps.db, input.token);
  const reason = refusal(row, now);
  if (reason || !row) return { valid: false, reason: reason ?? "unknown" };
  return { valid: true, email: row.user.email, expiresAt: row.expiresAt };
}

/**
 * Sets a new password with a link: marks the link used (once, even when two requests race), ends
 * every session of the account and audits it. Returns the account's email for signing in.
 */
export async function resetPassword(
  deps: Pick<PasswordResetDeps, "db" | "now" | "correlationId" | "ip">,
  input: ResetPasswordInput,
): Promise<{ email: string }> {
  const now = deps.now ?? new Date();
  const row = await findToken(deps.db, input.token);
  const reason = refusal(row, now);
  if (reason || !row) throw new DomainError("PRECONDITION_FAILED", REFUSALS[reason ?? "unknown"]);
  const db = scopeToOrganization(deps.db, row.organizationId);
  const passwordHash = await hashPassword(input.password);
  const claimed = await db.passwordResetToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) throw new DomainError("PRECONDITION_FAILED", REFUSALS.used);
  // A password of their own choosing: no longer a temporary one to replace.
  await db.user.update({ where: { id: row.userId }, data: { passwordHash, mustChangePassword: false } });
  const sessionsEnded = await endUserSessions({ db }, row.userId, { reason: "password_reset", now });
  await recordAudit(
    { db, actor: toActor(row.user), correlationId: deps.correlationId },
    {
      action: "auth.password_reset",
      targetType: "User",
      targetId: row.userId,
      metadata: {
        sessionsEnded,
        linkFrom: row.createdById ? "admin" : "forgot_password",
        ...(deps.ip ? { ip: deps.ip } : {}),
      },
    },
  );
  return { email: row.user.email };
}
