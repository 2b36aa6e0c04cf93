// The procedures every router builds on. Middlewares every request passes live in
// ./middlewares and are applied here, never inside handlers.
import type { Role } from "@toolboxai/db";
import { baseProcedure, createCallerFactory, router } from "./init";
import { assertPasswordChosen, assertRole, requireActor } from "./middlewares/auth";
import { domainErrors } from "./middlewares/domain-errors";
import { inputGuard } from "./middlewares/input-guard";
import { countOperationLimit, rateLimit } from "./middlewares/rate-limit";
import { requestLog } from "./middlewares/request-log";
import { sameOriginMutations } from "./middlewares/same-origin";
import { assertScopes } from "./middlewares/scopes";

export { createCallerFactory };
export const createTRPCRouter = router;

/** What every procedure passes first: logged, domain errors mapped, limited, same-origin mutations. */
const base = baseProcedure.use(requestLog).use(domainErrors).use(rateLimit).use(inputGuard).use(sameOriginMutations);

/**
 * Anyone, signed in or not. Logged, domain errors mapped to tRPC codes, rate limited, and
 * mutations must come from our own origin.
 */
export const publicProcedure = base.use(async ({ ctx, meta, next }) => {
  await countOperationLimit(ctx, meta);
  return next();
});

/** Signed in, and an API key holds the procedure's `scopes`. */
const signedIn = base.use(requireActor).use(({ ctx, meta, path, next }) => {
  assertPasswordChosen(ctx.actor, path);
  assertScopes(ctx.actor, meta);
  return next();
});

/**
 * A signed-in, active user (or API key, holding the procedure's `scopes`); `ctx.db` is scoped to
 * the actor's organization.
 */
export const protectedProcedure = signedIn.use(async ({ ctx, meta, next }) => {
  await countOperationLimit(ctx, meta);
  return next();
});

/**
 * A signed-in user holding one of `roles`; others get FORBIDDEN. The procedure's own limit is
 * counted only after the role and scope checks pass.
 */
export function roleProcedure(...roles: [Role, ...Role[]]) {
  return signedIn
    .use(({ ctx, next }) => {
      assertRole(ctx.actor, roles);
      return next();
    })
    .use(async ({ ctx, meta, next }) => {
      await countOperationLimit(ctx, meta);
      return next();
    });
}
