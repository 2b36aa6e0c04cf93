// Erasure (GDPR article 17). An admin asks; the person is deactivated and signed out at once and
// the request waits out the organization's grace period (`erasureGraceDays`), during which an admin
// can undo it. Then `purgeDueErasures` (a scheduled job, over every organization) removes or
// anonymizes the person's personal data, model by model as docs/data-protection.md sets out, and
// finally scrubs the person's name and email from every text and JSON column of the
// organization's rows, wherever they were copied. The user row itself stays, as "Erased user", so
// the records the school keeps (scores, enrollments, content, audit rows) stay attached to it.
import { randomBytes } from "node:crypto";
import { type Database, hashPassword, Prisma, scopeToOrganization } from "@toolboxai/db";
import type { ErasureStatus, ErasureView, RequestErasureInput } from "@toolboxai/validators";
import { cancelTasksOfDeletedUser } from "../agents/tasks";
import { recordAudit } from "../audit/audit";
import { retireResetTokens } from "../auth/password-reset";
import type { ServiceContext } from "../context";
import { conflict, forbidden, invalid, notFound, preconditionFailed } from "../errors";
import { rollUpUserDeleted } from "../metrics/rollups";
import { publishDashboardChanged } from "../realtime/events";
import { processRevocations } from "../sessions/revocations";
import { endUserSessions } from "../sessions/sessions";
import { ERASED_NAME, identifiersOf, scrubIdentifiers, type Tx } from "./erasure-scrub";

export { ERASED_MARK, ERASED_NAME, MIN_SCRUB_LENGTH } from "./erasure-scrub";

const DAY_MS = 86_400_000;

/** What a removed message body, thread subject or free-text answer reads afterwards. */
export const REMOVED_MESSAGE = "[message removed]";
export const REMOVED_TEXT = "[removed]";
/** An agent execution's input after an erasure (its output is cleared; the token counts stay). */
export const ERASED_IO = { removed: "erasure" } as const;

/** The address an erased account keeps: unique, undeliverable, and free of the old one. */
export function erasedEmail(userId: string): string {
  return `erased-${userId}@erased.invalid`;
}

// --- request, cancel, list ---------------------------------------------------------------------

function assertAdmin(ctx: ServiceContext) {
  if (ctx.actor.role !== "ADMIN") throw forbidden("Only an admin can erase a person's data.");
}

/**
 * Starts an erasure: the person is deactivated, their sessions end and unused reset links stop
 * working; the purge is due after the organization's grace period. A deleted account may be erased
 * as well (it stays deleted). Refused for oneself, for the school's last active admin, and while
 * another erasure of the person is pending.
 */
export async function requestErasure(ctx: ServiceContext, input: RequestErasureInput): Promise<ErasureView> {
  assertAdmin(ctx);
  if (input.userId === ctx.actor.userId) throw invalid("You can't erase your own account. Ask another admin.");
  const org = await ctx.db.organization.findUniqueOrThrow({
    where: { id: ctx.actor.orgId },
    select: { erasureGraceDays: true },
  });
  const now = new Date();
  const purgeAfter = new Date(now.getTime() + Math.max(0, org.erasureGraceDays) * DAY_MS);
  const request = await ctx.db.$transaction(async (tx) => {
    // The same lock as the users service's last-admin guard: two admins erasing or deactivating
    // each other at the same moment are serialized, and the second one counts after the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('toolboxai.org-admins'), hashtext(${ctx.actor.orgId}))`;
    // A deleted account may be erased too: deletion keeps its records, erasure removes them.
    const user = await tx.user.findFirst({
      where: { id: input.userId },
      select: { id: true, name: true, role: true, active: true, deletedAt: true },
    });
    if (!user) throw notFound("User");
    const pending = await tx.erasureRequest.findFirst({
      where: { subjectId: user.id, status: "PENDING" },
      select: { id: true },
    });
    if (pending) throw conflict(`An erasure of ${user.name} is already pending.`);
    if (user.role === "ADMIN" && user.active && user.deletedAt === null) {
      const otherAdmins = await tx.user.count({
        where: { role: "ADMIN", active: true, deletedAt: null, id: { not: user.id } },
      });
      if (otherAdmins === 0)
        throw preconditionFailed(`${user.name} is the last admin of your school. Make someone else an admin first.`);
    }
    await retireResetTokens(tx, user.id, now);
    // Written only when it changes: a deactivated or deleted account is left exactly as it is.
    if (user.active) await tx.user.update({ where: { id: user.id }, data: { active: false } });
    return tx.erasureRequest.create({
      data: {
        organizationId: ctx.actor.orgId,
        subjectId: user.id,
        requestedById: ctx.actor.userId,
        reason: input.reason,
        requestedAt: now,
        purgeAfter,
        // Undo restores the account as it was (an already deactivated person stays deactivated, a
        // deleted one deleted).
        summary: { wasActive: user.active ? 1 : 0, wasDeleted: user.deletedAt ? 1 : 0 },
      },
      select: { id: true },
    });
  });
  const sessionsEnded = await endUserSessions(ctx, input.userId, { reason: "deactivated", now });
  await recordAudit(ctx, {
    action: "erasure.requested",
    targetType: "User",
    targetId: input.userId,
    metadata: { requestId: request.id, purgeAfter: purgeAfter.toISOString(), sessionsEnded },
  });
  publishDashboardChanged(ctx, "users");
  return erasureView(ctx, request.id, now);
}

