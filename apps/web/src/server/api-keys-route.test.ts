// API keys as clients use them, through the app's real route handlers (/api/trpc and /api/v1):
// the credential headers, the refusals a client reads, usage counting, and a revocation seen by
// another app instance. Only next-auth's session lookup and the database handle are the test's;
// keys are made by the app itself (apiKeys.create as a signed-in admin).
import { createWorld, PASSWORD, type World } from "@toolboxai/api/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const trpcRoute = await import("~/app/api/trpc/[trpc]/route");
const restRoute = await import("~/app/api/v1/[...path]/route");
const { apiKeyUsageSettled } = await import("./api-key-usage");
const { SOCKET_ADDRESS_APPENDED } = await import("./rate-limit");

const ORIGIN = "http://localhost:3000";
let w: World;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED];
  await w.t.close();
});

interface TrpcError {
  error: { json: { message: string; data: { code: string } } };
}

/** A GET of a tRPC query (superjson input in the URL), with the given headers and no session. */
function query(path: string, input: unknown, headers: Record<string, string> = {}, extraQuery = "") {
  const url = `${ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}${extraQuery}`;
  return trpcRoute.GET(new Request(url, { headers: { host: "localhost:3000", ...headers } }));
}

/** A key made by the app for the org's admin or teacher, as the key manager makes one. */
async function newKey(input: { scopes: string[]; ipAllowlist?: string[] }, role: "ADMIN" | "TEACHER" = "ADMIN") {
  session.userId = w.users.a[role].id;
  try {
    const res = await trpcRoute.POST(
      new Request(`${ORIGIN}/api/trpc/apiKeys.create`, {
        method: "POST",
        headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ json: { name: "Test key", ...input } }),
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { secret: string; key: { id: string } } } } };
    return { secret: body.result.data.json.secret, id: body.result.data.json.key.id };
  } finally {
    session.userId = null;
  }
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** The org's admin signed in to the app (POST /auth/token): a person, who may manage keys. */
async function adminAppToken(): Promise<string> {
  const res = await rest("POST", "/auth/token", {}, { email: w.users.a.ADMIN.email, password: PASSWORD });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

function rest(method: string, path: string, headers: Record<string, string>, body?: unknown, route = restRoute) {
  const req = new Request(`${ORIGIN}/api/v1${path}`, {
    method,
    headers: {
      host: "localhost:3000",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return route[method as "GET" | "POST"](req);
}

describe("an API key on /api/trpc", () => {
  it("calls a procedure as its owner with Authorization: Bearer", async () => {
    const { secret } = await newKey({ scopes: ["content:read"] }, "TEACHER");
    const res = await query("content.list", {}, bearer(secret));
    expect(res.status).toBe(200);
  });

  it("calls a procedure with X-API-Key", async () => {
    const { secret } = await newKey({ scopes: ["content:read"] });
    const res = await query("content.list", {}, { "x-api-key": secret });
    expect(res.status).toBe(200);
  });

  it("is refused with 401 and says so once revoked", async () => {
    const { secret, id } = await newKey({ scopes: ["content:read"] });
    expect((await query("content.list", {}, bearer(secret))).status).toBe(200);
    await w.caller(await w.actor("a", "ADMIN")).apiKeys.revoke({ keyId: id, reason: "Leaked" });
    const res = await query("content.list", {}, bearer(secret));
    expect(res.status).toBe(401);
    const body = (await res.json()) as TrpcError;
    expect(body.error.json.message).toMatch(/^This API key was revoked on .* UTC\.$/);
  });

  it("is refused with 403 naming the scope a procedure needs and the key lacks", async () => {
    const { secret } = await newKey({ scopes: ["classes:read"] });
    const res = await query("content.list", {}, bearer(secret));
    expect(res.status).toBe(403);
    expect(((await res.json()) as TrpcError).error.json.message).toBe("This API key lacks the scope content:read.");
  });

  it("is refused in the URL, even next to a signed-in session", async () => {
    const { secret } = await newKey({ scopes: ["content:read"] });
    session.userId = w.users.a.ADMIN.id;
    try {
      for (const param of ["api_key", "key"]) {
        const res = await query("content.list", {}, {}, `&${param}=${secret}`);
        expect(res.status, param).toBe(401);
        expect(((await res.json()) as TrpcError).error.json.message).toBe(
          "Send the API key in the Authorization header, never in the URL.",
        );
      }
    } finally {
      session.userId = null;
    }
  });

  it("refuses a mistyped key as not valid", async () => {
    const { secret } = await newKey({ scopes: ["content:read"] });
    const mistyped = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    const res = await query("content.list", {}, bearer(mistyped));
    expect(res.status).toBe(401);
    expect(((await res.json()) as TrpcError).error.json.message).toBe("This API key is not valid.");
  });

  it("takes any other bearer token as an app's access token, never as the session", async () => {
    session.userId = w.users.a.ADMIN.id;
    try {
      const res = await query("me.get", undefined, bearer("not-a-key-nor-a-valid-token"));
      expect(res.status).toBe(401);
    } finally {
      session.userId = null;
    }
  });

  it("is refused with 403 from an address outside its allowlist, and accepted from inside", async () => {
    (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED] = true;
    try {
      const { secret } = await newKey({ scopes: ["content:read"], ipAllowlist: ["198.51.100.0/24"] });
      const inside = await query("content.list", {}, { ...bearer(secret), "x-forwarded-for": "198.51.100.7" });
      expect(inside.status).toBe(200);
      const outside = await query("content.list", {}, { ...bearer(secret), "x-forwarded-for": "203.0.113.9" });
      expect(outside.status).toBe(403);
      expect(((await outside.json()) as TrpcError).error.json.message).toBe(
        "This API key may not be used from 203.0.113.9.",
      );
    } finally {
      delete (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED];
    }
  });
});

describe("an API key on /api/v1", () => {
  it("counts each request in the key's usage, per operation, with its errors", async () => {
    const { secret, id } = await newKey({ scopes: ["content:read"] });
    expect((await rest("GET", "/content", bearer(secret))).status).toBe(200);
    expect((await rest("GET", "/content", bearer(secret))).status).toBe(200);
    const refused = await rest("POST", "/content", bearer(secret), { type: "LESSON", title: "x" });
    expect(refused.status).toBe(403);
    await apiKeyUsageSettled();
    const usage = await w.caller(await w.actor("a", "ADMIN")).apiKeys.usage({ keyId: id });
    expect(usage.endpoints).toEqual([
      { endpoint: "GET /content", requests: 2, errors: 0, limited: 0 },
      { endpoint: "POST /content", requests: 1, errors: 1, limited: 0 },
    ]);
    expect(usage.days.at(-1)).toMatchObject({ requests: 3, errors: 1 });
  });

  it("counts nothing for requests made without a key", async () => {
    session.userId = w.users.a.TEACHER.id;
    try {
      const before = await w.t.db.apiKeyUsage.count();
      expect((await rest("GET", "/content", {})).status).toBe(200);
      await apiKeyUsageSettled();
      expect(await w.t.db.apiKeyUsage.count()).toBe(before);
    } finally {
      session.userId = null;
    }
  });

  it("creates a key with an admin's app token: 201, the secret once, dates as ISO strings", async () => {
    const admin = { secret: await adminAppToken() };
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const res = await rest("POST", "/api-keys", bearer(admin.secret), {
      name: "SIS sync",
      scopes: ["classes:read", "classes:write"],
      expiresAt,
      ipAllowlist: ["2001:db8::/32"],
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      secret: string;
      key: { expiresAt: string; createdAt: string; scopes: string[] };
    };
    expect(body.secret).toMatch(/^tbx_live_[0-9A-Za-z]{36}$/);
    expect(body.key).toMatchObject({ expiresAt, scopes: ["classes:read", "classes:write"] });
    expect(body.key.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const listed = await rest("GET", "/api-keys", bearer(admin.secret));
    expect(listed.status).toBe(200);
    expect(await listed.text()).not.toContain(body.secret);
  });

  it("answers an invalid allowlist entry with 400 problem details naming the field", async () => {
    const admin = { secret: await adminAppToken() };
    const res = await rest("POST", "/api-keys", bearer(admin.secret), {
      name: "Bad",
      scopes: ["content:read"],
      ipAllowlist: ["10.0.0.0/33"],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors).toEqual([
      {
        pointer: "/ipAllowlist/0",
        detail:
          '"10.0.0.0/33" is not an IP address or CIDR block (such as 203.0.113.7, 2001:db8::1 or 198.51.100.0/24).',
      },
    ]);
  });

  it("never manages keys with a key, not even an admin's key holding the admin scope", async () => {
    const { secret } = await newKey({ scopes: ["admin"] });
    for (const [method, path, body] of [
      ["GET", "/api-keys", undefined],
      ["POST", "/api-keys", { name: "Minted by a key", scopes: ["content:read"] }],
    ] as const) {
      const res = await rest(method, path, bearer(secret), body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toBe(
        "This operation cannot be called with an API key.",
      );
    }
  });
});

describe("two app instances sharing the database (and Redis, when REDIS_URL is set)", () => {
  it("refuse a key revoked through the other within a second", async () => {
    // Two separately loaded copies of the app's route modules and everything they import: two
    // contexts, limiters and module states, as two processes behind a load balancer have.
    vi.resetModules();
    const one = await import("~/app/api/v1/[...path]/route");
    vi.resetModules();
    const two = await import("~/app/api/v1/[...path]/route");
    expect(one).not.toBe(two);

    const admin = { secret: await adminAppToken() };
    const { secret, id } = await newKey({ scopes: ["content:read"] });
    expect((await rest("GET", "/content", bearer(secret), undefined, two)).status).toBe(200);

    const revoked = await rest("POST", `/api-keys/${id}/revoke`, bearer(admin.secret), { reason: "Leaked" }, one);
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    const res = await rest("GET", "/content", bearer(secret), undefined, two);
    expect(res.status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^This API key was revoked on/);
  });
});
