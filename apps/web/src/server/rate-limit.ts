// This process's rate limiter (Redis when REDIS_URL is set, else memory; see @toolboxai/core's
// rate-limit) and what route handlers need around it: which forwarding headers to believe, a
// limit check that answers 429 (problem+json) with the rate-limit fields, and those fields for
// every answer of a limited route.
import "server-only";
import { type ContextInner, countRoute, rateLimitResponseHeaders } from "@toolboxai/api";
import {
  clientAddress,
  createRateLimiter,
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
import { problem, problemResponse } from "./problem";

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

/** What answers a refused request that was not passed: a program, which gets problem+json. */
const PROGRAM_REQUEST = new Request("http://localhost/", { headers: { accept: "application/problem+json" } });

/**
 * The 429 of a refused request: RFC 9457 problem details (`code` TOO_MANY_REQUESTS, the limiter's
 * message as `detail`, `requestId`) with `Retry-After` and the rate-limit fields. Given the
 * request, a browser that opened a link gets the small HTML page instead (see ./problem.ts).
 */
export function tooManyRequests(decision: RateLimitDecision, requestId: string, req?: Request): Response {
  const { message } = new RateLimitError(decision);
  return problemResponse(
    req ?? PROGRAM_REQUEST,
    problem(429, "TOO_MANY_REQUESTS", message),
    requestId,
    rateLimitHeaders(decision),
  );
}

/**
 * Counts a route handler's request: per user (`rule`, the plan multiplying it) when signed in,
 * per client IP (`route.anonymous`) otherwise. Returns the 429 to send, or null to go on. The
 * decision goes onto `ctx.limits` either way, so the route's answer, whatever it is, carries the
 * rate-limit fields: `rateLimitHeadersOf(errors, ctx)`.
 */
export async function limitRoute(ctx: ContextInner, rule: RateLimitName, req?: Request): Promise<Response | null> {
  const decision = await countRoute(ctx, rule);
  return !decision || decision.allowed ? null : tooManyRequests(decision, ctx.correlation.requestId, req);
}

/**
 * Counts a request by client IP alone (routes that build no context, like the health check).
 * Returns the 429 to send, or null to go on; the decision goes onto `counted.limits` when given,
 * for `rateLimitHeadersOf([], counted)` on the route's answer.
 */
export async function limitByAddress(
  limiter: RateLimiter,
  request: Request | Headers,
  rule: RateLimitName,
  counted?: Pick<ContextInner, "limits">,
): Promise<Response | null> {
  const headers = request instanceof Request ? request.headers : request;
  const ip = clientAddress((name) => headers.get(name), proxyTrust()).ip ?? "unknown";
  const decision = await limiter.hit(rule, ip);
  counted?.limits.push(decision);
  if (decision.allowed) return null;
  const { requestId } = requestCorrelation(headers, "web");
  return tooManyRequests(decision, requestId, request instanceof Request ? request : undefined);
}

/**
 * The rate-limit fields of a route's answer: a refusal's among `errors` (what a procedure threw),
 * else, given the request's context, where it stands against the limits it was counted against
 * (@toolboxai/api's rateLimitResponseHeaders). Every limited answer carries them, not only a 429.
 */
export function rateLimitHeadersOf(
  errors: readonly { cause?: unknown }[],
  ctx?: Pick<ContextInner, "limits">,
): Record<string, string> {
  return rateLimitResponseHeaders(ctx, errors);
}
