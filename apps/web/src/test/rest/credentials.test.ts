// API keys as an integrator meets them over HTTP: refused in a URL or next to a second
// credential, refused once expired or revoked (the very next call), bound to their IP allowlist
// whatever X-Forwarded-For claims, rotation's grace period, and the last use and usage counts
// their owner sees. The keys are made and managed through the REST operations themselves.
import type { World } from "@toolboxai/api/testing";
import type { ApiScope } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiKeyUsageSettled } from "~/server/api-key-usage";
import { type Credential, call, credentialHeaders, sendRaw } from "./client";
import { operation } from "./document";
import { expectStatus, problemOf } from "./expectations";
import { type RestWorld, startRestWorld } from "./world";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("./http-server");
  return {
    ...(await importOriginal<typeof import("next-auth")>()),
    getServerSession: async () => {
      const id = sessionScope.getStore();
      return id ? { user: { id } } : null;
    },
  };
});
vi.mock("~/server/db", () => ({ getDb: () => holder.db }));

const route = await import("~/app/api/v1/[...path]/route");

let rw: RestWorld;
beforeAll(async () => {
  rw = await startRestWorld(route, (w: World) => {
    holder.db = w.t.db;
  });
});
afterAll(() => rw?.close());

const listClasses = operation("GET /classes");
const createKey = operation("POST /api-keys");

interface MadeKey {
  id: string;
  credential: Credential & { kind: "key" };
}

async function newKey(body: { scopes?: ApiScope[]; ipAllowlist?: string[] } = {}): Promise<MadeKey> {
  const res = await call(
    createKey,
    { name: "Integration", scopes: body.scopes ?? ["classes:read"], ipAllowlist: body.ipAllowlist ?? [] },
    rw.sessions.TEACHER,
  );
  expectStatus(createKey, res, 201);
  const made = res.json as { key: { id: string }; secret: string };
  return { id: made.key.id, credential: { kind: "key", key: made.secret, label: "new key" } };
}

describe("where a key may be sent", () => {
  it("refuses a key in the query string with 401, even next to a valid Authorization header", async () => {
    const { credential } = await newKey();
    const res = await sendRaw({
      method: "GET",
      path: `/classes?api_key=${credential.key}`,
      headers: credentialHeaders(credential),
    });
    expectStatus(listClasses, res, 401);
    expect(problemOf(res).detail).toMatch(/never in the URL/);
  });

  it("refuses a request carrying both an Authorization and an X-API-Key header with 401", async () => {
    const { credential } = await newKey();
    const res = await call(listClasses, {}, credential, { "x-api-key": credential.key });
    expectStatus(listClasses, res, 401);
  });

  it("accepts the key as `Authorization: bearer` in any case of the scheme", async () => {
    const { credential } = await newKey();
    const res = await call(listClasses, {}, { kind: "none" }, { authorization: `bearer ${credential.key}` });
    expectStatus(listClasses, res, 200);
  });
});

describe("a key's life", () => {
  it("refuses the very next call once the key is revoked through the API", async () => {
    const { id, credential } = await newKey();
    expectStatus(listClasses, await call(listClasses, {}, credential), 200);
    const revoke = operation("POST /api-keys/{keyId}/revoke");
    expectStatus(revoke, await call(revoke, { keyId: id, reason: "Leaked" }, rw.sessions.TEACHER), 200);
    const res = await call(listClasses, {}, credential);
    expectStatus(listClasses, res, 401);
    expect(problemOf(res).detail).toMatch(/revoked/);
  });

  it("refuses a key past its expiry with 401 saying it expired", async () => {
    const { id, credential } = await newKey();
    await rw.w.t.db.apiKey.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await call(listClasses, {}, credential);
    expectStatus(listClasses, res, 401);
    expect(problemOf(res).detail).toMatch(/expired/);
  });

  it("keeps the old key working through a rotation's grace period, next to its replacement", async () => {
    const old = await newKey();
    const rotate = operation("POST /api-keys/{keyId}/rotate");
    const rotated = await call(rotate, { keyId: old.id, grace: "1h" }, rw.sessions.TEACHER);
    expectStatus(rotate, rotated, 201);
    const replacement: Credential = { kind: "key", key: (rotated.json as { secret: string }).secret, label: "new" };
    expectStatus(listClasses, await call(listClasses, {}, old.credential), 200);
    expectStatus(listClasses, await call(listClasses, {}, replacement), 200);
  });

  it("refuses the old key at once after a rotation without grace, naming its replacement", async () => {
    const old = await newKey();
    const rotate = operation("POST /api-keys/{keyId}/rotate");
    expectStatus(rotate, await call(rotate, { keyId: old.id, grace: "now" }, rw.sessions.TEACHER), 201);
    const res = await call(listClasses, {}, old.credential);
    expectStatus(listClasses, res, 401);
    expect(problemOf(res).detail).toMatch(/replaced by a rotation/);
  });
});

