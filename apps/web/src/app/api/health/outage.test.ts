// The health routes when parts are configured and down: Redis (and so BullMQ) on a closed port,
// the realtime server on a closed port, and the OpenAI-compatible model server stopped. Each is
// a real client failing against a real closed socket; the database is the test world's.

import type { AgentRuntime } from "@toolboxai/agents";
import { createWorld, type World } from "@toolboxai/api/testing";
import { testAgentRuntime } from "@toolboxai/core/testing";
import type { DatabaseHandle } from "@toolboxai/db";
import { agentsHealthSchema, readinessSchema, realtimeHealthSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const setup = await vi.hoisted(async () => {
  const net = await import("node:net");
  const closedPort = () =>
    new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as import("node:net").AddressInfo;
        server.close(() => resolve(port));
      });
    });
  const [redis, pusher, model] = [await closedPort(), await closedPort(), await closedPort()];
  const token = "health-token-for-the-outage-test-0123456789";
  // Read once by ~/env and readAgentEnv when the routes are imported.
  Object.assign(process.env, {
    HEALTH_TOKEN: token,
    REDIS_URL: `redis://127.0.0.1:${redis}`,
    PUSHER_APP_ID: "outage-app",
    PUSHER_KEY: "outage-key",
    PUSHER_SECRET: "outage-secret",
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(pusher),
    OPENAI_BASE_URL: `http://127.0.0.1:${model}/v1`,
  });
  return { token, redisUrl: `redis://127.0.0.1:${redis}` };
});
const state = vi.hoisted(() => ({ handle: null as unknown, agents: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => null,
}));
vi.mock("~/server/db", () => ({
  getDatabase: () => state.handle,
  getDb: () => (state.handle as DatabaseHandle).db,
}));
vi.mock("~/server/agents", () => ({ getAgentRuntime: () => state.agents }));

const { GET: ready } = await import("./ready/route");
const { GET: realtime } = await import("./realtime/route");
const { GET: liveness } = await import("./route");
const { GET: agentsHealth } = await import("./agents/route");

let w: World;
let agents: AgentRuntime;
beforeAll(async () => {
  w = await createWorld();
  state.handle = w.t;
  // What the web process runs with REDIS_URL set: BullMQ on that Redis.
  agents = testAgentRuntime(w.t.db, { redisUrl: setup.redisUrl, queuePrefix: `health-outage-${process.pid}` });
  state.agents = agents;
});
afterAll(async () => {
  await Promise.race([agents.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  await w.t.close();
});

const asMonitor = { authorization: `Bearer ${setup.token}` };
const get = (handler: (req: Request) => Promise<Response>, path: string, headers: Record<string, string> = {}) =>
  handler(new Request(`http://localhost:3000${path}`, { headers }));

describe("readiness with Redis, realtime and the model server down", () => {
  it("answers 503 not_ready naming redis and the queue on it to an anonymous caller", async () => {
    const res = await get(ready, "/api/health/ready");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "not_ready",
      checks: {
        database: { status: "up" },
        redis: { status: "down" },
        queue: { status: "down" },
        realtime: { status: "down" },
        model: { status: "down" },
      },
      down: ["redis", "queue"],
    });
  });

  it("tells a monitor why each part is down, with realtime and the model only degraded", async () => {
    const res = await get(ready, "/api/health/ready", asMonitor);
    expect(res.status).toBe(503);
    const body = readinessSchema.parse(await res.json());
    expect(body.down).toEqual(["redis", "queue"]);
    expect(body.degraded).toEqual(["realtime", "model"]);
    expect(body.checks.redis.error).toBeTruthy();
    expect(body.checks.realtime.error).toMatch(/ECONNREFUSED/);
    expect(body.checks.model.error).toBe("ECONNREFUSED");
    expect(body.checks.model.required).toBe(false);
  });

  it("still answers liveness 200: the database is up", async () => {
    expect((await get(liveness, "/api/health")).status).toBe(200);
  });
});

describe("GET /api/health/realtime with the realtime server down", () => {
  it("answers 503 down, with no error text, to an anonymous caller", async () => {
    const res = await get(realtime, "/api/health/realtime");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "down" });
  });

  it("gives a monitor the error and the publisher's counts", async () => {
    const body = realtimeHealthSchema.parse(await (await get(realtime, "/api/health/realtime", asMonitor)).json());
    expect(body.status).toBe("down");
    expect(body.error).toMatch(/ECONNREFUSED/);
    expect(body.publisher.configured).toBe(true);
  });
});

describe("GET /api/health/agents with Redis down", () => {
  it("answers 503 down to a monitor: the queue's depths cannot be read", async () => {
    const res = await get(agentsHealth, "/api/health/agents", asMonitor);
    expect(res.status).toBe(503);
    const body = agentsHealthSchema.parse(await res.json());
    expect(body).toMatchObject({ status: "down", queue: { kind: "bullmq", depths: null } });
    expect(body.problems).toContain("The queue did not answer in time.");
  });
});
