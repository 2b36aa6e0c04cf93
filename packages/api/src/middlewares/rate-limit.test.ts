// The limits every procedure passes, through real procedures and the real limiter (in memory, with
// small numbers so a test reaches them; on Redis for the limits two instances share).
import {
  type Actor,
  createLimiterRedis,
  createRateLimiter,
  RATE_LIMITS,
  type RateLimiter,
  type RateLimitRule,
} from "@toolboxai/core";
import type { ApiScope } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContextAgents, type ContextInner, createContextInner } from "../context";
import { createCaller } from "../root";
import { createWorld, errorOf, type World } from "../testing";
import { createCallerFactory, createTRPCRouter, protectedProcedure } from "../trpc";
import { rateLimitResponseHeaders } from "./rate-limit";

const rule = (points: number, perPlan = true): RateLimitRule => ({
  points,
  duration: 60,
  perPlan,
  penalize: false,
  description: "test",
});

let w: World;
let teacher: Actor;
beforeAll(async () => {
  w = await createWorld();
  teacher = await w.actor("a", "TEACHER");
});
afterAll(() => w.t.close());

const request = { origin: null, host: "localhost:3000", secFetchSite: null, source: "test" };

function limited(limits: Parameters<typeof createRateLimiter>[0] = {}) {
  const rateLimiter = createRateLimiter({
    limits: { "api.user": rule(3), "api.user.write": rule(2), ...limits.limits },
  });
  return (actor: Actor | null, ip = "203.0.113.7") =>
    createCaller(createContextInner({ db: w.t.db, actor, rateLimiter, request: { ...request, ip } }));
}

describe("rate limits on procedures", () => {
  it("refuses a signed-in user's call over the limit with TOO_MANY_REQUESTS and the wait", async () => {
    const caller = limited()(teacher);
    for (let i = 0; i < 3; i++) await caller.me.get();
    const error = await errorOf(caller.me.get());
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe("Too many requests. Try again in 1 minute.");
  });

  it("counts each user on their own", async () => {
    const as = limited();
    for (let i = 0; i < 3; i++) await as(teacher).me.get();
    await expect(as(await w.actor("a", "STUDENT")).me.get()).resolves.toMatchObject({ role: "STUDENT" });
  });

  it("counts mutations against the write limit as well", async () => {
    const caller = limited()(teacher);
    await caller.me.updateProfile({ name: "Teacher A" });
    await caller.me.updateProfile({ name: "Teacher A" });
    const error = await errorOf(caller.me.updateProfile({ name: "Teacher A" }));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
  });

  it("multiplies the limits by the organization's plan", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.b }, data: { plan: "BASIC" } });
    const caller = limited()(await w.actor("b", "TEACHER"));
    for (let i = 0; i < 6; i++) await caller.me.get();
    expect((await errorOf(caller.me.get())).code).toBe("TOO_MANY_REQUESTS");
  });

  it("counts calls without a session per client IP", async () => {
    const as = limited({ limits: { "api.anonymous": rule(2, false) } });
    for (let i = 0; i < 2; i++) expect((await errorOf(as(null).me.get())).code).toBe("UNAUTHORIZED");
    expect((await errorOf(as(null).me.get())).code).toBe("TOO_MANY_REQUESTS");
    expect((await errorOf(as(null, "198.51.100.9").me.get())).code).toBe("UNAUTHORIZED");
  });

  it("leaves contexts without a limiter unlimited (tests, the worker)", async () => {
    const caller = w.caller(teacher);
    for (let i = 0; i < 20; i++) await caller.me.get();
    await expect(caller.me.get()).resolves.toMatchObject({ role: "TEACHER" });
  });
});

/** The user's API key `keyId` holding `scopes`: the actor the app's authenticator makes of it. */
function keyOf(user: Actor, keyId: string, scopes: ApiScope[] = ["content:read"]): Actor {
  return { ...user, apiKeyId: keyId, scopes };
}

// A procedure an API key may call, on the real procedure factory (its middlewares are the real ones).
const keyRouter = createTRPCRouter({
  read: protectedProcedure.meta({ scopes: ["content:read"] }).query(() => "read"),
});
const keyCaller = createCallerFactory(keyRouter);

function keyCalls(rateLimiter: RateLimiter) {
  return (actor: Actor) => keyCaller(createContextInner({ db: w.t.db, actor, rateLimiter, request }));
}

