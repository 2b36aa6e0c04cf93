// The platform's one rate limiter, on rate-limiter-flexible. With Redis, counts are shared by every
// instance (RateLimiterRedis); while Redis is unreachable an in-memory insurance limiter answers
// instead (limits then hold per process, and a warning is logged), so a Redis outage never turns
// into errors. Without Redis, everything is counted in this process's memory.
import type { Database, PlanTier } from "@toolboxai/db";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "../errors";
import {
  PENALTY,
  PLAN_MULTIPLIERS,
  RATE_LIMITS,
  type RateLimitName,
  type RateLimitTable,
  SIGN_IN_LIMITS,
  type SignInLimits,
} from "./limits";

/** The outcome of counting one call against one rule. */
export interface RateLimitDecision {
  rule: RateLimitName;
  allowed: boolean;
  /** Calls allowed per window for this caller (the plan's multiplier applied). */
  limit: number;
  remaining: number;
  windowSeconds: number;
  /** Refused: seconds until a call may succeed again. Allowed: seconds until the window resets. */
  resetSeconds: number;
  /** When `resetSeconds` runs out (Unix time, seconds). */
  resetAt: number;
}

/** A refusal by the limiter: TOO_MANY_REQUESTS with `retryAfterSeconds`, and the decision for headers. */
export class RateLimitError extends DomainError {
  constructor(readonly decision: RateLimitDecision) {
    super("TOO_MANY_REQUESTS", `Too many requests. Try again ${waitPhrase(decision.resetSeconds)}.`, {
      retryAfterSeconds: decision.resetSeconds,
    });
  }
}

export function isRateLimitError(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError;
}

/** "in 30 seconds", "in 1 minute", "in 5 minutes", "in 2 hours". */
export function waitPhrase(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `in ${s} second${s === 1 ? "" : "s"}`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 120) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}

/**
 * The HTTP fields of a decision: `Retry-After` (refusals only), the de-facto `X-RateLimit-*` trio,
 * and the IETF draft's `RateLimit-Policy` / `RateLimit` (draft-ietf-httpapi-ratelimit-headers).
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const name = JSON.stringify(decision.rule);
  return {
    ...(decision.allowed ? {} : { "Retry-After": String(decision.resetSeconds) }),
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(decision.resetAt),
    "RateLimit-Policy": `${name};q=${decision.limit};w=${decision.windowSeconds}`,
    RateLimit: `${name};r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}

export interface HitOptions {
  /** The caller's plan; multiplies `perPlan` rules (FREE when unknown). */
  plan?: PlanTier | null | undefined;
  /** Points this call costs (1 by default). */
  cost?: number;
}

export interface SignInGate {
  /** Seconds this email + IP (or this IP) must still wait, or null when it may try. */
  blocked(email: string, ip: string): Promise<number | null>;
  /** Counts a failure; returns the seconds of the block it starts, or null when none starts. */
  failed(email: string, ip: string): Promise<number | null>;
  /** Forgets the consecutive failures of this email + IP. */
  succeeded(email: string, ip: string): Promise<void>;
  /** Whether a blocked attempt of this email + IP should be audited now (once per minute). */
  shouldAuditBlocked(email: string, ip: string): Promise<boolean>;
}

export interface RateLimiter {
  readonly store: "redis" | "memory";
  /** Counts one call; never throws (a store failure allows the call and is logged). */
  hit(rule: RateLimitName, key: string, options?: HitOptions): Promise<RateLimitDecision>;
  /** Counts one call and throws RateLimitError (TOO_MANY_REQUESTS) when it is refused. */
  enforce(rule: RateLimitName, key: string, options?: HitOptions): Promise<RateLimitDecision>;
  /** The organization's plan, cached for a minute so limits cost no database round trip per call. */
  planOf(db: Database, orgId: string): Promise<PlanTier>;
  signIn: SignInGate;
  /** Closes the Redis connection this limiter opened (not one it was given). */
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  /** A Redis URL (the limiter opens and owns its connection), an ioredis client, or none: memory. */
  redis?: string | Redis | null | undefined;
  /** Replaces rules of the table (tests use small numbers). */
  limits?: Partial<RateLimitTable>;
  signIn?: Partial<SignInLimits>;
  penalty?: Partial<typeof PENALTY>;
  /** Prefix of every key in Redis, so deployments (or test runs) sharing a Redis stay apart. */
  keyPrefix?: string;
  logger?: Pick<Logger, "warn" | "info" | "error"> | undefined;
  /** How long an organization's plan is cached (ms). */
  planCacheMs?: number;
}

