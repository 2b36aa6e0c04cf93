// How a metrics or analytics operation's description states its limit: the Free plan's number and
// the plan multipliers, both read from core's RATE_LIMITS and PLAN_MULTIPLIERS so the document
// cannot drift from what the limiter enforces.
import { PLAN_MULTIPLIERS, RATE_LIMITS, type RateLimitName } from "@toolboxai/core";

const PLAN_LABEL = { BASIC: "Basic", PREMIUM: "Premium", ENTERPRISE: "Enterprise" } as const;

function per(duration: number): string {
  if (duration === 60) return "a minute";
  if (duration === 3600) return "an hour";
  return `per ${duration} seconds`;
}

/**
 * "Limited to 10 requests a minute per user on the Free plan, times the plan's multiplier (Basic
 * x2, Premium x5, Enterprise x10); the X-RateLimit-* headers say the caller's own."
 */
export function planLimitText(rule: RateLimitName, what = "requests"): string {
  const limit = RATE_LIMITS[rule];
  const multipliers = (Object.keys(PLAN_LABEL) as (keyof typeof PLAN_LABEL)[])
    .map((plan) => `${PLAN_LABEL[plan]} x${PLAN_MULTIPLIERS[plan]}`)
    .join(", ");
  const scaled = limit.perPlan ? `, times the plan's multiplier (${multipliers})` : "";
  return `Limited to ${limit.points} ${what} ${per(limit.duration)} per user on the Free plan${scaled}; the X-RateLimit-* headers say the caller's own.`;
}
