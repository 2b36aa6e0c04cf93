// When something the metrics count changes: the cached answers it can change are dropped (the
// organization scope's, and those of the teachers whose classes hold the users concerned: one
// generation bump each, seen by every instance) and the organization's dashboards are told (`dashboard.changed` with
// `what: "metrics"` on private-org-{org}-dashboard), at most once per NOTIFY_WINDOW_MS per
// organization and process: the first change is sent at once, later ones in the window are folded
// into one sent at its end, so a page never misses the last change. Neither step ever fails the
// action that caused it: errors are logged and the action goes on.
import pino from "pino";
import type { ServiceContext } from "../context";
import { correlationLogFields } from "../correlation/scope";
import { publishDashboardChanged } from "../realtime/events";

export const NOTIFY_WINDOW_MS = 3000;

const log = pino({ base: { service: "metrics" }, mixin: correlationLogFields });

/** Per organization: when the last notice went out, and whether one is waiting for the window's end. */
const notices = new Map<string, { sentAt: number; pending: ReturnType<typeof setTimeout> | null }>();

function notify(ctx: Pick<ServiceContext, "realtime" | "actor">): void {
  if (!ctx.realtime) return;
  const org = ctx.actor.orgId;
  const now = Date.now();
  const slot = notices.get(org);
  if (!slot || now - slot.sentAt >= NOTIFY_WINDOW_MS) {
    if (slot?.pending) clearTimeout(slot.pending);
    notices.set(org, { sentAt: now, pending: null });
    publishDashboardChanged(ctx, "metrics");
    return;
  }
  if (slot.pending) return;
  const target = { realtime: ctx.realtime, actor: ctx.actor };
  slot.pending = setTimeout(
    () => {
      notices.set(org, { sentAt: Date.now(), pending: null });
      publishDashboardChanged(target, "metrics");
    },
    NOTIFY_WINDOW_MS - (now - slot.sentAt),
  );
  slot.pending.unref?.();
}

/**
 * The teachers whose scope holds any of these users: the users themselves when they are teachers
 * (a teacher's scope is them and their classes' students), and the teachers of the (not archived)
 * classes they are enrolled in.
 */
export async function teachersOf(ctx: Pick<ServiceContext, "db">, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const ids = [...new Set(userIds)];
  const [teachers, classes] = await Promise.all([
    ctx.db.user.findMany({ where: { id: { in: ids }, role: "TEACHER" }, select: { id: true } }),
    ctx.db.class.findMany({
      where: { archivedAt: null, enrollments: { some: { studentId: { in: ids } } } },
      select: { teacherId: true },
    }),
  ]);
  return [...new Set([...teachers.map((t) => t.id), ...classes.map((c) => c.teacherId)])];
}

/**
 * Numbers changed: drop the organization-scope answers and those of the teachers whose classes
 * hold the users concerned (`userIds`: whose activity, account or content it is; the actor when
 * not given), and tell the organization's dashboards. Never throws.
 */
export async function metricsChanged(
  ctx: Pick<ServiceContext, "realtime" | "actor" | "metricsCache" | "db">,
  about: { userIds?: readonly string[] } = {},
): Promise<void> {
  try {
    if (ctx.metricsCache) {
      const teachers = await teachersOf(ctx, about.userIds ?? [ctx.actor.userId]);
      await ctx.metricsCache.invalidateScopes(ctx.actor.orgId, teachers);
    }
  } catch (error) {
    log.warn({ err: error, organizationId: ctx.actor.orgId }, "metrics cache invalidation failed");
  }
  try {
    notify(ctx);
  } catch (error) {
    log.warn({ err: error, organizationId: ctx.actor.orgId }, "metrics change notice failed");
  }
}

/** Logs a failed rollup write (the action it counts goes on; a rebuild repairs the counters). */
export function rollupFailed(error: unknown, organizationId: string, what: string): void {
  log.error({ err: error, organizationId, what }, "metrics rollup update failed");
}
