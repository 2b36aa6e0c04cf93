// GET /api/health/realtime through the exported route handler with realtime off (the embedded
// mode). A realtime server that is configured and down is in ../outage.test.ts; one that answers
// is checked against apps/realtime's server in apps/realtime/src/health-probe.test.ts.
import { createWorld, type World } from "@toolboxai/api/testing";
import type { DatabaseHandle } from "@toolboxai/db";
import { realtimeHealthSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TOKEN = vi.hoisted(() => {
  const token = "health-token-for-the-realtime-test-0123456789";
  process.env.HEALTH_TOKEN = token; // read once by ~/env when the route is imported
  for (const name of ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"]) delete process.env[name];
  return token;
});
const state = vi.hoisted(() => ({ userId: null as string | null, handle: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (state.userId ? { user: { id: state.userId } } : null),
}));
vi.mock("~/server/db", () => ({
  getDatabase: () => state.handle,
  getDb: () => (state.handle as DatabaseHandle).db,
}));

const { GET } = await import("./route");

let w: World;
beforeAll(async () => {
  w = await createWorld();
  state.handle = w.t;
});
afterAll(() => w.t.close());

function realtime(as: "anonymous" | "ADMIN" = "anonymous", headers: Record<string, string> = {}) {
  state.userId = as === "anonymous" ? null : w.users.a[as].id;
  return GET(new Request("http://localhost:3000/api/health/realtime", { headers }));
}

describe("GET /api/health/realtime with realtime off", () => {
  it("tells an anonymous caller only that realtime is not configured, with 200", async () => {
    const res = await realtime();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "not_configured" });
  });

  it("gives a signed-in admin the publisher's counts", async () => {
    const body = realtimeHealthSchema.parse(await (await realtime("ADMIN")).json());
    expect(body).toMatchObject({ status: "not_configured", publisher: { configured: false, failed: 0 } });
  });

  it("gives the same to a monitor presenting the health token", async () => {
    const res = await realtime("anonymous", { authorization: `Bearer ${TOKEN}` });
    expect(realtimeHealthSchema.safeParse(await res.json()).success).toBe(true);
  });
});
