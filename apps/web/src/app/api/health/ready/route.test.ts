// GET /api/health/ready through the exported route handler, in the embedded mode (no Redis, no
// realtime, the offline model): the database is real (the test world's), as is the agents' queue
// (the world's in-process runtime); the session lookup is mocked. The outage cases (Redis,
// realtime and the model server configured and down) are in ../outage.test.ts.
import { createWorld, type World } from "@toolboxai/api/testing";
import { createRateLimiter, type RateLimiter } from "@toolboxai/core";
import { createDatabase, type DatabaseHandle } from "@toolboxai/db";
import { publicReadinessSchema, readinessSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TOKEN = vi.hoisted(() => {
  const token = "health-token-for-the-ready-test-0123456789";
  process.env.HEALTH_TOKEN = token; // read once by ~/env when the route is imported
  delete process.env.REDIS_URL; // the embedded mode, even where CI sets Redis up for other suites
  return token;
});
const state = vi.hoisted(() => ({
  userId: null as string | null,
  handle: null as unknown,
  agents: null as unknown,
  limiter: null as unknown,
}));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (state.userId ? { user: { id: state.userId } } : null),
}));
vi.mock("~/server/db", () => ({
  getDatabase: () => state.handle,
  getDb: () => (state.handle as DatabaseHandle).db,
}));
vi.mock("~/server/agents", () => ({ getAgentRuntime: () => state.agents }));
vi.mock("~/server/rate-limit", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/server/rate-limit")>();
  return { ...actual, getRateLimiter: () => (state.limiter as RateLimiter | null) ?? actual.getRateLimiter() };
});

const { GET } = await import("./route");
const { forgetReadiness } = await import("../_shared/readiness");
const { GET: liveness } = await import("../route");

let w: World;
beforeAll(async () => {
  w = await createWorld();
  state.handle = w.t;
  state.agents = w.agents();
});
afterAll(async () => {
  await w.agents().close();
  await w.t.close();
});

type Caller = "anonymous" | "TEACHER" | "ADMIN";

function ready(as: Caller = "anonymous", headers: Record<string, string> = {}) {
  state.userId = as === "anonymous" ? null : w.users.a[as].id;
  return GET(new Request("http://localhost:3000/api/health/ready", { headers }));
}

describe("GET /api/health/ready", () => {
  it("answers 200 ready with each part's status, uncached, to an anonymous caller", async () => {
    const res = await ready();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      status: "ready",
      checks: {
        database: { status: "up" },
        redis: { status: "not_configured" },
        queue: { status: "up" },
        realtime: { status: "not_configured" },
        model: { status: "up" },
      },
      down: [],
    });
  });

  it("gives a signed-in teacher no more than an anonymous caller", async () => {
    const body = await (await ready("TEACHER")).json();
    expect(publicReadinessSchema.strict().safeParse(body).success).toBe(true);
  });

  it("gives a signed-in admin the timings, what was checked and which parts are required", async () => {
    const res = await ready("ADMIN");
    expect(res.status).toBe(200);
    const body = readinessSchema.parse(await res.json());
    expect(body.checks.database).toMatchObject({ status: "up", required: true, detail: w.t.kind });
    expect(body.checks.queue).toMatchObject({ status: "up", required: true, detail: "in-process" });
    expect(body.checks.model).toMatchObject({ status: "up", required: false, detail: "offline model" });
    expect(body.checks.realtime).toMatchObject({ status: "not_configured", required: false });
    expect(body.degraded).toEqual([]);
  });

  it("gives the details to a monitor presenting the health token", async () => {
    const body = await (await ready("anonymous", { authorization: `Bearer ${TOKEN}` })).json();
    expect(readinessSchema.safeParse(body).success).toBe(true);
  });

  it("carries the rate-limit fields of the health limit", async () => {
    const res = await ready();
    expect(res.headers.get("ratelimit-policy")).toBe(`"health.ip";q=300;w=60`);
  });

  describe("when the database is down", () => {
    let down: DatabaseHandle;
    beforeAll(() => {
      down = createDatabase({ databaseUrl: "postgresql://nobody@127.0.0.1:1/none" });
      state.handle = down;
      forgetReadiness(); // the report is kept 5 s: check again now that the database is gone
    });
    afterAll(async () => {
      state.handle = w.t;
      forgetReadiness();
      await down.close().catch(() => {});
    });

    it("answers 503 not_ready naming the database, without its error, to an anonymous caller", async () => {
      const res = await ready();
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toMatchObject({ status: "not_ready", down: ["database"], checks: { database: { status: "down" } } });
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|error/i);
    });

    it("answers 503 with the database's error to a monitor with the token", async () => {
      const res = await ready("anonymous", { authorization: `Bearer ${TOKEN}` });
      expect(res.status).toBe(503);
      const body = readinessSchema.parse(await res.json());
      expect(body.checks.database.status).toBe("down");
      expect(body.checks.database.error).toBeTruthy();
    });
  });

  describe("its rate limit", () => {
    beforeAll(() => {
      const rule = { description: "test", points: 2, duration: 60, perPlan: false, penalize: false };
      state.limiter = createRateLimiter({ limits: { "health.ip": rule } });
    });
    afterAll(() => {
      state.limiter = null;
    });

    it("is the health routes' one limit per client address: past it, 429 with Retry-After", async () => {
      expect((await liveness(new Request("http://localhost:3000/api/health"))).status).toBe(200);
      expect((await ready()).status).toBe(200);
      const refused = await ready();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBeTruthy();
      expect(((await refused.json()) as { code: string }).code).toBe("TOO_MANY_REQUESTS");
    });
  });
});
