// This process's rate limiter (Redis when REDIS_URL is set, else memory; see @toolboxai/core's
// rate-limit) and what route handlers need around it: which forwarding headers to believe, a
// limit check that answers 429 with the rate-limit fields, and those fields for a refused procedure.
import "server-only";
import type { ContextInner } from "@toolboxai/api";
import {
  clientAddress,
  createRateLimiter,
  isRateLimitError,
  type ProxyTrust,
  type RateLimitDecision,
  RateLimitError,
  type RateLimiter,
  type RateLimitName,
  rateLimitHeaders,
  requestCorrelation,
} from "@toolboxai/core";
import { env } from "~/env";
import { logger } from "./logger";

/**
 * Set by scripts/serve.mjs, the app's production server, which appends each request's socket
 * address to X-Forwarded-For. Without it (plain `next start`, `next dev`), nothing in a request
 * says reliably where it came from, and client IPs are unknown.
 */
export const SOCKET_ADDRESS_APPENDED = Symbol.for("toolboxai.socketAddressAppended");

/** Which forwarding headers this process believes: TRUSTED_PROXY_HOPS, behind the app's server. */
export function proxyTrust(): ProxyTrust {
  return {
    hops: env.trustedProxyHops,
    socketAddressAppended: (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED] === true,
  };
}

const globalForLimiter = globalThis as unknown as { toolboxRateLimiter?: RateLimiter };

export function getRateLimiter(): RateLimiter {
  if (!globalForLimiter.toolboxRateLimiter) {
    const log = logger.child({ component: "rate-limit" });
    const limiter = createRateLimiter({ redis: env.redisUrl, keyPrefix: env.rateLimitPrefix, logger: log });
    globalForLimiter.toolboxRateLimiter = limiter;
    const trust = proxyTrust();
    if (env.nodeEnv === "production" && !trust.socketAddressAppended) {
      log.warn(
        "started without scripts/serve.mjs: client addresses are unknown, so every client shares the per-IP limits",
      );
    }
    log.info({ store: limiter.store, trustedProxyHops: trust.hops }, "rate limiter ready");
  }
  return globalForLimiter.toolboxRateLimiter;
}

/** The 429 of a refused request: the rate-limit fields, and the JSON error body route handlers use. */
export function tooManyRequests(decision: RateLimitDecision, requestId: string): Response {
  const { message } = new RateLimitError(decision);
  return Response.json(
    { error: { code: "TOO_MANY_REQUESTS", message, requestId } },
    { status: 429, headers: { ...rateLimitHeaders(decision), "x-request-id": requestId } },
  );
}

/**
 * Counts a route handler's request: per user (`rule`, the plan multiplying it) when signed in,
 * per client IP (`route.anonymous`) otherwise. Returns the 429 to send, or null to go on.
 */
export async function limitRoute(ctx: ContextInner, rule: RateLimitName): Promise<Response | null> {
  const limiter = ctx.rateLimiter;
  if (!limiter) return null;
  const decision = ctx.actor
    ? await limiter.hit(rule, ctx.actor.userId, { plan: await limiter.planOf(ctx.db, ctx.actor.orgId) })
    : await limiter.hit("route.anonymous", ctx.request?.ip ?? "unknown");
  return decision.allowed ? null : tooManyRequests(decision, ctx.correlation.requestId);
}

/** Counts a request by client IP alone (routes that build no context, like the health check). */
export async function limitByAddress(
  limiter: RateLimiter,
  headers: Headers,
  rule: RateLimitName,
): Promise<Response | null> {
  const ip = clientAddress((name) => headers.get(name), proxyTrust()).ip ?? "unknown";
  const decision = await limiter.hit(rule, ip);
  return decision.allowed ? null : tooManyRequests(decision, requestCorrelation(headers, "web").requestId);
}

/** The rate-limit fields for errors a procedure refused with, by the longest wait among them. */
export function rateLimitHeadersOf(errors: readonly { cause?: unknown }[]): Record<string, string> {
  const decisions = errors.map((e) => e.cause).filter(isRateLimitError);
  const longest = decisions.reduce<RateLimitError | null>(
    (a, b) => (a && a.decision.resetSeconds >= b.decision.resetSeconds ? a : b),
    null,
  );
  return longest ? rateLimitHeaders(longest.decision) : {};
}