/** An ioredis client suited to limiting: commands fail fast instead of queueing while disconnected. */
export function createLimiterRedis(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 });
}

const INSURANCE_WARNING_EVERY_MS = 30_000;
const PLAN_CACHE_MAX = 10_000;

interface Store {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  block(key: string, seconds: number): Promise<RateLimiterRes>;
  delete(key: string): Promise<boolean>;
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const table: RateLimitTable = { ...RATE_LIMITS, ...options.limits };
  const signInLimits: SignInLimits = { ...SIGN_IN_LIMITS, ...options.signIn };
  const penalty = { ...PENALTY, ...options.penalty };
  const prefix = options.keyPrefix ?? "rl";
  const log = options.logger;
  const ownsRedis = typeof options.redis === "string";
  const redis = typeof options.redis === "string" ? createLimiterRedis(options.redis) : (options.redis ?? null);

  let lastWarning = 0;
  let onInsurance = false;
  const usingInsurance = () => {
    const now = Date.now();
    onInsurance = true;
    if (now - lastWarning < INSURANCE_WARNING_EVERY_MS) return;
    lastWarning = now;
    log?.warn("rate limiter: Redis is unreachable; limits are counted in this process's memory until it returns");
  };
  if (redis) {
    // ioredis reports connection errors as events; without a listener it prints them itself.
    redis.on("error", () => {});
    redis.on("ready", () => {
      if (onInsurance) log?.info("rate limiter: Redis is back; limits are shared again");
      onInsurance = false;
    });
  }

  const stores = new Map<string, Store>();
  function storeFor(name: string, points: number, duration: number, blockDuration = 0): Store {
    const id = `${name}|${points}|${duration}|${blockDuration}`;
    let store = stores.get(id);
    if (!store) {
      const opts = { keyPrefix: `${prefix}:${name}`, points, duration, blockDuration };
      store = redis
        ? new RateLimiterRedis({
            ...opts,
            storeClient: redis,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new InsuranceLimiter(opts, usingInsurance),
          })
        : new RateLimiterMemory(opts);
      stores.set(id, store);
    }
    return store;
  }

  /** The limiter's answer as a RateLimiterRes, whether it allowed or refused. */
  async function count(store: Store, key: string, points: number): Promise<{ res: RateLimiterRes; allowed: boolean }> {
    try {
      return { res: await store.consume(key, points), allowed: true };
    } catch (rejected) {
      if (rejected instanceof RateLimiterRes) return { res: rejected, allowed: false };
      throw rejected;
    }
  }

  const violations = () => storeFor("violations", Number.MAX_SAFE_INTEGER, penalty.windowSeconds);

  /** The penalty block (seconds) a violation earns, applied to the key; 0 for a first violation. */
  async function penalize(rule: RateLimitName, key: string, store: Store): Promise<number> {
    const { consumedPoints: n } = await violations().consume(`${rule}:${key}`);
    if (n < 2) return 0;
    const seconds = Math.min(penalty.firstBlockSeconds * 2 ** (n - 2), penalty.maxBlockSeconds);
    await store.block(key, seconds);
    return seconds;
  }

  function decision(rule: RateLimitName, limit: number, windowSeconds: number, allowed: boolean, ms: number) {
    const resetSeconds = Math.max(allowed ? 0 : 1, Math.ceil(ms / 1000));
    return { rule, limit, windowSeconds, allowed, resetSeconds, resetAt: Math.ceil(Date.now() / 1000) + resetSeconds };
  }

  async function hit(rule: RateLimitName, key: string, opts: HitOptions = {}): Promise<RateLimitDecision> {
    const r = table[rule];
    const limit = r.perPlan ? r.points * PLAN_MULTIPLIERS[opts.plan ?? "FREE"] : r.points;
    const cost = opts.cost ?? 1;
    const store = storeFor(rule, limit, r.duration);
    try {
      const { res, allowed } = await count(store, key, cost);
      let ms = res.msBeforeNext;
      // Only the call that crossed the limit is a violation; calls refused after it are not.
      if (!allowed && r.penalize && res.consumedPoints - cost <= limit) {
        const blocked = await penalize(rule, key, store);
        if (blocked > 0) ms = blocked * 1000;
      }
      return { ...decision(rule, limit, r.duration, allowed, ms), remaining: allowed ? res.remainingPoints : 0 };
    } catch (error) {
      // Redis and the insurance limiter both failed: let the call through rather than fail it.
      log?.error({ err: error, rule }, "rate limiter failed; the call was allowed");
      return { ...decision(rule, limit, r.duration, true, 0), remaining: limit };
    }
  }

