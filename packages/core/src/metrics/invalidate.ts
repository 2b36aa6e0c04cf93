// `POST /metrics/invalidate-cache` (admins): drops every cached metrics answer of the organization.
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { forbidden } from "../errors";
import type { MetricsRuntime } from "./runtime";

export async function invalidateMetricsCache(
  ctx: ServiceContext,
  rt: MetricsRuntime,
): Promise<{ organization_id: string; invalidated: number }> {
  if (ctx.actor.role !== "ADMIN") throw forbidden("Only admins can clear the metrics cache.");
  const invalidated = await rt.cache.invalidateOrganization(ctx.actor.orgId);
  await recordAudit(ctx, { action: "metrics.cache_cleared", metadata: { invalidated } });
  return { organization_id: ctx.actor.orgId, invalidated };
}
