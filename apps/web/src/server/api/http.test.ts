// The tRPC endpoint as browsers and clients see it: error shape and cross-origin refusal.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "~/test/fixtures";
import { type ContextInner, correlationIdFrom, createContextInner } from "./context";
import { appRouter } from "./root";

let w: World;
let admin: ContextInner["actor"];
beforeAll(async () => {
  w = await createWorld();
  admin = await w.actor("a", "ADMIN");
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
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () =>
      createContextInner({
        db: w.t.db,
        actor: admin,
        correlationId: correlationIdFrom(req.headers),
        request: {
          origin: req.headers.get("origin"),
          host: req.headers.get("host"),
          secFetchSite: req.headers.get("sec-fetch-site"),
          source: "test",
        },
      }),
  });
}

describe("tRPC over HTTP", () => {
  it("returns zod field errors and the request id on invalid input", async () => {
    const res = await call("users.create", {
      body: { name: "", email: "bad", role: "STUDENT" },
      headers: { "x-request-id": "req-abc" },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(body.error.json.data.requestId).toBe("req-abc");
    expect(Object.keys(body.error.json.data.fieldErrors as object).sort()).toEqual(["email", "name"]);
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

  it("mints a request id when the caller's is missing or unsafe", () => {
    expect(correlationIdFrom(new Headers({ "x-request-id": "bad id with spaces" }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
