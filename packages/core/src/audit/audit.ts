// Audit trail and activity events. Every meaningful action writes through these two.
import type { Prisma } from "@toolboxai/db";
import type { ServiceContext } from "../context";
import { rollUpActivity } from "../metrics/rollups";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonObject;
}

/**
 * Records an action by ctx.actor. Besides the entry's own metadata, the row says which API key or
 * session acted (`apiKeyId`, `sessionId`) and the server-chosen `requestId`; `correlationId` is the
 * chain id, which a caller may choose.
 */
export function recordAudit(ctx: ServiceContext, entry: AuditEntry) {
  const { apiKeyId, sessionId } = ctx.actor;
  return ctx.db.auditLog.create({
    data: {
      organizationId: ctx.actor.orgId,
      actorId: ctx.actor.userId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      metadata: {
        ...entry.metadata,
        ...(apiKeyId ? { apiKeyId } : {}),
        ...(sessionId ? { sessionId } : {}),
        ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
      },
      correlationId: ctx.correlationId ?? null,
    },
  });
}

/**
 * Records an activity event by ctx.actor, and counts it in the metrics' daily rollups in the same
 * request (see ../metrics/rollups.ts; a failed rollup write is logged, never thrown).
 */
export async function recordActivity(ctx: ServiceContext, type: string, metadata: Prisma.InputJsonObject = {}) {
  const event = await ctx.db.activityEvent.create({
    data: { organizationId: ctx.actor.orgId, userId: ctx.actor.userId, type, metadata },
  });
  await rollUpActivity(ctx, event);
  return event;
}
