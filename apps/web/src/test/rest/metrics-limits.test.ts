// The metrics endpoints' own limits over real HTTP, at the platform's numbers (RATE_LIMITS, a FREE
// organization): 10 dashboards, 20 activity and 30 statistics requests a minute, 10 exports an
// hour (metrics and analytics together). The call over the limit answers 429 problem+json with
// Retry-After and X-RateLimit-*; the limiter is the app's real one (in memory).
import type { World } from "@toolboxai/api/testing";
import { RATE_LIMITS, type RateLimiter, type RateLimitName } from "@toolboxai/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { call, type Reply } from "./client";
import { type DocOperation, operation } from "./document";
import { expectRateLimitFields, expectStatus } from "./expectations";
import { generousLimits, installRateLimiter, type RestWorld, startRestWorld } from "./world";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("./http-server");
  return {
    ...(await importOriginal<typeof import("next-auth")>()),
    getServerSession: async () => {
      const id = sessionScope.getStore();
      return id ? { user: { id } } : null;
    },
  };
});
vi.mock("~/server/db", () => ({ getDb: () => holder.db }));

const route = await import("~/app/api/v1/[...path]/route");

let rw: RestWorld;
beforeAll(async () => {
  rw = await startRestWorld(route, (w: World) => {
    holder.db = w.t.db;
  });
});
afterAll(() => rw?.close());

let swapped: RateLimiter | null = null;
/** Every limit generous but `rule`, which is the platform's own. */
function useRealLimit(rule: RateLimitName): void {
  swapped = installRateLimiter({ ...generousLimits(), [rule]: RATE_LIMITS[rule] });
}
afterEach(async () => {
  if (!swapped) return;
  await swapped.close();
  swapped = null;
  installRateLimiter(generousLimits());
});

function expectRefused(op: DocOperation, res: Reply, limit: number, windowSeconds: number): void {
  expectStatus(op, res, 429);
  expectRateLimitFields(res);
  expect(res.headers.get("x-ratelimit-limit")).toBe(String(limit));
  expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

const PER_MINUTE: [string, RateLimitName, Record<string, unknown> | undefined][] = [
  ["GET /metrics/dashboard", "metrics.dashboard", { force_refresh: false }],
  ["GET /metrics/activity", "metrics.activity", undefined],
  ["GET /metrics/statistics", "metrics.statistics", { period: "month" }],
];

describe("the metrics' limits a minute", () => {
  for (const [name, rule, input] of PER_MINUTE) {
    const limit = RATE_LIMITS[rule].points;
    it(`${name} answers ${limit} calls in a minute, and the next with 429, Retry-After and X-RateLimit-*`, async () => {
      const op = operation(name);
      useRealLimit(rule);
      for (let i = 0; i < limit; i++) {
        const res = await call(op, input, rw.keys.TEACHER);
        expectStatus(op, res, 200);
        expect(res.headers.get("x-ratelimit-remaining")).toBe(String(limit - 1 - i));
      }
      expectRefused(op, await call(op, input, rw.keys.TEACHER), limit, 60);
    });
  }

  it("counts a user's dashboards across their keys and sessions, not another user's", async () => {
    const op = operation("GET /metrics/dashboard");
    useRealLimit("metrics.dashboard");
    for (let i = 0; i < 5; i++) expectStatus(op, await call(op, {}, rw.keys.TEACHER), 200);
    for (let i = 0; i < 5; i++) expectStatus(op, await call(op, {}, rw.sessions.TEACHER), 200);
    expectStatus(op, await call(op, {}, rw.sessions.TEACHER), 429);
    expectStatus(op, await call(op, {}, rw.keys.ADMIN), 200);
  });
});

describe("the exports' limit an hour", () => {
  const limit = RATE_LIMITS["metrics.export"].points;

  it(`POST /metrics/export answers ${limit} exports in an hour, and the next with 429 and Retry-After up to an hour`, async () => {
    const op = operation("POST /metrics/export");
    useRealLimit("metrics.export");
    for (let i = 0; i < limit; i++) {
      const res = await call(op, { format: "json", metric_types: ["user"] }, rw.keys.ADMIN);
      expect(res.status, res.text).toBe(200);
      expectRateLimitFields(res);
    }
    expectRefused(op, await call(op, { format: "json" }, rw.keys.ADMIN), limit, 3600);
  });

  it("counts the analytics export against the same hourly budget", async () => {
    const metrics = operation("POST /metrics/export");
    const analytics = operation("GET /analytics/export/{format}");
    useRealLimit("metrics.export");
    for (let i = 0; i < limit; i++) {
      const res = await call(metrics, { format: "json", metric_types: ["user"] }, rw.keys.TEACHER);
      expect(res.status, res.text).toBe(200);
    }
    expectRefused(analytics, await call(analytics, { format: "csv" }, rw.keys.TEACHER), limit, 3600);
  });
});
