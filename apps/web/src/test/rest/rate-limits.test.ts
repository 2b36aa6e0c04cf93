// Rate limits over real HTTP: every operation of the document answers 429 problem+json with
// Retry-After and the X-RateLimit-* fields once its caller's budget is spent (the limiter's table
// set to one call a minute for the test), content generation is refused after the platform's own
// number, and an API key's budget is its own. The app's limiter is the real one (in memory), only
// its table is the test's; the success and refusal fields of every other response are checked in
// rest-api.test.ts.
import type { World } from "@toolboxai/api/testing";
import { RATE_LIMITS, type RateLimiter, type RateLimitTable } from "@toolboxai/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { credentialFor, successCaller } from "./callers";
import { CASES } from "./cases";
import { call } from "./client";
import { type DocOperation, operation, operations } from "./document";
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
function useLimits(limits: Partial<RateLimitTable>): void {
  swapped = installRateLimiter(limits);
}
afterEach(async () => {
  if (!swapped) return;
  await swapped.close();
  swapped = null;
  installRateLimiter(generousLimits());
});

/** Every rule at one call a minute, without plan multipliers or penalty blocks. */
function oneCallAMinute(): RateLimitTable {
  const table = { ...RATE_LIMITS } as RateLimitTable;
  for (const name of Object.keys(table) as (keyof RateLimitTable)[]) {
    table[name] = { ...table[name], points: 1, perPlan: false, penalize: false };
  }
  return table;
}

function expectRefusal(op: DocOperation, res: Awaited<ReturnType<typeof call>>): void {
  expectStatus(op, res, 429);
  expectRateLimitFields(res);
  expect(res.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
  expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
}

describe("every operation, at one call a minute", () => {
  for (const op of operations) {
    const c = CASES[op.name];
    if (!c) continue;
    it(`${op.name} answers its second call with 429, Retry-After and X-RateLimit-*`, async () => {
      const credential = credentialFor(rw, successCaller(op, c));
      const input = await c.input(rw.w, "a");
      useLimits(oneCallAMinute());
      const first = await call(op, input, credential);
      expectStatus(op, first, op.successStatus);
      expectRateLimitFields(first);
      expect(first.headers.get("x-ratelimit-remaining")).toBe("0");
      expectRefusal(op, await call(op, input, credential));
    });
  }
});

describe("content generation", () => {
  it("POST /content/generate is refused after the platform's 10 a minute for a FREE organization", async () => {
    useLimits({ ...generousLimits(), "agents.generate": RATE_LIMITS["agents.generate"] });
    const generate = operation("POST /content/generate");
    const cancel = operation("POST /agents/tasks/{taskId}/cancel");
    const input = { topic: "Volcanoes", subject: "Science", gradeLevel: "7", parts: ["lesson"] };
    const remaining: string[] = [];
    for (let i = 0; i < RATE_LIMITS["agents.generate"].points; i++) {
      const res = await call(generate, input, rw.keys.TEACHER);
      expectStatus(generate, res, 202);
      expect(res.headers.get("x-ratelimit-limit")).toBe("10");
      remaining.push(res.headers.get("x-ratelimit-remaining") ?? "");
      // Nothing needs the drafts: stop the agents so the suite does not wait on them.
      await call(cancel, { taskId: (res.json as { id: string }).id }, rw.keys.TEACHER);
    }
    expect(remaining).toEqual(["9", "8", "7", "6", "5", "4", "3", "2", "1", "0"]);
    const refused = await call(generate, input, rw.keys.TEACHER);
    expectRefusal(generate, refused);
    expect(refused.headers.get("x-ratelimit-limit")).toBe("10");
  });

  it("counts generation per user: another key of the same teacher gets no fresh budget", async () => {
    useLimits({ ...generousLimits(), "agents.generate": { ...RATE_LIMITS["agents.generate"], points: 1 } });
    const generate = operation("POST /content/generate");
    const input = { topic: "Rivers", subject: "Science", gradeLevel: "7", parts: ["lesson"] };
    const first = await call(generate, input, rw.keys.TEACHER);
    expectStatus(generate, first, 202);
    await call(
      operation("POST /agents/tasks/{taskId}/cancel"),
      { taskId: (first.json as { id: string }).id },
      rw.keys.TEACHER,
    );
    // A second key of the same teacher (it holds agents:run; it lacks only content:write).
    const other = rw.lacking["content:write"].TEACHER;
    if (!other) throw new Error("no second teacher key");
    expectRefusal(generate, await call(generate, input, other));
  });
});

describe("an API key's own budget", () => {
  it("a key over api.key is refused while its user's access token and other keys still answer", async () => {
    useLimits({ ...generousLimits(), "api.key": { ...RATE_LIMITS["api.key"], points: 2, perPlan: false } });
    const list = operation("GET /classes");
    for (let i = 0; i < 2; i++) expectStatus(list, await call(list, {}, rw.keys.TEACHER), 200);
    expectRefusal(list, await call(list, {}, rw.keys.TEACHER));
    expectStatus(list, await call(list, {}, rw.tokens.TEACHER), 200);
    const anotherKey = rw.lacking["content:write"].TEACHER;
    if (!anotherKey) throw new Error("no second teacher key");
    expectStatus(list, await call(list, {}, anotherKey), 200);
  });
});
