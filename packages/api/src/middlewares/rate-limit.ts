import { isRateLimitError, type RateLimitDecision, type RateLimitError, rateLimitHeaders } from "@toolboxai/core";
import type { ContextInner } from "../context";
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

/**
 * The rate-limit fields of a response: for a refusal, the refusing limit's (the longest wait
 * among them); otherwise the limit this request came closest to among `ctx.limits`, so every
 * limited response says where the caller stands, not only a 429.
 */
export function rateLimitResponseHeaders(
  ctx: Pick<ContextInner, "limits"> | undefined,
  errors: readonly { cause?: unknown }[],
): Record<string, string> {
  const refusals = errors.map((e) => e.cause).filter(isRateLimitError);
  const longest = refusals.reduce<RateLimitError | null>(
    (a, b) => (a && a.decision.resetSeconds >= b.decision.resetSeconds ? a : b),
    null,
  );
  if (longest) return rateLimitHeaders(longest.decision);
  const closest = (ctx?.limits ?? []).reduce<RateLimitDecision | null>(
    (a, b) => (a && a.remaining / a.limit <= b.remaining / b.limit ? a : b),
    null,
  );
  return closest ? rateLimitHeaders(closest) : {};
}
