// The limits as clients meet them, through the app's real route handlers (tRPC, the Rojo download,
// realtime channel auth): the 429 and its fields, the batch cap, and which address is counted.
// Only next-auth's session lookup, the database handle and the limiter's numbers are the test's;
// the limiter itself, the context, every middleware and responseMeta are real.
import { createWorld, type World } from "@toolboxai/api/testing";
import { createRateLimiter, type RateLimiter, type RateLimitRule, TRPC_MAX_BATCH_SIZE } from "@toolboxai/core";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const state = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown, limiter: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (state.userId ? { user: { id: state.userId } } : null),
}));
vi.mock("~/server/db", () => ({
  getDb: () => state.db,
  getDatabase: () => ({ db: state.db, kind: "postgres" }),
}));
vi.mock("~/server/rate-limit", async (importOriginal) => ({
  ...(await importOriginal<typeof import("~/server/rate-limit")>()),
  getRateLimiter: () => state.limiter,
}));

const trpc = await import("~/app/api/trpc/[trpc]/route");
const rojo = await import("~/app/api/content/[contentId]/rojo.zip/route");
const pusherAuth = await import("~/app/api/pusher/auth/route");
const gradebook = await import("~/app/api/classes/[classId]/gradebook.csv/route");
const health = await import("~/app/api/health/route");
const nextAuth = await import("~/app/api/auth/[...nextauth]/route");
const { SOCKET_ADDRESS_APPENDED } = await import("~/server/rate-limit");

const rule = (points: number, perPlan = true): RateLimitRule => ({
  points,
  duration: 60,
  perPlan,
  penalize: false,
  description: "test",
});

let w: World;
beforeAll(async () => {
  w = await createWorld();
  state.db = w.t.db;
});
afterAll(() => w.t.close());

let limiter: RateLimiter;
beforeEach(() => {
  limiter = createRateLimiter({
    limits: {
      "api.user": rule(2),
      "api.anonymous": rule(2, false),
      "download.user": rule(1),
      "realtime-auth.user": rule(1),
      "health.ip": rule(1, false),
      "auth.ip": rule(1, false),
    },
  });
  state.limiter = limiter;
  state.userId = w.users.a.TEACHER.id;
});
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED];
});

const ORIGIN = "http://localhost:3000";

function get(path: string, headers: Record<string, string> = {}) {
  return trpc.GET(new Request(`${ORIGIN}/api/trpc/${path}`, { headers: { host: "localhost:3000", ...headers } }));
}

function query(procedure: string, headers: Record<string, string> = {}) {
  return get(`${procedure}?input=${encodeURIComponent(JSON.stringify({ json: null }))}`, headers);
}