describe("rate limits on API keys", () => {
  it("gives each of a user's keys a budget of its own", async () => {
    const as = keyCalls(createRateLimiter({ limits: { "api.key": rule(2), "api.user": rule(100) } }));
    const first = keyOf(teacher, "key-1");
    for (let i = 0; i < 2; i++) await as(first).read();
    const refused = await errorOf(as(first).read());
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    await expect(as(keyOf(teacher, "key-2")).read()).resolves.toBe("read");
  });

  it("counts every key's calls against its user's limit too", async () => {
    const rateLimiter = createRateLimiter({ limits: { "api.key": rule(100), "api.user": rule(3) } });
    const as = keyCalls(rateLimiter);
    await as(keyOf(teacher, "key-1")).read();
    await as(keyOf(teacher, "key-2")).read();
    await as(keyOf(teacher, "key-3")).read();
    expect((await errorOf(as(keyOf(teacher, "key-4")).read())).code).toBe("TOO_MANY_REQUESTS");
    // The user's own session shares the budget.
    const session = createCaller(createContextInner({ db: w.t.db, actor: teacher, rateLimiter, request }));
    expect((await errorOf(session.me.get())).code).toBe("TOO_MANY_REQUESTS");
  });

  it("multiplies a key's limit by its organization's plan", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.b }, data: { plan: "BASIC" } });
    const as = keyCalls(createRateLimiter({ limits: { "api.key": rule(2), "api.user": rule(100) } }));
    const key = keyOf(await w.actor("b", "TEACHER"), "key-b");
    for (let i = 0; i < 4; i++) await as(key).read();
    expect((await errorOf(as(key).read())).code).toBe("TOO_MANY_REQUESTS");
  });

  it("refuses a key over its limit without using up its user's budget", async () => {
    const rateLimiter = createRateLimiter({ limits: { "api.key": rule(1), "api.user": rule(3) } });
    const as = keyCalls(rateLimiter);
    const key = keyOf(teacher, "key-1");
    await as(key).read();
    for (let i = 0; i < 5; i++) expect((await errorOf(as(key).read())).code).toBe("TOO_MANY_REQUESTS");
    const session = createCaller(createContextInner({ db: w.t.db, actor: teacher, rateLimiter, request }));
    await session.me.get();
    await expect(session.me.get()).resolves.toMatchObject({ role: "TEACHER" });
  });
});

/** An agent runtime whose queue takes tasks and runs none: generated tasks stay QUEUED. */
function idleAgents(): () => ContextAgents {
  const runtime = {
    provider: { name: "offline", model: "offline-drafts-v1" },
    queue: { kind: "in-process", enqueue: async () => {}, counts: async () => ({}), close: async () => {} },
    status: async () => ({}),
  };
  // Only `provider.name/model` and `queue.enqueue` are used by agents.generate.
  return () => runtime as unknown as ContextAgents;
}

const generation = {
  topic: "Photosynthesis",
  subject: "Life Science",
  gradeLevel: "7" as const,
  parts: ["lesson" as const],
};

describe("a procedure's own limit: content generation", () => {
  /** The real limits table (agents.generate: 10 a minute on the free plan); a context per call, as HTTP makes. */
  function generations(actor: Actor) {
    const rateLimiter = createRateLimiter();
    const agents = idleAgents();
    return () => {
      const ctx = createContextInner({ db: w.t.db, actor, rateLimiter, agents, request });
      return { ctx, call: createCaller(ctx).agents.generate(generation) };
    };
  }

  it(`refuses the ${RATE_LIMITS["agents.generate"].points + 1}th generation within a minute on the free plan`, async () => {
    const generate = generations(await w.actor("a", "TEACHER"));
    for (let i = 0; i < 10; i++) await generate().call;
    const refused = await errorOf(generate().call);
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toBe("Too many requests. Try again in 1 minute.");
  });

  it("refuses the 21st on the basic plan (twice the free plan's)", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.b }, data: { plan: "BASIC" } });
    const generate = generations(await w.actor("b", "ADMIN"));
    for (let i = 0; i < 20; i++) await generate().call;
    expect((await errorOf(generate().call)).code).toBe("TOO_MANY_REQUESTS");
  });

  it("answers a generation with the fields of the limit it came closest to: generation's own", async () => {
    const generate = generations(await w.actor("a", "ADMIN"));
    await generate().call;
    const { ctx, call } = generate();
    await call;
    expect(rateLimitResponseHeaders(ctx, [])).toMatchObject({
      "X-RateLimit-Limit": "10",
      "X-RateLimit-Remaining": "8",
      "RateLimit-Policy": '"agents.generate";q=10;w=60',
    });
  });

  it("counts a retry as a generation", async () => {
    const actor = await w.actor("a", "TEACHER");
    const rateLimiter = createRateLimiter({ limits: { "agents.generate": rule(1) } });
    const caller = () =>
      createCaller(createContextInner({ db: w.t.db, actor, rateLimiter, agents: idleAgents(), request }));
    const task = await caller().agents.generate(generation);
    await caller().agents.cancel({ taskId: task.id });
    expect((await errorOf(caller().agents.retry({ taskId: task.id }))).code).toBe("TOO_MANY_REQUESTS");
  });

  it("shares one user's generation budget among all their keys", async () => {
    const user = await w.actor("a", "TEACHER");
    const rateLimiter = createRateLimiter({ limits: { "agents.generate": rule(2) } });
    const as = (actor: Actor) =>
      createCaller(createContextInner({ db: w.t.db, actor, rateLimiter, agents: idleAgents(), request }));
    await as(keyOf(user, "key-1", ["agents:run"])).agents.generate(generation);
    await as(keyOf(user, "key-1", ["agents:run"])).agents.generate(generation);
    const refused = await errorOf(as(keyOf(user, "key-2", ["agents:run"])).agents.generate(generation));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
  });

  it("spends none of the generation budget on calls refused for a missing scope or role", async () => {
    const user = await w.actor("a", "TEACHER");
    const rateLimiter = createRateLimiter({ limits: { "agents.generate": rule(1) } });
    const as = (actor: Actor) =>
      createCaller(createContextInner({ db: w.t.db, actor, rateLimiter, agents: idleAgents(), request }));
    for (let i = 0; i < 3; i++) {
      expect((await errorOf(as(keyOf(user, "key-1", ["content:read"])).agents.generate(generation))).code).toBe(
        "FORBIDDEN",
      );
      expect((await errorOf(as(await w.actor("a", "STUDENT")).agents.generate(generation))).code).toBe("FORBIDDEN");
    }
    await expect(as(user).agents.generate(generation)).resolves.toMatchObject({ status: "QUEUED" });
  });

  it("leaves the user's other calls alone once generation is refused", async () => {
    const actor = await w.actor("a", "TEACHER");
    const rateLimiter = createRateLimiter({ limits: { "agents.generate": rule(1) } });
    const ctx = () => createContextInner({ db: w.t.db, actor, rateLimiter, agents: idleAgents(), request });
    await createCaller(ctx()).agents.generate(generation);
    expect((await errorOf(createCaller(ctx()).agents.generate(generation))).code).toBe("TOO_MANY_REQUESTS");
    await expect(createCaller(ctx()).agents.list({})).resolves.toMatchObject({ items: expect.any(Array) });
  });
});

