// GET /api/health through the exported route handler. Anonymous callers learn only whether the app
// is up; the details (database kind and latency, version, realtime counters) are for a signed-in
// admin or a monitor with the health token. The session is mocked; the database is real.
import { createWorld, type World } from "@toolboxai/api/testing";
import { createDatabase, type DatabaseHandle } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TOKEN = vi.hoisted(() => {
  const token = "health-token-for-the-route-test-0123456789";
  process.env.HEALTH_TOKEN = token; // read once by ~/env when the route is imported
  return token;
});
const session = vi.hoisted(() => ({ userId: null as string | null, handle: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({
  getDatabase: () => session.handle,
  getDb: () => (session.handle as DatabaseHandle).db,
}));

const { GET } = await import("./route");

let w: World;
beforeAll(async () => {
  w = await createWorld();
  session.handle = w.t;
});
afterAll(() => w.t.close());

function probe(as: "anonymous" | "TEACHER" | "ADMIN" = "anonymous", headers: Record<string, string> = {}) {
  session.userId = as === "anonymous" ? null : w.users.a[as].id;
  return GET(new Request("http://localhost:3000/api/health", { headers }));
}

const DETAILS = ["status", "version", "time", "database", "realtime"].sort();

describe("GET /api/health", () => {
  it("tells an anonymous caller only that the app is up, uncached", async () => {
    const res = await probe();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("tells a signed-in teacher no more than an anonymous caller", async () => {
    const res = await probe("TEACHER");
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("gives a signed-in admin the details", async () => {
    const res = await probe("ADMIN");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(DETAILS);
    expect(body).toMatchObject({ status: "ok", database: { status: "up", kind: w.t.kind } });
    expect(body.realtime).toMatchObject({ configured: false, sent: 0, failed: 0 });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("gives the details to a monitor presenting the health token", async () => {
    const res = await probe("anonymous", { authorization: `Bearer ${TOKEN}` });
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(DETAILS);
    expect(body).toMatchObject({ database: { kind: w.t.kind } });
  });

  it("answers a wrong token as it answers an anonymous caller", async () => {
    for (const authorization of [`Bearer ${TOKEN.slice(0, -1)}x`, `Bearer ${TOKEN}0`, TOKEN, `Basic ${TOKEN}`]) {
      const res = await probe("anonymous", { authorization });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    }
  });

  describe("when the database is down", () => {
    let down: DatabaseHandle;
    beforeAll(() => {
      down = createDatabase({ databaseUrl: "postgresql://nobody@127.0.0.1:1/none" });
      session.handle = down;
    });
    afterAll(async () => {
      session.handle = w.t;
      await down.close().catch(() => {});
    });

    it("answers 503 with only an error status to an anonymous caller", async () => {
      const res = await probe();
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "error" });
      expect(res.headers.get("cache-control")).toBe("no-store");
    });

    it("answers 503, not a server error, to a signed-in admin whose session cannot be checked", async () => {
      const res = await probe("ADMIN");
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "error" });
    });

    it("answers 503 with the database's error to a monitor with the token", async () => {
      const res = await probe("anonymous", { authorization: `Bearer ${TOKEN}` });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; database: { status: string; error?: string } };
      expect(body.status).toBe("error");
      expect(body.database.status).toBe("down");
      expect(body.database.error).toBeTruthy();
    });
  });
});
