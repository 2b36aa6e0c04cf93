// The REST handler as a client meets it, on a small router of its own built from the real
// procedure factories (so sign-in, scopes, domain errors and output validation are the app's),
// over a real test database. Each test sends a Request and reads the Response.
import { createRateLimiter, DomainError, type RateLimiter } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTRPCContext } from "../context";
import { createWorld, type World } from "../testing";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";
import { createRestHandler, type RestResponseInfo } from "./handler";
import type { Problem } from "./problem";

const item = z.object({ id: z.string(), title: z.string(), createdAt: z.date() });
const created = new Date("2026-01-02T03:04:05.000Z");

const testRouter = createTRPCRouter({
  items: createTRPCRouter({
    search: publicProcedure
      .meta({ openapi: { method: "GET", path: "/items/search", protect: false } })
      .input(z.object({ q: z.string().max(20) }))
      .output(z.object({ q: z.string() }))
      .query(({ input }) => ({ q: input.q })),
    get: protectedProcedure
      .meta({ openapi: { method: "GET", path: "/items/{itemId}" }, scopes: ["content:read"] })
      .input(z.object({ itemId: z.string() }))
      .output(item)
      .query(({ input }) => {
        if (input.itemId === "missing") throw new DomainError("NOT_FOUND", "That item does not exist.");
        return { id: input.itemId, title: "An item", createdAt: created };
      }),
    create: protectedProcedure
      .meta({ openapi: { method: "POST", path: "/items" }, scopes: ["content:write"], successStatus: 201 })
      .input(z.object({ title: z.string().min(1, "Enter a title."), tags: z.array(z.string()).optional() }))
      .output(item)
      .mutation(({ input }) => ({ id: "new", title: input.title, createdAt: created })),
    publish: protectedProcedure
      .meta({ openapi: { method: "POST", path: "/items/{itemId}/publish" }, scopes: ["content:write"] })
      .input(z.object({ itemId: z.string() }))
      .output(z.object({ id: z.string(), published: z.boolean() }))
      .mutation(({ input }) => ({ id: input.itemId, published: true })),
    broken: publicProcedure
      .meta({ openapi: { method: "GET", path: "/broken", protect: false } })
      .output(z.object({ ok: z.boolean() }))
      .query(() => ({ ok: "yes" }) as unknown as { ok: boolean }),
  }),
});

const BASE = "http://localhost:3000/api/v1";
let w: World;
let teacherId: string;
let limiter: RateLimiter | null = null;
const responses: RestResponseInfo[] = [];

/** `x-test-user: <id>` signs in; `x-test-scopes: a,b` makes the credential an API key with those scopes. */
const handler = createRestHandler({
  router: testRouter,
  createContext: (req) =>
    createTRPCContext({
      headers: req.headers,
      source: "rest",
      db: w.t.db,
      rateLimiter: limiter,
      proxyTrust: { hops: 0, socketAddressAppended: false },
      auth: async ({ headers }) => {
        const userId = headers.get("x-test-user");
        if (!userId) return null;
        const scopes = headers.get("x-test-scopes");
        return scopes === null ? { userId } : { userId, apiKey: { id: "key-1", scopes: scopes.split(",") } };
      },
    }),
  onResponse: (info) => responses.push(info),
});

function send(path: string, init: RequestInit & { as?: "teacher" | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.as !== null) headers.set("x-test-user", teacherId);
  return handler(new Request(`${BASE}${path}`, { ...init, headers }));
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as Problem;
  expect(body.status).toBe(res.status);
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
  expect(body.correlationId).toBe(res.headers.get("x-correlation-id"));
  return body;
}

beforeAll(async () => {
  w = await createWorld();
  teacherId = w.users.a.TEACHER.id;
});
afterAll(() => w.t.close());

