// The tRPC endpoint as browsers and clients see it, through the app's real route handler
// (app/api/trpc/[trpc]/route.ts): headers, the context it builds, responseMeta. Only the session
// lookup is replaced (next-auth's cookie decoding); the database and every middleware are real.
import { createWorld, type World } from "@toolboxai/api/testing";
import { CORRELATION_HEADER, correlationFrom } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const { GET, POST } = await import("~/app/api/trpc/[trpc]/route");

let w: World;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  session.userId = w.users.a.ADMIN.id;
});
afterAll(() => w.t.close());

function call(path: string, init: { body?: unknown; headers?: Record<string, string>; method?: string } = {}) {
  const method = init.method ?? "POST";
  const url = `http://localhost:3000/api/trpc/${path}${method === "GET" ? `?input=${encodeURIComponent(JSON.stringify({ json: init.body ?? {} }))}` : ""}`;
  const req = new Request(url, {
    method,
    headers: { "content-type": "application/json", host: "localhost:3000", ...init.headers },
    ...(method === "POST" ? { body: JSON.stringify({ json: init.body }) } : {}),
  });
  return method === "GET" ? GET(req) : POST(req);
}

describe("tRPC over HTTP", () => {
  it("returns zod field errors, the caller's correlation id and the request's own id on invalid input", async () => {
    const res = await call("users.create", {
      body: { name: "", email: "bad", role: "STUDENT" },
      headers: { "x-correlation-id": "req-abc" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-correlation-id")).toBe("req-abc");
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(body.error.json.data.requestId).toBe(requestId);
    expect(body.error.json.data.correlationId).toBe("req-abc");
    expect(Object.keys(body.error.json.data.fieldErrors as object).sort()).toEqual(["email", "name"]);
  });

  it("echoes the caller's correlation id on a success, with a new request id for each call", async () => {
    const headers = { "x-correlation-id": "studio-plugin-7", "x-request-id": "sent-by-the-caller" };
    const [a, b] = [await call("me.get", { method: "GET", headers }), await call("me.get", { method: "GET", headers })];
    expect(a.status).toBe(200);
    expect([a.headers.get("x-correlation-id"), b.headers.get("x-correlation-id")]).toEqual([
      "studio-plugin-7",
      "studio-plugin-7",
    ]);
    expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    expect(a.headers.get("x-service-name")).toBe("web");
    expect(a.headers.get("x-chain-depth")).toBe("1");
  });

  it("answers with the ids the proxy chose for the request, in its headers and its error body", async () => {
    const chosen = correlationFrom(new Headers({ "x-correlation-id": "proxy-chain", "x-chain-depth": "2" }), "web");
    const res = await call("users.create", {
      body: { name: "", email: "bad", role: "STUDENT" },
      headers: { [CORRELATION_HEADER]: JSON.stringify(chosen), "x-correlation-id": "not-what-the-proxy-chose" },
    });
    expect(res.headers.get("x-correlation-id")).toBe("proxy-chain");
    expect(res.headers.get("x-request-id")).toBe(chosen.requestId);
    expect(res.headers.get("x-chain-depth")).toBe("3");
    const body = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(body.error.json.data).toMatchObject({ requestId: chosen.requestId, correlationId: "proxy-chain" });
  });

  it("refuses a mutation sent from another site", async () => {
    const res = await call("me.updateProfile", {
      body: { name: "Evil" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: w.users.a.ADMIN.id } })).name).not.toBe("Evil");
  });

  it("refuses a mutation whose Origin does not match the host", async () => {
    const res = await call("me.updateProfile", {
      body: { name: "Evil" },
      headers: { origin: "http://localhost:4000" },
    });
    expect(res.status).toBe(403);
  });

  it("accepts a same-origin mutation", async () => {
    const res = await call("me.updateProfile", {
      body: { name: "Alex Admin" },
      headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(200);
  });

  it("answers 400, never 500, to an out-of-range query input", async () => {
    const res = await call("users.list", { method: "GET", body: { page: 0 } });
    expect(res.status).toBe(400);
  });

  it("answers 401 to a signed-out caller", async () => {
    session.userId = null;
    try {
      const res = await call("me.get", { method: "GET" });
      expect(res.status).toBe(401);
    } finally {
      session.userId = w.users.a.ADMIN.id;
    }
  });

  it("maps a service's domain refusal to its status, message and field errors", async () => {
    const res = await call("users.create", {
      body: { name: "Twin", email: w.users.a.TEACHER.email, role: "TEACHER" },
      headers: { origin: "http://localhost:3000" },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(body.error.json.message).toBe("An account with this email already exists.");
    expect(body.error.json.data.fieldErrors).toEqual({ email: ["An account with this email already exists."] });
  });

  it("answers creating a user whose email another school uses exactly as for a new email (finding 8)", async () => {
    const create = (email: string) =>
      call("users.create", {
        body: { name: "New Person", email, role: "STUDENT" },
        headers: { origin: "http://localhost:3000" },
      });
    const elsewhere = await create(w.users.b.TEACHER.email);
    const nowhere = await create("never-used-anywhere@example.test");
    expect(elsewhere.status).toBe(200);
    expect(nowhere.status).toBe(200);
    type Created = { result: { data: { json: { user: { email: string; role: string } } } } };
    const a = ((await elsewhere.json()) as Created).result.data.json.user;
    const b = ((await nowhere.json()) as Created).result.data.json.user;
    expect(a).toMatchObject({ email: w.users.b.TEACHER.email, role: "STUDENT" });
    expect(b).toMatchObject({ email: "never-used-anywhere@example.test", role: "STUDENT" });
    // The other school's account is untouched.
    const theirs = await w.t.db.user.findFirstOrThrow({
      where: { organizationId: w.orgs.b, email: w.users.b.TEACHER.email },
    });
    expect(theirs.role).toBe("TEACHER");
  });
});