/** Undoes a pending erasure within its grace period: the account is as it was before. */
export async function cancelErasure(ctx: ServiceContext, input: { requestId: string }): Promise<ErasureView> {
  assertAdmin(ctx);
  const now = new Date();
  const request = await ctx.db.erasureRequest.findFirst({
    where: { id: input.requestId },
    select: { id: true, status: true, subjectId: true, purgeAfter: true, summary: true },
  });
  if (!request) throw notFound("Erasure request");
  if (request.status !== "PENDING")
    throw conflict(
      request.status === "PURGED" ? "This person's data was already erased." : "This erasure was already undone.",
    );
  const wasActive = (request.summary as { wasActive?: unknown }).wasActive !== 0;
  await ctx.db.$transaction(async (tx) => {
    // Only while the grace lasts: the purge job claims due requests with the opposite condition.
    const claimed = await tx.erasureRequest.updateMany({
      where: { id: request.id, status: "PENDING", purgeAfter: { gt: now } },
      data: { status: "CANCELLED", cancelledAt: now, summary: {} },
    });
    if (claimed.count === 0) throw preconditionFailed("The grace period has ended: this erasure can't be undone.");
    await tx.user.updateMany({ where: { id: request.subjectId, deletedAt: null }, data: { active: wasActive } });
  });
  await recordAudit(ctx, {
    action: "erasure.cancelled",
    targetType: "User",
    targetId: request.subjectId,
    metadata: { requestId: request.id, reactivated: wasActive },
  });
  publishDashboardChanged(ctx, "users");
  return erasureView(ctx, request.id, now);
}

const erasureSelect = {
  id: true,
  status: true,
  reason: true,
  requestedById: true,
  requestedAt: true,
  purgeAfter: true,
  cancelledAt: true,
  purgedAt: true,
  summary: true,
  subject: { select: { id: true, name: true, email: true, role: true } },
} satisfies Prisma.ErasureRequestSelect;

type ErasureRow = Prisma.ErasureRequestGetPayload<{ select: typeof erasureSelect }>;

function daysLeft(purgeAfter: Date, now: Date): number {
  return Math.max(0, Math.ceil((purgeAfter.getTime() - now.getTime()) / DAY_MS));
}

function numbersOf(summary: Prisma.JsonValue): Record<string, number> {
  if (!summary || typeof summary !== "object" || Array.isArray(summary)) return {};
  return Object.fromEntries(
    Object.entries(summary).filter((entry): entry is [string, number] => typeof entry[1] === "number"),
  );
}

async function viewsOf(ctx: ServiceContext, rows: ErasureRow[], now: Date): Promise<ErasureView[]> {
  const requesterIds = [...new Set(rows.map((r) => r.requestedById).filter((id): id is string => id !== null))];
  const requesters = await ctx.db.user.findMany({
    where: { id: { in: requesterIds } },
    select: { id: true, name: true },
  });
  const byId = new Map(requesters.map((u) => [u.id, u]));
  return rows.map((row) => ({
    id: row.id,
    status: row.status as ErasureStatus,
    reason: row.reason,
    subject: row.subject,
    requestedBy: row.requestedById ? (byId.get(row.requestedById) ?? null) : null,
    requestedAt: row.requestedAt,
    purgeAfter: row.purgeAfter,
    daysLeft: row.status === "PENDING" ? daysLeft(row.purgeAfter, now) : null,
    cancelledAt: row.cancelledAt,
    purgedAt: row.purgedAt,
    summary: row.status === "PURGED" ? numbersOf(row.summary) : {},
  }));
}

