// `system`: the admin panel's System page: readiness of each part, the metrics cache, realtime
// connections and the version (see ./status.ts), and clearing the organization's metrics cache.
import { invalidateMetricsCache } from "@toolboxai/core";
import { invalidateCacheSchema, systemStatusSchema } from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { systemStatus } from "./status";

const adminProcedure = roleProcedure("ADMIN");

export const systemRouter = createTRPCRouter({
  status: adminProcedure
    .output(systemStatusSchema)
    .query(({ ctx }) =>
      systemStatus({ svc: ctx.svc, agents: ctx.agents, metrics: ctx.metrics, realtime: ctx.realtime }),
    ),
  /** The same as metrics.invalidateCache (audited as `metrics.cache_cleared`), for the System page. */
  clearMetricsCache: adminProcedure
    .output(invalidateCacheSchema)
    .mutation(({ ctx }) => invalidateMetricsCache(ctx.svc, ctx.metrics)),
});