describe("a key's IP allowlist", () => {
  it("refuses the key with 403 from an address not on it, whatever X-Forwarded-For claims", async () => {
    const { credential } = await newKey({ ipAllowlist: ["203.0.113.7"] });
    const plain = await call(listClasses, {}, credential);
    expectStatus(listClasses, plain, 403);
    const spoofed = await call(listClasses, {}, credential, {
      "x-forwarded-for": "203.0.113.7",
      "x-real-ip": "203.0.113.7",
    });
    expectStatus(listClasses, spoofed, 403);
  });
});

describe("what the key's owner sees", () => {
  it("GET /api-keys shows when the key was last used", async () => {
    const { id, credential } = await newKey();
    expectStatus(listClasses, await call(listClasses, {}, credential), 200);
    const list = operation("GET /api-keys");
    const res = await call(list, undefined, rw.sessions.TEACHER);
    expectStatus(list, res, 200);
    const key = (res.json as { items: { id: string; lastUsedAt: string | null }[] }).items.find((k) => k.id === id);
    expect(key?.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("GET /api-keys/{keyId}/usage counts the key's requests, errors and 429s per operation", async () => {
    const { id, credential } = await newKey();
    const getClass = operation("GET /classes/{classId}");
    expectStatus(listClasses, await call(listClasses, {}, credential), 200);
    expectStatus(listClasses, await call(listClasses, {}, credential), 200);
    expectStatus(getClass, await call(getClass, { classId: "no-such-class" }, credential), 404);
    await apiKeyUsageSettled();
    const usage = operation("GET /api-keys/{keyId}/usage");
    const res = await call(usage, { keyId: id }, rw.sessions.TEACHER);
    expectStatus(usage, res, 200);
    const body = res.json as {
      endpoints: { endpoint: string; requests: number; errors: number; limited: number }[];
      totals: { requests: number; errors: number; limited: number };
    };
    expect(body.totals).toEqual({ requests: 3, errors: 1, limited: 0 });
    expect(body.endpoints).toEqual(
      expect.arrayContaining([
        { endpoint: "GET /classes", requests: 2, errors: 0, limited: 0 },
        { endpoint: "GET /classes/{classId}", requests: 1, errors: 1, limited: 0 },
      ]),
    );
  });
});

describe("the person a key acts as", () => {
  /** A fresh teacher (made through POST /users by the admin) and a key of theirs with every teacher scope. */
  async function teacherWithKey(): Promise<{ userId: string; key: Credential }> {
    const createUser = operation("POST /users");
    const made = await call(
      createUser,
      { name: "Temporary Teacher", email: `temp-teacher-${Date.now()}-${Math.random()}@a.test`, role: "TEACHER" },
      rw.keys.ADMIN,
    );
    expectStatus(createUser, made, 201);
    const userId = (made.json as { user: { id: string } }).user.id;
    const session: Credential = { kind: "session", userId, label: "temporary teacher" };
    const res = await call(createKey, { name: "Theirs", scopes: ["classes:read"] }, session);
    expectStatus(createKey, res, 201);
    return { userId, key: { kind: "key", key: (res.json as { secret: string }).secret, label: "their key" } };
  }

  it("refuses a teacher a key with the admin scope, with 403 naming the scope", async () => {
    const res = await call(createKey, { name: "Too much", scopes: ["classes:read", "admin"] }, rw.sessions.TEACHER);
    expectStatus(createKey, res, 403);
    expect(problemOf(res).detail).toContain("admin");
  });

  it("stops the key's teacher scopes once its owner is made a student", async () => {
    const { userId, key } = await teacherWithKey();
    expectStatus(listClasses, await call(listClasses, {}, key), 200);
    const changeRole = operation("PUT /users/{userId}/role");
    expectStatus(changeRole, await call(changeRole, { userId, role: "STUDENT" }, rw.keys.ADMIN), 200);
    expectStatus(listClasses, await call(listClasses, {}, key), 403);
  });

  it("refuses the key with 401 once its owner is deactivated", async () => {
    const { userId, key } = await teacherWithKey();
    const deactivate = operation("POST /users/{userId}/deactivate");
    expectStatus(deactivate, await call(deactivate, { userId }, rw.keys.ADMIN), 200);
    const res = await call(listClasses, {}, key);
    expectStatus(listClasses, res, 401);
    expect(problemOf(res).detail).toMatch(/deactivated/);
  });
});
