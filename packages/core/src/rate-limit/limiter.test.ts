// The limiter's rules, counted in memory (the Redis store is covered in redis.test.ts). Time is
// faked so windows and blocks can run out without waiting.
import type { Database } from "@toolboxai/db";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { domainErrorOf } from "../testing";
import { createRateLimiter, RateLimitError, rateLimitHeaders, waitPhrase } from "./limiter";
import { PLAN_MULTIPLIERS, RATE_LIMITS } from "./limits";

const small = { points: 3, duration: 60, perPlan: true, penalize: true, description: "test" };

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-03-02T09:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

async function exhaust(limiter: ReturnType<typeof createRateLimiter>, key: string, times: number) {
  for (let i = 0; i < times; i++) await limiter.hit("api.user", key);
}

describe("the limits table", () => {
  it("gives every plan the seeds' multiplier", () => {
    expect(PLAN_MULTIPLIERS).toEqual({ FREE: 1, BASIC: 2, PREMIUM: 5, ENTERPRISE: 10 });
  });

  it("allows a signed-in user at least a few calls per second on the free plan", () => {
    expect(RATE_LIMITS["api.user"].points / RATE_LIMITS["api.user"].duration).toBeGreaterThanOrEqual(5);
  });
});

describe("counting calls", () => {
  it("allows calls up to the limit and says how many remain", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await limiter.hit("api.user", "u1"));
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
  });

  it("refuses the call over the limit until the window ends", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    await exhaust(limiter, "u1", 3);
    vi.advanceTimersByTime(20_000);
    const refused = await limiter.hit("api.user", "u1");
    expect(refused).toMatchObject({ allowed: false, limit: 3, remaining: 0, resetSeconds: 40 });
    vi.advanceTimersByTime(40_001);
    expect((await limiter.hit("api.user", "u1")).allowed).toBe(true);
  });

  it("counts each key on its own", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    await exhaust(limiter, "u1", 4);
    expect((await limiter.hit("api.user", "u2")).allowed).toBe(true);
  });

  it("multiplies a per-plan limit by the caller's plan", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    const premium = [];
    for (let i = 0; i < 16; i++) premium.push((await limiter.hit("api.user", "p", { plan: "PREMIUM" })).allowed);
    expect(premium.filter(Boolean)).toHaveLength(15);
    expect((await limiter.hit("api.user", "e", { plan: "ENTERPRISE" })).limit).toBe(30);
  });

  it("does not multiply a limit that is not per plan", async () => {
    const limiter = createRateLimiter({ limits: { "api.anonymous": { ...small, perPlan: false } } });
    expect((await limiter.hit("api.anonymous", "203.0.113.7", { plan: "ENTERPRISE" })).limit).toBe(3);
  });

  it("refuses with TOO_MANY_REQUESTS, the wait and the decision", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    await exhaust(limiter, "u1", 3);
    const error = await domainErrorOf(limiter.enforce("api.user", "u1"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.retryAfterSeconds).toBe(60);
    expect(error.message).toBe("Too many requests. Try again in 1 minute.");
    expect((error as RateLimitError).decision).toMatchObject({ rule: "api.user", limit: 3, allowed: false });
  });
});

describe("penalty blocks", () => {
  it("refuses a first violation only until its window ends", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    await exhaust(limiter, "u1", 3);
    expect((await limiter.hit("api.user", "u1")).resetSeconds).toBe(60);
  });

  it("blocks a second violation for 5 minutes and each later one for twice as long as the last", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      await exhaust(limiter, "u1", 3);
      const refused = await limiter.hit("api.user", "u1");
      waits.push(refused.resetSeconds);
      vi.advanceTimersByTime(refused.resetSeconds * 1000 + 1);
    }
    expect(waits).toEqual([60, 300, 600, 1200]);
  });

  it("keeps the block for calls refused during it", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    await exhaust(limiter, "u1", 4);
    vi.advanceTimersByTime(60_001);
    await exhaust(limiter, "u1", 4);
    vi.advanceTimersByTime(100_000);
    const during = await limiter.hit("api.user", "u1");
    expect(during).toMatchObject({ allowed: false, resetSeconds: 200 });
  });

  it("does not penalize a rule that says so", async () => {
    const limiter = createRateLimiter({ limits: { "health.ip": { ...small, penalize: false } } });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++) await limiter.hit("health.ip", "ip");
      const refused = await limiter.hit("health.ip", "ip");
      expect(refused.resetSeconds).toBe(60);
      vi.advanceTimersByTime(60_001);
    }
  });
});

