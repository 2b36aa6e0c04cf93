import { middleware } from "../init";

/**
 * Counts every call against the platform's limits (@toolboxai/core's RATE_LIMITS): per user when
 * signed in (mutations also against the write limit), the user's plan multiplying both; per client
 * IP otherwise. A refusal is core's RateLimitError, which the error-conversion middleware turns
 * into TOO_MANY_REQUESTS (HTTP 429; the route handler adds Retry-After and the RateLimit fields).
 * Each call of a batch counts. Contexts without a limiter (tests, the worker) are not limited.
 */
export const rateLimit = middleware(async ({ ctx, type, next }) => {
  const limiter = ctx.rateLimiter;
  if (!limiter) return next();
  if (ctx.actor) {
    const plan = await limiter.planOf(ctx.db, ctx.actor.orgId);
    await limiter.enforce("api.user", ctx.actor.userId, { plan });
    if (type === "mutation") await limiter.enforce("api.user.write", ctx.actor.userId, { plan });
  } else {
    await limiter.enforce("api.anonymous", ctx.request?.ip ?? "unknown");
  }
  return next();
});
