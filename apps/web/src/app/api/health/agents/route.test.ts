// GET /api/health/agents through the exported route handler: the database and the agents runtime
// are the test world's (the in-process queue, the offline model); the session lookup is mocked.
import { problemSchema } from "@toolboxai/api";
import { createWorld, type World } from "@toolboxai/api/testing";
import type { DatabaseHandle } from "@toolboxai/db";
import { agentsHealthSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TOKEN = vi.hoisted(() => {
  const token = "health-token-for-the-agents-test-0123456789";
  process.env.HEALTH_TOKEN = token; // read once by ~/env when the route is imported
  return token;
});
const state = vi.hoisted(() => ({ userId: null as string | null, handle: null as unknown, agents: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (state.userId ? { user: { id: state.userId } } : null),
}));
vi.mock("~/server/db", () => ({
  getDatabase: () => state.handle,
  getDb: () => (state.handle as DatabaseHandle).db,
}));
vi.mock("~/server/agents", () => ({ getAgentRuntime: () => state.agents }));

const { GET } = await import("./route");

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

function agents(as: "anonymous" | "TEACHER" | "STUDENT" | "ADMIN" = "anonymous", headers: Record<string, string> = {}) {
  state.userId = as === "anonymous" ? null : w.users.a[as].id;
  return GET(new Request("http://localhost:3000/api/health/agents", { headers }));
}

describe("GET /api/health/agents", () => {
  it("gives a signed-in admin the queue's depths, the processes running tasks and their breakers", async () => {
    const res = await agents("ADMIN");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = agentsHealthSchema.parse(await res.json());
    expect(body).toMatchObject({
      status: "ok",
      provider: { name: "offline", offline: true },
      queue: { kind: "in-process", depths: { waiting: 0, active: 0, delayed: 0, failed: 0 } },
      breaker: "closed",
      problems: [],
    });
    expect(body.workers).toEqual([expect.objectContaining({ role: "web", breaker: "closed" })]);
  });

  it("gives the same to a monitor presenting the health token", async () => {
    const res = await agents("anonymous", { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(agentsHealthSchema.safeParse(await res.json()).success).toBe(true);
  });

  it("answers 401 asking for a bearer token when nobody is signed in", async () => {
    const res = await agents("anonymous", { accept: "application/json" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="health"');
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.code).toBe("UNAUTHORIZED");
    expect(body).not.toHaveProperty("queue");
  });

  it("answers that 401 in the REST API's problem shape, with the path and the request's ids", async () => {
    const res = await agents("anonymous", { accept: "application/json" });
    const body = problemSchema.strict().parse(await res.json());
    expect(body).toMatchObject({
      type: "/docs/problems#unauthorized",
      status: 401,
      code: "UNAUTHORIZED",
      instance: "/api/health/agents",
    });
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
    expect(body.correlationId).toBe(res.headers.get("x-correlation-id"));
    expect(body.requestId).toMatch(/\S/);
  });

  it("answers 401 to a wrong token", async () => {
    const res = await agents("anonymous", { authorization: `Bearer ${TOKEN}x` });
    expect(res.status).toBe(401);
  });

  it.each(["TEACHER", "STUDENT"] as const)("answers 403 to a signed-in %s", async (role) => {
    const res = await agents(role);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("FORBIDDEN");
  });
});
