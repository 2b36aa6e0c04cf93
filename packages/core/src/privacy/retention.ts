// Data retention: activity events, audit rows and agent prompts older than the organization's
// periods are removed (a null period keeps them forever). Takes a raw Database so a job can call it.
import { type Database, Prisma } from "@toolboxai/db";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";

const DAY_MS = 86_400_000;
export const REMOVED_IO = { removed: "retention" } as const;

export interface RetentionKind {
  /** Rows older than this are removed; null when the period is unset (kept forever). */
  cutoff: Date | null;
  count: number;
}

export interface RetentionPreview {
  activity: RetentionKind;
  audit: RetentionKind;
  agentIo: RetentionKind;
}

function cutoffOf(days: number | null, now: Date): Date | null {
  return days == null ? null : new Date(now.getTime() - days * DAY_MS);
}

async function cutoffs(db: Database, organizationId: string, now: Date) {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { retentionActivityDays: true, retentionAuditDays: true, retentionAgentIoDays: true },
  });
  return {
    activity: cutoffOf(org.retentionActivityDays, now),
    audit: cutoffOf(org.retentionAuditDays, now),
    agentIo: cutoffOf(org.retentionAgentIoDays, now),
  };
}

const ioWhere = (organizationId: string, cutoff: Date) => ({
  organizationId,
  startedAt: { lt: cutoff },
  NOT: { input: { equals: REMOVED_IO } },
});

/** What applyRetention would remove now, per kind (nothing is changed). */
export async function previewRetention(
  db: Database,
  organizationId: string,
  now: Date = new Date(),
): Promise<RetentionPreview> {
  const c = await cutoffs(db, organizationId, now);
  const [activity, audit, agentIo] = await Promise.all([
    c.activity ? db.activityEvent.count({ where: { organizationId, createdAt: { lt: c.activity } } }) : 0,
    c.audit ? db.auditLog.count({ where: { organizationId, createdAt: { lt: c.audit } } }) : 0,
    c.agentIo ? db.agentExecution.count({ where: ioWhere(organizationId, c.agentIo) }) : 0,
  ]);
  return {
    activity: { cutoff: c.activity, count: activity },
    audit: { cutoff: c.audit, count: audit },
    agentIo: { cutoff: c.agentIo, count: agentIo },
  };
}

/**
 * Deletes old activity events and audit rows, clears old agent executions' input and output (the
 * rows and token counts stay), and records `retention.applied` with the counts (no actor: the
 * scheduled job; `audit: false` when the caller records it itself).
 */
export async function applyRetention(
  db: Database,
  organizationId: string,
  now: Date = new Date(),
  options: { audit?: boolean } = {},
): Promise<RetentionPreview> {
  const c = await cutoffs(db, organizationId, now);
  const activity = c.activity
    ? (await db.activityEvent.deleteMany({ where: { organizationId, createdAt: { lt: c.activity } } })).count
    : 0;
  const audit = c.audit
    ? (await db.auditLog.deleteMany({ where: { organizationId, createdAt: { lt: c.audit } } })).count
    : 0;
  const agentIo = c.agentIo
    ? (
        await db.agentExecution.updateMany({
          where: ioWhere(organizationId, c.agentIo),
          data: { input: REMOVED_IO, output: Prisma.DbNull },
        })
      ).count
    : 0;
  // The scheduled run is audited when it removed something (not once an hour for nothing).
  if (options.audit !== false && activity + audit + agentIo > 0) {
    await db.auditLog.create({
      data: {
        organizationId,
        actorId: null,
        action: "retention.applied",
        metadata: { activity, audit, agentIo },
      },
    });
  }
  return {
    activity: { cutoff: c.activity, count: activity },
    audit: { cutoff: c.audit, count: audit },
    agentIo: { cutoff: c.agentIo, count: agentIo },
  };
}

/** applyRetention for every organization; returns the counts by organization id. */
export async function applyRetentionAll(db: Database, now: Date = new Date()) {
  const orgs = await db.organization.findMany({ select: { id: true } });
  const results: Record<string, RetentionPreview> = {};
  for (const org of orgs) results[org.id] = await applyRetention(db, org.id, now);
  return results;
}

// The scoped client adds the same organizationId the queries already filter on.
const rawOf = (ctx: ServiceContext) => ctx.db as unknown as Database;

export function retentionPreview(ctx: ServiceContext) {
  return previewRetention(rawOf(ctx), ctx.actor.orgId);
}

/** An admin's "Run now": applied at once, and audited as the admin's action. */
export async function retentionRun(ctx: ServiceContext) {
  const result = await applyRetention(rawOf(ctx), ctx.actor.orgId, new Date(), { audit: false });
  await recordAudit(ctx, {
    action: "retention.applied",
    targetType: "Organization",
    targetId: ctx.actor.orgId,
    metadata: {
      activity: result.activity.count,
      audit: result.audit.count,
      agentIo: result.agentIo.count,
      manual: true,
    },
  });
  return result;
}
