// When something the metrics count changes: the organization's cached answers are dropped (one
// generation bump, seen by every instance) and its dashboards are told (`dashboard.changed` with
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

/** The organization's numbers changed: drop its cached answers and tell its dashboards. Never throws. */
export async function metricsChanged(ctx: Pick<ServiceContext, "realtime" | "actor" | "metricsCache">): Promise<void> {
  try {
    await ctx.metricsCache?.invalidateOrganization(ctx.actor.orgId);
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