describe("successful calls", () => {
  it("answer the procedure's output as JSON, with dates as ISO strings", async () => {
    const res = await send("/items/abc");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ id: "abc", title: "An item", createdAt: "2026-01-02T03:04:05.000Z" });
  });

  it("answer a create with 201, as its meta declares", async () => {
    const res = await send("/items", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Fresh" }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { title: string }).title).toBe("Fresh");
  });

  it("accept a POST without a body for an operation that takes only path parameters", async () => {
    const res = await send("/items/abc/publish", { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "abc", published: true });
  });

  it("accept a POST with a JSON content type and an empty body for such an operation", async () => {
    const res = await send("/items/abc/publish", { method: "POST", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(200);
  });

  it("carry the correlation headers, keeping a sane caller correlation id", async () => {
    const res = await send("/items/abc", { headers: { "x-correlation-id": "plugin-run-42", "x-chain-depth": "2" } });
    expect(res.headers.get("x-correlation-id")).toBe("plugin-run-42");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-chain-depth")).toBe("3");
    expect(res.headers.get("x-service-name")).toBe("web");
  });

  it("answer HEAD like GET, without a body", async () => {
    const res = await send("/items/abc", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("serve a public operation without a credential", async () => {
    const res = await send("/items/search?q=maps", { as: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ q: "maps" });
  });
});

describe("refusals of the adapter's own", () => {
  it("answer an unknown route with 404 problem+json", async () => {
    const res = await send("/nothing/here");
    expect(res.status).toBe(404);
    const p = await problemOf(res);
    expect(p).toMatchObject({ code: "NOT_FOUND", type: "/docs/problems#not-found", instance: "/api/v1/nothing/here" });
  });

  it("answer a known path with the wrong method with 405 and the methods it takes", async () => {
    const res = await send("/items/abc", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await problemOf(res)).code).toBe("METHOD_NOT_SUPPORTED");
  });

  it("answer OPTIONS with 204 and Allow", async () => {
    const res = await send("/items", { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("refuse malformed JSON with 400", async () => {
    const res = await send("/items", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"title": "unfinished',
    });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).code).toBe("PARSE_ERROR");
  });

  it.each([
    ["an array", "[1, 2]"],
    ["a string", '"abcd"'],
    ["null", "null"],
  ])("refuse a JSON body that is %s with 400", async (_what, body) => {
    const res = await send("/items", { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).detail).toMatch(/must be a JSON object/);
  });

  it("refuse a body sent as another content type with 415", async () => {
    const res = await send("/items", { method: "POST", headers: { "content-type": "text/plain" }, body: "title=x" });
    expect(res.status).toBe(415);
    expect((await problemOf(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuse a body without a content type with 415", async () => {
    const res = await send("/items", { method: "POST", body: new Uint8Array([123, 125]) });
    expect(res.status).toBe(415);
  });

  it("refuse a body over 1 MiB with 413, whatever its Content-Length says", async () => {
    const big = JSON.stringify({ title: "x".repeat(1024 * 1024) });
    const res = await send("/items", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuse a declared Content-Length over 1 MiB with 413 before reading", async () => {
    const req = new Request(`${BASE}/items`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": String(2 * 1024 * 1024),
        "x-test-user": teacherId,
      },
      body: "{}",
    });
    const res = await handler(req);
    expect(res.status).toBe(413);
  });

  it("refuse a request chain deeper than 10 with 508", async () => {
    const res = await send("/items/abc", { headers: { "x-chain-depth": "10" } });
    expect(res.status).toBe(508);
    expect((await problemOf(res)).code).toBe("LOOP_DETECTED");
  });
});

describe("refusals of the procedures", () => {
  it("answer invalid input with 400, a JSON Pointer per invalid member and the field errors", async () => {
    const res = await send("/items", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "", tags: ["ok", 7] }),
    });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.code).toBe("BAD_REQUEST");
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { pointer: "/title", detail: "Enter a title." },
        expect.objectContaining({ pointer: "/tags/1" }),
      ]),
    );
    expect(p.fieldErrors?.title).toEqual(["Enter a title."]);
    expect(p.detail).toMatch(/^Some fields are not valid: title \(Enter a title\.\)/);
  });

  it("answer invalid query parameters with 400", async () => {
    const res = await send(`/items/search?q=${"x".repeat(30)}`, { as: null });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors?.[0]?.pointer).toBe("/q");
  });

  it("answer a call without a credential with 401", async () => {
    const res = await send("/items/abc", { as: null });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe("UNAUTHORIZED");
  });

  it("answer an API key without the operation's scope with 403 naming it", async () => {
    const res = await send("/items/abc/publish", { method: "POST", headers: { "x-test-scopes": "content:read" } });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).detail).toBe("This API key lacks the scope content:write.");
  });

  it("answer a domain refusal with its status and message", async () => {
    const res = await send("/items/missing");
    expect(res.status).toBe(404);
    expect((await problemOf(res)).detail).toBe("That item does not exist.");
  });

  it("answer an output that breaks its schema with 500, saying nothing of the cause", async () => {
    const res = await send("/broken", { as: null });
    expect(res.status).toBe(500);
    const p = await problemOf(res);
    expect(p.code).toBe("INTERNAL_SERVER_ERROR");
    expect(p.detail).toBe("Something went wrong on our side.");
  });
});

describe("rate limits", () => {
  it("put the X-RateLimit fields on a refusal, with Retry-After", async () => {
    limiter = createRateLimiter({
      limits: { "api.user": { points: 1, duration: 60, description: "test", perPlan: false, penalize: false } },
    });
    try {
      expect((await send("/items/abc")).status).toBe(200);
      const res = await send("/items/abc");
      expect(res.status).toBe(429);
      expect(res.headers.get("x-ratelimit-limit")).toBe("1");
      expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(res.headers.get("retry-after")).toBe("60");
      expect((await problemOf(res)).code).toBe("TOO_MANY_REQUESTS");
    } finally {
      limiter = null;
    }
  });
});

describe("onResponse", () => {
  it("is told each request's operation and final status once", async () => {
    responses.length = 0;
    await send("/items/missing");
    await send("/nothing");
    expect(responses.map((r) => [r.operation, r.status])).toEqual([
      ["GET /items/{itemId}", 404],
      [null, 404],
    ]);
    expect(responses[0]?.ctx?.actor?.userId).toBe(teacherId);
  });
});