async function erasureView(ctx: ServiceContext, id: string, now: Date): Promise<ErasureView> {
  const row = await ctx.db.erasureRequest.findFirstOrThrow({ where: { id }, select: erasureSelect });
  const [view] = await viewsOf(ctx, [row], now);
  return view as ErasureView;
}

/** The organization's erasure requests, pending first (soonest purge first), then the latest. */
export async function listErasures(ctx: ServiceContext): Promise<ErasureView[]> {
  assertAdmin(ctx);
  const now = new Date();
  const [pending, done] = await Promise.all([
    ctx.db.erasureRequest.findMany({
      where: { status: "PENDING" },
      select: erasureSelect,
      orderBy: [{ purgeAfter: "asc" }, { id: "asc" }],
      take: 200,
    }),
    ctx.db.erasureRequest.findMany({
      where: { status: { not: "PENDING" } },
      select: erasureSelect,
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      take: 100,
    }),
  ]);
  return viewsOf(ctx, [...pending, ...done], now);
}

// --- the purge -------------------------------------------------------------------------------

export interface PurgeResult {
  /** Requests purged now, with what each purge did. */
  purged: { requestId: string; organizationId: string; summary: Record<string, number> }[];
  /** Requests whose purge failed (retried on the next run). */
  failed: { requestId: string; error: string }[];
}

/**
 * The purge job: every pending erasure whose grace has ended, over every organization, one
 * transaction per person (a failure rolls that person back and leaves the request pending for the
 * next run). Takes the unscoped client; each purge scopes itself to the request's organization.
 */