describe("HTTP fields", () => {
  it("carry Retry-After, the X-RateLimit trio and the IETF RateLimit fields on a refusal", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    await exhaust(limiter, "u1", 3);
    const headers = rateLimitHeaders(await limiter.hit("api.user", "u1"));
    expect(headers).toEqual({
      "Retry-After": "60",
      "X-RateLimit-Limit": "3",
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": String(Date.parse("2026-03-02T09:01:00Z") / 1000),
      "RateLimit-Policy": '"api.user";q=3;w=60',
      RateLimit: '"api.user";r=0;t=60',
    });
  });

  it("leave Retry-After out while calls are allowed", async () => {
    const limiter = createRateLimiter({ limits: { "api.user": small } });
    expect(rateLimitHeaders(await limiter.hit("api.user", "u1"))).not.toHaveProperty("Retry-After");
  });

  it("say waits in words people read at a glance", () => {
    expect([1, 45, 60, 61, 300, 7199, 7200 * 3].map(waitPhrase)).toEqual([
      "in 1 second",
      "in 45 seconds",
      "in 1 minute",
      "in 2 minutes",
      "in 5 minutes",
      "in 2 hours",
      "in 6 hours",
    ]);
  });
});

describe("plans", () => {
  it("reads an organization's plan once, then from the cache until it is a minute old", async () => {
    const findUnique = vi.fn(async () => ({ plan: "BASIC" as const }));
    const db = { organization: { findUnique } } as unknown as Database;
    const limiter = createRateLimiter();
    const plans = [];
    for (let i = 0; i < 5; i++) plans.push(await limiter.planOf(db, "org1"));
    expect(plans).toEqual(["BASIC", "BASIC", "BASIC", "BASIC", "BASIC"]);
    expect(findUnique).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_001);
    await limiter.planOf(db, "org1");
    expect(findUnique).toHaveBeenCalledTimes(2);
  });
});

describe("sign-in protection", () => {
  const email = "ava@school.test";
  const ip = "203.0.113.7";

  it("lets an email and IP fail 4 times, then blocks it for a minute on the 5th", async () => {
    const limiter = createRateLimiter();
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await limiter.signIn.failed(email, ip));
    expect(outcomes).toEqual([null, null, null, null, 60]);
    expect(await limiter.signIn.blocked(email, ip)).toBe(60);
  });

  it("doubles the block with each further failure after one", async () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 5; i++) await limiter.signIn.failed(email, ip);
    const blocks = [];
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(((await limiter.signIn.blocked(email, ip)) ?? 0) * 1000 + 1);
      expect(await limiter.signIn.blocked(email, ip)).toBeNull();
      blocks.push(await limiter.signIn.failed(email, ip));
    }
    expect(blocks).toEqual([120, 240, 480]);
  });

  it("treats the same email from another address, and another email, as separate", async () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 5; i++) await limiter.signIn.failed(email, ip);
    expect(await limiter.signIn.blocked(email, "198.51.100.9")).toBeNull();
    expect(await limiter.signIn.blocked("ben@school.test", ip)).toBeNull();
  });

  it("forgets the failures after a success", async () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 4; i++) await limiter.signIn.failed(email, ip);
    await limiter.signIn.succeeded(email, ip);
    expect(await limiter.signIn.failed(email, ip)).toBeNull();
  });

  it("blocks an address for the day once it has failed too often across emails", async () => {
    const limiter = createRateLimiter({ signIn: { failuresPerIpPerDay: 10 } });
    for (let i = 0; i < 10; i++) await limiter.signIn.failed(`user${i}@school.test`, ip);
    expect(await limiter.signIn.blocked("new@school.test", ip)).toBeNull();
    expect(await limiter.signIn.failed("other@school.test", ip)).toBe(86_400);
    expect(await limiter.signIn.blocked("new@school.test", ip)).toBe(86_400);
    expect(await limiter.signIn.blocked("new@school.test", "198.51.100.9")).toBeNull();
  });

  it("audits blocked attempts of one email and IP at most once a minute", async () => {
    const limiter = createRateLimiter();
    const audits = [];
    for (let i = 0; i < 3; i++) audits.push(await limiter.signIn.shouldAuditBlocked(email, ip));
    vi.advanceTimersByTime(60_001);
    audits.push(await limiter.signIn.shouldAuditBlocked(email, ip));
    expect(audits).toEqual([true, false, false, true]);
  });
});
