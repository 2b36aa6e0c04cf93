// Audit trail and activity events. Every meaningful action writes through these two.
import type { Prisma } from "@toolboxai/db";
import type { ServiceContext } from "../context";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonObject;
}

export function recordAudit(ctx: ServiceContext, entry: AuditEntry) {
  return ctx.db.auditLog.create({
    data: {
      organizationId: ctx.actor.orgId,
      actorId: ctx.actor.userId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      metadata: entry.metadata ?? {},
      correlationId: ctx.correlationId ?? null,
    },
  });
}

export function recordActivity(ctx: ServiceContext, type: string, metadata: Prisma.InputJsonObject = {}) {
  return ctx.db.activityEvent.create({
    data: { organizationId: ctx.actor.orgId, userId: ctx.actor.userId, type, metadata },
  });
}
