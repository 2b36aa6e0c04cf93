// GET /api/health/ready under load, with a model provider configured (a local OpenAI-compatible
// stand-in counting its GET /models) and Redis configured on a closed port (a required part that
// is down): however many callers poll, the provider is asked once a minute and the outage is
// logged once, not once per call.
import type http from "node:http";
import { createWorld, type World } from "@toolboxai/api/testing";
import type { DatabaseHandle } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const setup = await vi.hoisted(async () => {
  const { createServer } = await import("node:http");
  const net = await import("node:net");
  const seen = { models: 0 };
  const server = createServer((req, res) => {
    if (req.url === "/v1/models") seen.models++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ object: "list", data: [{ id: "stand-in", object: "model" }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const closed = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as import("node:net").AddressInfo;
      s.close(() => resolve(port));
    });
  });
  const { port } = server.address() as import("node:net").AddressInfo;
  // Read by ~/env and readAgentEnv when the route first runs.
  Object.assign(process.env, {
    OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
    OPENAI_API_KEY: "sk-test-readiness",
    REDIS_URL: `redis://127.0.0.1:${closed}`,
  });
  return { seen, server };
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

const { GET } = await import("./route");
const { forgetReadiness } = await import("../_shared/readiness");
const { logger } = await import("~/server/logger");

let w: World;
beforeAll(async () => {
  w = await createWorld();
  state.handle = w.t;
  state.agents = w.agents();
});
afterAll(async () => {
  await w.agents().close();
  await w.t.close();
  await new Promise((resolve) => (setup.server as http.Server).close(resolve));
});

const ready = () => GET(new Request("http://localhost:3000/api/health/ready"));

describe("GET /api/health/ready under load", () => {
  const errors = vi.spyOn(logger, "error").mockImplementation(() => {});

  it("answers 50 concurrent callers with one check: one model request, one log line for Redis", async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, ready));
    expect(answers.map((res) => res.status)).toEqual(Array(50).fill(503));
    const body = (await answers[0]?.json()) as { down: string[]; checks: Record<string, { status: string }> };
    expect(body.down).toEqual(["redis"]);
    expect(body.checks.model?.status).toBe("up");
    expect(setup.seen.models).toBe(1);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]?.[1]).toBe("readiness check failed");
  });

  it("asks the model provider no more, and logs the same outage no more, when later calls check afresh", async () => {
    for (let i = 0; i < 5; i++) {
      forgetReadiness();
      expect((await ready()).status).toBe(503);
    }
    expect(setup.seen.models).toBe(1);
    expect(errors).toHaveBeenCalledTimes(1);
  });
});