export async function purgeDueErasures(db: Database, now: Date = new Date()): Promise<PurgeResult> {
  const due = await db.erasureRequest.findMany({
    where: { status: "PENDING", purgeAfter: { lte: now } },
    select: { id: true, organizationId: true, subjectId: true },
    orderBy: [{ purgeAfter: "asc" }, { id: "asc" }],
  });
  const result: PurgeResult = { purged: [], failed: [] };
  for (const request of due) {
    try {
      const summary = await purgeOne(db, request, now);
      if (summary) result.purged.push({ requestId: request.id, organizationId: request.organizationId, summary });
    } catch (error) {
      result.failed.push({ requestId: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

async function purgeOne(
  db: Database,
  request: { id: string; organizationId: string; subjectId: string },
  now: Date,
): Promise<Record<string, number> | null> {
  const scoped = scopeToOrganization(db, request.organizationId);
  // An unusable password: a hash of random bytes nobody keeps.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const summary = await scoped.$transaction(
    async (tx) => {
      // Claim it: a request undone a moment ago (or purged by another run) is left alone.
      const claimed = await tx.erasureRequest.updateMany({
        where: { id: request.id, status: "PENDING", purgeAfter: { lte: now } },
        data: { status: "PURGED", purgedAt: now },
      });
      if (claimed.count === 0) return null;
      const subject = await tx.user.findUniqueOrThrow({
        where: { id: request.subjectId },
        select: { id: true, name: true, email: true, deletedAt: true },
      });
      const needles = await identifiersOf(tx, subject);
      const counts = await eraseModels(tx, request.organizationId, subject.id, now);
      await tx.user.update({
        where: { id: subject.id },
        data: {
          name: ERASED_NAME,
          email: erasedEmail(subject.id),
          passwordHash,
          active: false,
          // An account deleted before its erasure keeps the day it was deleted (the day counted).
          deletedAt: subject.deletedAt ?? now,
          sourcedId: null,
          birthDate: null,
          lastSignInAt: null,
          mustChangePassword: false,
        },
      });
      counts.textsScrubbed = await scrubIdentifiers(tx, request.organizationId, needles);
      await tx.erasureRequest.update({ where: { id: request.id }, data: { summary: counts } });
      // A system event: no actor, ids and counts only.
      await tx.auditLog.create({
        data: {
          organizationId: request.organizationId,
          actorId: null,
          action: "erasure.purged",
          targetType: "User",
          targetId: subject.id,
          metadata: { requestId: request.id, ...counts },
        },
      });
      return { counts, wasDeleted: subject.deletedAt !== null };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  if (!summary) return null;
  processRevocations.announce({ userIds: [request.subjectId] });
  const system = {
    db: scoped,
    actor: { userId: request.subjectId, orgId: request.organizationId, role: "ADMIN", name: "", email: "", scopes: [] },
  } satisfies ServiceContext;
  // An account deleted earlier was counted among the deleted users then.
  if (!summary.wasDeleted) await rollUpUserDeleted(system, request.subjectId);
  return summary.counts;
}

/** The model-by-model policy (docs/data-protection.md); returns counts per kind of row. */
async function eraseModels(tx: Tx, organizationId: string, userId: string, now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = async (key: string, p: Promise<{ count: number }>) => {
    counts[key] = (await p).count;
  };
  // Deleted: what exists only to let the person act, or links them to others.
  await count("sessionsDeleted", tx.session.deleteMany({ where: { userId } })); // refresh tokens cascade
  await count("apiKeysDeleted", tx.apiKey.deleteMany({ where: { userId } })); // usage rows cascade
  await count("resetTokensDeleted", tx.passwordResetToken.deleteMany({ where: { userId } }));
  await count(
    "parentLinksDeleted",
    tx.parentStudentLink.deleteMany({ where: { OR: [{ parentId: userId }, { studentId: userId }] } }),
  );
  await count("consentsDeleted", tx.parentalConsent.deleteMany({ where: { studentId: userId } }));
  // The person's AI assistant and tutor conversations are theirs alone (messages cascade).
  await count("conversationsDeleted", tx.conversation.deleteMany({ where: { userId } }));
  // A consent the person gave as a parent stays the child's record; who gave it is forgotten.
  await count(
    "consentsAnonymized",
    tx.parentalConsent.updateMany({ where: { parentId: userId }, data: { parentId: null } }),
  );
  await count(
    "exportsDeleted",
    tx.dataExport.deleteMany({ where: { OR: [{ subjectId: userId }, { requestedById: userId }] } }),
  );
  // Every other export of the organization built before now may name the person (a classmate's
  // messages, a teacher's classes): its zip is not text the scrub below can reach, so the file goes
  // and its link answers "gone" (the row stays, expired, and the person may ask again).
  await count(
    "exportFilesDeleted",
    tx.dataExport.updateMany({
      where: { organizationId, file: { not: null }, createdAt: { lte: now } },
      data: { file: null, expiresAt: now },
    }),
  );
  // Kept as the school's records, emptied of what the person wrote: scores stay, answers go.
  await count(
    "attemptsBlanked",
    tx.attempt.updateMany({ where: { studentId: userId }, data: { responses: {}, feedback: null } }),
  );
  await count(
    "answersBlanked",
    tx.attemptAnswer.updateMany({
      where: { attempt: { studentId: userId } },
      data: { response: Prisma.JsonNull, comment: null, overrideReason: null },
    }),
  );
  // Messages: the person's own bodies go, and so does the whole of a direct conversation they
  // took part in (it is correspondence with them); announcements to a class they were in stay.
  const direct = await tx.messageThread.findMany({
    where: { kind: "DIRECT", participants: { some: { userId } } },
    select: { id: true },
  });
  const directIds = direct.map((t) => t.id);
  await count(
    "messagesRemoved",
    tx.message.updateMany({
      where: { OR: [{ authorId: userId }, { threadId: { in: directIds } }], NOT: { body: REMOVED_MESSAGE } },
      data: { body: REMOVED_MESSAGE },
    }),
  );
  await count(
    "threadSubjectsRemoved",
    tx.messageThread.updateMany({
      where: { OR: [{ createdById: userId }, { id: { in: directIds } }] },
      data: { subject: REMOVED_TEXT },
    }),
  );
  // Generation: running tasks stop; the prompts and model outputs go (the token counts stay).
  counts.agentTasksCancelled = await cancelTasksOfDeletedUser(tx, userId, now);
  await count(
    "agentExecutionsCleared",
    tx.agentExecution.updateMany({
      where: { task: { createdById: userId } },
      data: { input: ERASED_IO, output: Prisma.DbNull, error: null },
    }),
  );
  // Counted, not changed: they carry no text of the person and keep the aggregates right.
  counts.enrollmentsKept = await tx.enrollment.count({ where: { studentId: userId } });
  counts.attemptsKept = await tx.attempt.count({ where: { studentId: userId } });
  counts.lessonProgressKept = await tx.lessonProgress.count({ where: { studentId: userId } });
  counts.auditRowsKept = await tx.auditLog.count({ where: { actorId: userId } });
  counts.activityEventsKept = await tx.activityEvent.count({ where: { userId } });
  return counts;
}

/**
 * The purge as a data-protection job (a `DataProtectionJob` of ./schedule.ts, which runs it with
 * the retention job; typed here by shape so neither module imports the other).
 */
export const erasurePurgeJob: { name: string; run(db: Database, now: Date): Promise<PurgeResult> } = {
  name: "erasure-purge",
  run: (db, now) => purgeDueErasures(db, now),
};
