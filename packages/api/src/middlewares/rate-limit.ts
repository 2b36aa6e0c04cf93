import {
  type Actor,
  isDomainError,
  isRateLimitError,
  type RateLimitDecision,
  RateLimitError,
  type RateLimitName,
  rateLimitHeaders,
} from "@toolboxai/core";
import type { PlanTier } from "@toolboxai/db";
import type { ContextInner } from "../context";
import { type Meta, middleware } from "../init";

/** One count a call makes: a rule of core's RATE_LIMITS and whose budget it comes out of. */
interface Count {
  rule: RateLimitName;
  key: string;
}

/**
 * What every call is counted against, in order (counting stops at the first refusal, so a refused
 * call never uses up the budgets after it):
 * - an API key: `api.key` by the key's id, so each key has a budget of its own, and a key over it
 *   leaves its user's budget (the user's pages) alone;
 * - signed in (session or API key): the user's `api.user` (and `api.user.write` for mutations), so
 *   a user's keys and sessions share the user's budget;
 * - no actor: `api.anonymous` by the client IP.
 * A procedure's own `rateLimit` is counted later, once the call is authorized (countOperationLimit).
 */
function countsOf(
  actor: Actor | null,
  type: "query" | "mutation" | "subscription",
  ip: string | null | undefined,
): Count[] {
  if (!actor) return [{ rule: "api.anonymous", key: ip ?? "unknown" }];
  return [
    ...(actor.apiKeyId ? [{ rule: "api.key" as const, key: actor.apiKeyId }] : []),
    { rule: "api.user", key: actor.userId },
    ...(type === "mutation" ? [{ rule: "api.user.write" as const, key: actor.userId }] : []),
  ];
}

/**
 * Counts every call against the platform's general limits (@toolboxai/core's RATE_LIMITS, see
 * countsOf), the organization's plan multiplying the per-plan ones, and hands the plan on as
 * `ctx.plan`. Every decision, allowed or refused, goes onto `ctx.limits`, so the response says
 * where the caller stands (rateLimitResponseHeaders). The first refusal stops the counting and
 * throws core's RateLimitError, which the error-conversion middleware turns into
 * TOO_MANY_REQUESTS (HTTP 429). Each call of a batch counts. Contexts without a limiter (tests,
 * the worker) are not limited.
 */
export const rateLimit = middleware(async ({ ctx, type, next }) => {
  const limiter = ctx.rateLimiter;
  if (!limiter) return next({ ctx: { plan: null } });
  const plan = ctx.actor ? await limiter.planOf(ctx.db, ctx.actor.orgId) : null;
  for (const { rule, key } of countsOf(ctx.actor, type, ctx.request?.ip)) {
    const decision = await limiter.hit(rule, key, { plan });
    ctx.limits.push(decision);
    if (!decision.allowed) throw new RateLimitError(decision);
  }
  return next({ ctx: { plan } });
});

/**
 * A procedure's own limit (`meta.rateLimit`, e.g. `agents.generate`), counted by the procedure
 * factories (../trpc.ts) after the role and scope checks, so a call refused for who is calling
 * never uses it up. By the user (by the client IP without one), so minting more keys never buys
 * more of an expensive operation.
 */
export async function countOperationLimit(
  ctx: Pick<ContextInner, "rateLimiter" | "actor" | "limits" | "request"> & { plan: PlanTier | null },
  meta: Meta | undefined,
): Promise<void> {
  const rule = meta?.rateLimit;
  const limiter = ctx.rateLimiter;
  if (!rule || !limiter) return;
  const decision = await limiter.hit(rule, ctx.actor?.userId ?? ctx.request?.ip ?? "unknown", { plan: ctx.plan });
  ctx.limits.push(decision);
  if (!decision.allowed) throw new RateLimitError(decision);
}

/**
 * Counts a request served outside a procedure (a download, a channel authorization) against a
 * route's `rule`: per user when there is an actor (the plan multiplying it), per client IP
 * (`route.anonymous`) otherwise. The decision goes onto `ctx.limits`, so the answer carries its
 * fields (rateLimitResponseHeaders); null when the context has no limiter.
 */
export async function countRoute(ctx: ContextInner, rule: RateLimitName): Promise<RateLimitDecision | null> {
  const limiter = ctx.rateLimiter;
  if (!limiter) return null;
  const decision = ctx.actor
    ? await limiter.hit(rule, ctx.actor.userId, { plan: await limiter.planOf(ctx.db, ctx.actor.orgId) })
    : await limiter.hit("route.anonymous", ctx.request?.ip ?? "unknown");
  ctx.limits.push(decision);
  return decision;
}

/** The refusal with the longest wait, or null. */
function longestWait(decisions: readonly RateLimitDecision[]): RateLimitDecision | null {
  return decisions.reduce<RateLimitDecision | null>((a, b) => (a && a.resetSeconds >= b.resetSeconds ? a : b), null);
}

/**
 * The rate-limit fields of a response (Retry-After on a refusal, X-RateLimit-Limit/Remaining/Reset
 * and the IETF RateLimit/RateLimit-Policy): for a refusal, the refusing limit's (the longest wait
 * among the refusals in `errors` and in `ctx.limits`); otherwise the limit this request came
 * closest to among `ctx.limits`, so every limited response says where the caller stands, not only
 * a 429. Empty when the request was not counted. The tRPC route, the REST adapter and the file
 * routes all answer with it.
 */
export function rateLimitResponseHeaders(
  ctx: Pick<ContextInner, "limits"> | undefined,
  errors: readonly { cause?: unknown }[],
): Record<string, string> {
  const limits = ctx?.limits ?? [];
  const refused = longestWait([
    ...errors
      .map((e) => e.cause)
      .filter(isRateLimitError)
      .map((e) => e.decision),
    ...limits.filter((d) => !d.allowed),
  ]);
  if (refused) return rateLimitHeaders(refused);
  // The limit that will refuse first: the fewest calls left (the soonest reset among equals).
  const closest = limits.reduce<RateLimitDecision | null>(
    (a, b) =>
      a && (a.remaining < b.remaining || (a.remaining === b.remaining && a.resetSeconds <= b.resetSeconds)) ? a : b,
    null,
  );
  // A refusal of a service's own (a sign-in blocked for wrong passwords) still says how long to wait.
  const wait = errors.map((e) => e.cause).find((c) => isDomainError(c) && c.code === "TOO_MANY_REQUESTS");
  const retryAfter = isDomainError(wait) && wait.retryAfterSeconds !== null ? wait.retryAfterSeconds : null;
  return {
    ...(closest ? rateLimitHeaders(closest) : {}),
    ...(retryAfter !== null ? { "Retry-After": String(retryAfter) } : {}),
  };
}