describe("the fields of a response", () => {
  const counted = (limits: Partial<Record<"api.user" | "api.user.write", RateLimitRule>>): ContextInner =>
    createContextInner({ db: w.t.db, actor: teacher, rateLimiter: createRateLimiter({ limits }), request });

  it("are the limit that will refuse first: the fewest calls left, not the smallest share", async () => {
    const ctx = createContextInner({ db: w.t.db });
    const decision = (rule: "api.user" | "api.key", limit: number, remaining: number) => ({
      rule,
      allowed: true,
      limit,
      remaining,
      windowSeconds: 60,
      resetSeconds: 30,
      resetAt: 0,
    });
    ctx.limits.push(decision("api.user", 1500, 1461), decision("api.key", 120, 117));
    expect(rateLimitResponseHeaders(ctx, [])).toMatchObject({
      "X-RateLimit-Limit": "120",
      "X-RateLimit-Remaining": "117",
    });
  });

  it("are the closest limit's on a success: here the write limit of a mutation", async () => {
    const ctx = counted({ "api.user": rule(100), "api.user.write": rule(5) });
    await createCaller(ctx).me.updateProfile({ name: "Teacher A" });
    expect(rateLimitResponseHeaders(ctx, [])).toMatchObject({
      "X-RateLimit-Limit": "5",
      "X-RateLimit-Remaining": "4",
    });
  });

  it("are the refusing limit's on a refusal, with Retry-After", async () => {
    const ctx = counted({ "api.user": rule(1) });
    const caller = createCaller(ctx);
    await caller.me.get();
    const error = await errorOf(caller.me.get());
    expect(rateLimitResponseHeaders(ctx, [error])).toMatchObject({
      "Retry-After": "60",
      "X-RateLimit-Limit": "1",
      "X-RateLimit-Remaining": "0",
    });
  });

  it("are none for a request no limit counted", () => {
    expect(rateLimitResponseHeaders(createContextInner({ db: w.t.db }), [])).toEqual({});
  });
});

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL: the cross-instance limit tests need Redis");

describe.runIf(redisUrl)("limits two instances share on Redis", () => {
  const prefix = `rl-test-${crypto.randomUUID()}`;
  const clients: ReturnType<typeof createLimiterRedis>[] = [];
  /** An app instance's limiter: its own connection to the one Redis, ready before it counts. */
  const instance = async () => {
    const client = createLimiterRedis(redisUrl as string);
    clients.push(client);
    if (client.status !== "ready") await new Promise((resolve) => client.once("ready", resolve));
    return createRateLimiter({
      redis: client,
      keyPrefix: prefix,
      limits: { "api.key": rule(3), "api.user": rule(100), "agents.generate": rule(2) },
    });
  };
  afterAll(() => {
    for (const client of clients) client.disconnect();
  });

  it("hold an API key's limit across instances", async () => {
    const [a, b] = [keyCalls(await instance()), keyCalls(await instance())];
    const key = keyOf(teacher, `key-${crypto.randomUUID()}`);
    await a(key).read();
    await b(key).read();
    await a(key).read();
    expect((await errorOf(b(key).read())).code).toBe("TOO_MANY_REQUESTS");
  });

  it("hold a user's generation limit across instances", async () => {
    const actor = await w.actor("a", "ADMIN");
    const [a, b] = [await instance(), await instance()];
    const on = (rateLimiter: RateLimiter) =>
      createCaller(createContextInner({ db: w.t.db, actor, rateLimiter, agents: idleAgents(), request }));
    await on(a).agents.generate(generation);
    await on(b).agents.generate(generation);
    expect((await errorOf(on(a).agents.generate(generation))).code).toBe("TOO_MANY_REQUESTS");
  });
});
