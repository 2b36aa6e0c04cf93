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

/** What a person holding a temporary password may still do: read who they are, choose a new one. */
const BEFORE_PASSWORD_CHANGE = new Set(["me.get", "me.changePassword"]);

/**
 * A person signed in with an admin's temporary password must choose their own first (the web app's
 * pages send them to /change-password; this holds the API and apps to the same rule).
 */
export function assertPasswordChosen(actor: { mustChangePassword?: true; apiKeyId?: string }, path: string): void {
  if (actor.mustChangePassword && !actor.apiKeyId && !BEFORE_PASSWORD_CHANGE.has(path)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Choose a new password first: you signed in with a temporary password.",
    });
  }
}

/** Role check applied after requireActor (see roleProcedure); refuses with FORBIDDEN. */
export function assertRole(actor: { role: Role }, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
  }
}
