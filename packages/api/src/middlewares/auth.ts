import type { Role } from "@toolboxai/db";
import { scopeToOrganization } from "@toolboxai/db";
import { TRPCError } from "@trpc/server";
import { middleware } from "../init";

/**
 * Requires an actor and hands procedures a client scoped to the actor's organization, so
 * tenant scoping is done here once instead of in every query. `ctx.svc` is what services take.
 */
export const requireActor = middleware(({ ctx, next }) => {
  const { actor } = ctx;
  if (!actor) {
    const rejected = ctx.authRejection?.rejected;
    throw new TRPCError({
      code: rejected?.code ?? "UNAUTHORIZED",
      message: rejected?.message ?? "Sign in to continue.",
    });
  }
  const db = scopeToOrganization(ctx.db, actor.orgId);
  const svc = {
    db,
    actor,
    correlationId: ctx.correlationId,
    requestId: ctx.correlation.requestId,
    realtime: ctx.realtime,
    metricsCache: ctx.metrics.cache,
  };
  return next({ ctx: { actor, db, svc } });
});

/** Role check applied after requireActor (see roleProcedure); refuses with FORBIDDEN. */
export function assertRole(actor: { role: Role }, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
  }
}
