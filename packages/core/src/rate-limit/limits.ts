// Every limit of the platform, in one table. Transports name a rule (`"api.user"`) and a key (a
// user id, a client IP); the limiter (./limiter.ts) counts it in Redis or in memory. Change a
// number here and every instance and transport follows.
import type { PlanTier } from "@toolboxai/db";

export interface RateLimitRule {
  /** What is counted, for people reading the table (and logs). */
  description: string;
  /** Calls allowed per window (for the FREE plan when `perPlan`). */
  points: number;
  /** The window, in seconds, counted from the first call. */
  duration: number;
  /** Whether the caller's plan multiplies `points` (see PLAN_MULTIPLIERS). */
  perPlan: boolean;
  /** Whether going over the limit again earns a penalty block (see PENALTY). */
  penalize: boolean;
}

/**
 * The limits by name. Signed-in callers are counted per user: a school's students often share one
 * public address, so a per-address limit on signed-in traffic would throttle a whole school for
 * one noisy class. Callers without a session are counted per client IP.
 */
export const RATE_LIMITS = {
  "api.user": {
    description: "tRPC calls per signed-in user (pages, polling, server-rendered prefetches)",
    points: 300,
    duration: 60,
    perPlan: true,
    penalize: true,
  },
  "api.user.write": {
    description: "tRPC mutations per signed-in user",
    points: 60,
    duration: 60,
    perPlan: true,
    penalize: true,
  },
  "api.anonymous": {
    description: "tRPC calls without a session, per client IP",
    points: 120,
    duration: 60,
    perPlan: false,
    penalize: true,
  },
  "api.key": {
    description:
      "calls per API key (REST and tRPC), on top of its user's limits: one busy integration can't use up its user's whole budget",
    points: 120,
    duration: 60,
    perPlan: true,
    penalize: true,
  },
  "agents.generate": {
    description: "content generation requests per user (each one runs the agents and the model)",
    points: 10,
    duration: 60,
    perPlan: true,
    penalize: false,
  },
  "assistant.send": {
    description:
      "assistant and tutor messages per user, regenerated replies included (each one streams a model reply and may run tools)",
    points: 30,
    duration: 60,
    perPlan: true,
    penalize: false,
  },
  "metrics.dashboard": {
    description: "dashboard metrics requests per user (GET /metrics/dashboard; a forced refresh recomputes them)",
    points: 10,
    duration: 60,
    perPlan: true,
    penalize: false,
  },
  "metrics.activity": {
    description: "last-24-hours activity requests per user (GET /metrics/activity)",
    points: 20,
    duration: 60,
    perPlan: true,
    penalize: false,
  },
  "metrics.statistics": {
    description: "statistics-per-period requests per user (GET /metrics/statistics)",
    points: 30,
    duration: 60,
    perPlan: true,
    penalize: false,
  },
  "metrics.export": {
    description: "metrics and analytics exports per user (JSON, CSV or XLSX files)",
    points: 10,
    duration: 60 * 60,
    perPlan: true,
    penalize: false,
  },
  "download.user": {
    description: "file downloads (gradebook CSV, Rojo project) per signed-in user",
    points: 30,
    duration: 60,
    perPlan: true,
    penalize: true,
  },
  "realtime-auth.user": {
    description: "realtime channel authorizations per signed-in user",
    points: 120,
    duration: 60,
    perPlan: true,
    penalize: true,
  },
  "route.anonymous": {
    description: "route handler requests without a session (downloads, channel auth), per client IP",
    points: 60,
    duration: 60,
    perPlan: false,
    penalize: true,
  },
  "auth.ip": {
    description:
      "sign-in, sign-out and session requests to next-auth per client IP (generous: a school signs in from one address; wrong passwords have their own limits)",
    points: 600,
    duration: 60,
    perPlan: false,
    penalize: false,
  },
  "password-reset.ip": {
    description: '"Forgot password" requests per client IP (a school asks from one address, but rarely often)',
    points: 20,
    duration: 60 * 60,
    perPlan: false,
    penalize: false,
  },
  "password-reset.email": {
    description: '"Forgot password" requests per email address, whether or not it has an account (no mail flood)',
    points: 3,
    duration: 60 * 60,
    perPlan: false,
    penalize: false,
  },
  "health.ip": {
    description: "health checks per client IP (monitors, load balancers)",
    points: 300,
    duration: 60,
    perPlan: false,
    penalize: false,
  },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;
export type RateLimitTable = Record<RateLimitName, RateLimitRule>;

/** Plans multiply the `perPlan` limits (the seeds' values). */
export const PLAN_MULTIPLIERS: Record<PlanTier, number> = { FREE: 1, BASIC: 2, PREMIUM: 5, ENTERPRISE: 10 };

/**
 * Going over a `penalize` limit a second time within `windowSeconds` blocks the key for
 * `firstBlockSeconds`, and each further time for twice as long as the last, up to `maxBlockSeconds`.
 * The first time is only refused until its window ends.
 */
export const PENALTY = { firstBlockSeconds: 5 * 60, maxBlockSeconds: 24 * 60 * 60, windowSeconds: 24 * 60 * 60 };

/**
 * Sign-in protection (rate-limiter-flexible's login-protection pattern): consecutive failures per
 * email + client IP, with blocks that grow, plus a daily cap of failures per client IP. Only
 * failures count, so people who type their password right are never slowed down.
 */
export const SIGN_IN_LIMITS = {
  /** Failures per email + IP allowed before the first block. */
  freeFailures: 5,
  /** The block after the `freeFailures`-th failure; each further failure doubles it. */
  firstBlockSeconds: 60,
  maxBlockSeconds: 24 * 60 * 60,
  /** How long consecutive failures are remembered after the last one (a success forgets them). */
  failureMemorySeconds: 24 * 60 * 60,
  /** Failed sign-ins per client IP per day (all emails); over it, the IP waits out the day. */
  failuresPerIpPerDay: 300,
  /** Blocked attempts are audited at most once per email + IP in this many seconds. */
  blockedAuditEverySeconds: 60,
};

export type SignInLimits = typeof SIGN_IN_LIMITS;

/** Procedure calls one tRPC batch request may carry (the web client sends fewer, see its batch link). */
export const TRPC_MAX_BATCH_SIZE = 20;