  const plans = new Map<string, { plan: PlanTier; until: number }>();
  const planCacheMs = options.planCacheMs ?? 60_000;
  async function planOf(db: Database, orgId: string): Promise<PlanTier> {
    const cached = plans.get(orgId);
    if (cached && cached.until > Date.now()) return cached.plan;
    const org = await db.organization.findUnique({ where: { id: orgId }, select: { plan: true } });
    const plan = org?.plan ?? "FREE";
    if (plans.size >= PLAN_CACHE_MAX) plans.clear();
    plans.set(orgId, { plan, until: Date.now() + planCacheMs });
    return plan;
  }

  // Sign-in: consecutive failures per email + IP (a counter, and a separate block that grows),
  // plus failures per IP per day, which blocks the IP for a day once over.
  const failures = () => storeFor("signin-fails", Number.MAX_SAFE_INTEGER, signInLimits.failureMemorySeconds);
  const blocks = () => storeFor("signin-block", 1, signInLimits.maxBlockSeconds);
  const perIp = () => storeFor("signin-ip", signInLimits.failuresPerIpPerDay, 86_400, 86_400);
  const blockedAudits = () => storeFor("signin-blocked-audit", 1, signInLimits.blockedAuditEverySeconds);
  const pair = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;
  const safely = async <T>(what: string, fallback: T, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      log?.error({ err: error }, `rate limiter failed (${what})`);
      return fallback;
    }
  };

  const signIn: SignInGate = {
    blocked: (email, ip) =>
      safely("sign-in check", null, async () => {
        const [block, ipCount] = await Promise.all([blocks().get(pair(email, ip)), perIp().get(ip)]);
        const waits: number[] = [];
        if (block && block.consumedPoints > 1) waits.push(block.msBeforeNext);
        if (ipCount && ipCount.consumedPoints > signInLimits.failuresPerIpPerDay) waits.push(ipCount.msBeforeNext);
        return waits.length > 0 ? Math.max(1, Math.ceil(Math.max(...waits) / 1000)) : null;
      }),
    failed: (email, ip) =>
      safely("sign-in failure", null, async () => {
        const [fails, ipCount] = await Promise.all([
          failures().consume(pair(email, ip)),
          count(perIp(), ip, 1).then(({ res, allowed }) => (allowed ? null : res)),
        ]);
        const waits: number[] = [];
        const n = fails.consumedPoints;
        if (n >= signInLimits.freeFailures) {
          const seconds = Math.min(
            signInLimits.firstBlockSeconds * 2 ** (n - signInLimits.freeFailures),
            signInLimits.maxBlockSeconds,
          );
          await blocks().block(pair(email, ip), seconds);
          waits.push(seconds);
        }
        if (ipCount) waits.push(Math.ceil(ipCount.msBeforeNext / 1000));
        return waits.length > 0 ? Math.max(1, ...waits) : null;
      }),
    succeeded: (email, ip) =>
      safely("sign-in success", undefined, async () => {
        await Promise.all([failures().delete(pair(email, ip)), blocks().delete(pair(email, ip))]);
      }),
    shouldAuditBlocked: (email, ip) =>
      safely("sign-in audit throttle", true, async () => (await count(blockedAudits(), pair(email, ip), 1)).allowed),
  };

  return {
    store: redis ? "redis" : "memory",
    hit,
    async enforce(rule, key, opts) {
      const d = await hit(rule, key, opts);
      if (!d.allowed) throw new RateLimitError(d);
      return d;
    },
    planOf,
    signIn,
    async close() {
      if (redis && ownsRedis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The in-memory limiter that answers while Redis does not; each use is reported (see `usingInsurance`). */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    opts: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(opts);
  }
  override consume(...args: Parameters<RateLimiterMemory["consume"]>) {
    this.onUse();
    return super.consume(...args);
  }
  override get(...args: Parameters<RateLimiterMemory["get"]>) {
    this.onUse();
    return super.get(...args);
  }
  override block(...args: Parameters<RateLimiterMemory["block"]>) {
    this.onUse();
    return super.block(...args);
  }
  override delete(...args: Parameters<RateLimiterMemory["delete"]>) {
    this.onUse();
    return super.delete(...args);
  }
  override penalty(...args: Parameters<RateLimiterMemory["penalty"]>) {
    this.onUse();
    return super.penalty(...args);
  }
}