function batch(procedure: string, calls: number) {
  const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { json: null }]));
  const paths = Array.from({ length: calls }, () => procedure).join(",");
  return get(`${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
}

interface ErrorBody {
  error: { json: { message: string; data: { code: string } } };
}

describe("a call over a limit", () => {
  it("is answered 429 with TOO_MANY_REQUESTS and the limiter's message", async () => {
    for (let i = 0; i < 2; i++) expect((await query("me.get")).status).toBe(200);
    const res = await query("me.get");
    expect(res.status).toBe(429);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.json.data.code).toBe("TOO_MANY_REQUESTS");
    expect(body.error.json.message).toBe("Too many requests. Try again in 1 minute.");
  });

  it("carries Retry-After, the X-RateLimit fields and the IETF RateLimit fields", async () => {
    for (let i = 0; i < 2; i++) await query("me.get");
    const res = await query("me.get");
    const reset = Number(res.headers.get("x-ratelimit-reset"));
    expect(Object.fromEntries([...res.headers].filter(([name]) => /rate|retry/i.test(name)))).toEqual({
      "retry-after": "60",
      "x-ratelimit-limit": "2",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(reset),
      "ratelimit-policy": '"api.user";q=2;w=60',
      ratelimit: '"api.user";r=0;t=60',
    });
    expect(reset - Date.now() / 1000).toBeGreaterThan(55);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("a call under its limits", () => {
  it("carries X-RateLimit-Limit, -Remaining and -Reset, and no Retry-After", async () => {
    const res = await query("me.get");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-limit")).toBe("2");
    expect(res.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(Number(res.headers.get("x-ratelimit-reset")) - Date.now() / 1000).toBeGreaterThan(55);
    expect(res.headers.get("ratelimit")).toBe('"api.user";r=1;t=60');
    expect(res.headers.get("retry-after")).toBeNull();
  });

  it("counts down with each call", async () => {
    const remaining = [];
    for (let i = 0; i < 2; i++) remaining.push((await query("me.get")).headers.get("x-ratelimit-remaining"));
    expect(remaining).toEqual(["1", "0"]);
  });

  it("says where a refused procedure's caller stands too (here: signed out, per address)", async () => {
    state.userId = null;
    const res = await query("me.get");
    expect(res.status).toBe(401);
    expect(res.headers.get("ratelimit-policy")).toBe('"api.anonymous";q=2;w=60');
  });
});

describe("the batch cap", () => {
  beforeEach(() => {
    state.limiter = createRateLimiter({ limits: { "api.user": rule(100) } });
  });

  it(`accepts a batch of ${TRPC_MAX_BATCH_SIZE} calls`, async () => {
    const res = await batch("me.get", TRPC_MAX_BATCH_SIZE);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(TRPC_MAX_BATCH_SIZE);
  });

  it("refuses a larger batch whole with 400, running none of its calls", async () => {
    const res = await batch("me.get", TRPC_MAX_BATCH_SIZE + 1);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("Batch call exceeds maximum size");
    const after = await (state.limiter as RateLimiter).hit("api.user", w.users.a.TEACHER.id);
    expect(after.remaining).toBe(99);
  });
});

describe("the address calls without a session are counted by", () => {
  beforeEach(() => {
    state.userId = null;
    (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED] = true;
  });

  // The app's server appends the socket's address; what comes before it is the client's to write.
  const via = (claimed: string, socket: string) => ({ "x-forwarded-for": `${claimed}, ${socket}` });

  it("is the socket's, so a new X-Forwarded-For on each call changes nothing", async () => {
    const statuses = [];
    for (let i = 1; i <= 3; i++) statuses.push((await query("me.get", via(`10.9.9.${i}`, "198.51.100.20"))).status);
    expect(statuses).toEqual([401, 401, 429]);
  });

  it("keeps other sockets' calls apart", async () => {
    for (let i = 0; i < 3; i++) await query("me.get", via("10.9.9.9", "198.51.100.20"));
    expect((await query("me.get", via("10.9.9.9", "198.51.100.21"))).status).toBe(401);
  });
});

describe("the same-origin check (finding 7)", () => {
  it("refuses a mutation whose Origin and X-Forwarded-Host both name another site, and changes nothing", async () => {
    state.limiter = createRateLimiter();
    const res = await trpc.POST(
      new Request(`${ORIGIN}/api/trpc/me.updateProfile`, {
        method: "POST",
        headers: {
          host: "localhost:3000",
          "content-type": "application/json",
          origin: "http://evil.example",
          "x-forwarded-host": "evil.example",
        },
        body: JSON.stringify({ json: { name: "Evil" } }),
      }),
    );
    expect(res.status).toBe(403);
    const user = await w.t.db.user.findUniqueOrThrow({ where: { id: w.users.a.TEACHER.id } });
    expect(user.name).not.toBe("Evil");
  });
});

describe("route handlers", () => {
  it("answer a download over the limit with 429 and the rate-limit fields", async () => {
    const download = () =>
      rojo.GET(new Request(`${ORIGIN}/api/content/missing/rojo.zip`, { headers: { host: "localhost:3000" } }), {
        params: Promise.resolve({ contentId: "missing" }),
      });
    expect((await download()).status).toBe(404);
    const res = await download();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(res.headers.get("ratelimit-policy")).toBe('"download.user";q=1;w=60');
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({
      title: "Too Many Requests",
      status: 429,
      detail: "Too many requests. Try again in 1 minute.",
      code: "TOO_MANY_REQUESTS",
      requestId: expect.any(String),
    });
  });

  it("answer a download under the limit with the rate-limit fields too", async () => {
    state.limiter = createRateLimiter({ limits: { "download.user": rule(5), "api.user": rule(100) } });
    const teacher = w.caller(await w.actor("a", "TEACHER"));
    const cls = await teacher.classes.create({ name: "Biology 7", subject: "Science", gradeLevel: "7" });
    const res = await gradebook.GET(
      new Request(`${ORIGIN}/api/classes/${cls.id}/gradebook.csv`, { headers: { host: "localhost:3000" } }),
      { params: Promise.resolve({ classId: cls.id }) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-limit")).toBe("5");
    expect(res.headers.get("x-ratelimit-remaining")).toBe("4");
    expect(res.headers.get("x-ratelimit-reset")).toMatch(/^\d+$/);
    expect(res.headers.get("ratelimit-policy")).toBe('"download.user";q=5;w=60');
  });

  it("answer a browser that opened a download over the limit with the HTML page, and the fields", async () => {
    const download = () =>
      rojo.GET(
        new Request(`${ORIGIN}/api/content/missing/rojo.zip`, {
          headers: { host: "localhost:3000", accept: "text/html,application/xhtml+xml,*/*;q=0.8" },
        }),
        { params: Promise.resolve({ contentId: "missing" }) },
      );
    expect((await download()).status).toBe(404);
    const res = await download();
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("retry-after")).toBe("60");
    expect(await res.text()).toContain("Too many requests. Try again in 1 minute.");
  });

  it("answer a gradebook download over the limit with 429", async () => {
    const download = () =>
      gradebook.GET(
        new Request(`${ORIGIN}/api/classes/missing/gradebook.csv`, { headers: { host: "localhost:3000" } }),
        {
          params: Promise.resolve({ classId: "missing" }),
        },
      );
    expect((await download()).status).toBe(404);
    const res = await download();
    expect(res.status).toBe(429);
    expect(res.headers.get("ratelimit")).toBe('"download.user";r=0;t=60');
  });

  it("answer health checks over the per-address limit with 429", async () => {
    (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED] = true;
    const check = (socket: string) =>
      health.GET(
        new Request(`${ORIGIN}/api/health`, { headers: { host: "localhost:3000", "x-forwarded-for": socket } }),
      );
    expect((await check("198.51.100.20")).status).toBe(200);
    const res = await check("198.51.100.20");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect((await check("198.51.100.21")).status).toBe(200);
  });

  it("answer next-auth's routes (sign-in, CSRF, session) over the per-address limit with 429", async () => {
    (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED] = true;
    // The address's one request of the window is used up; requests under the limit reach next-auth
    // (server/auth/sessions.test.ts signs in through this same route).
    await limiter.hit("auth.ip", "198.51.100.30");
    const res = await nextAuth.GET(
      new NextRequest(`${ORIGIN}/api/auth/csrf`, {
        headers: { host: "localhost:3000", "x-forwarded-for": "203.0.113.9, 198.51.100.30" },
      }),
      { params: Promise.resolve({ nextauth: ["csrf"] }) },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS" });
  });

  it("answer channel authorizations over the limit with 429", async () => {
    const authorize = () =>
      pusherAuth.POST(
        new Request(`${ORIGIN}/api/pusher/auth`, {
          method: "POST",
          headers: { host: "localhost:3000", "content-type": "application/x-www-form-urlencoded" },
          body: "socket_id=1.2&channel_name=private-user-x",
        }),
      );
    expect((await authorize()).status).not.toBe(429);
    const res = await authorize();
    expect(res.status).toBe(429);
    expect(res.headers.get("x-ratelimit-limit")).toBe("1");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS" });
  });
});
