// App tokens over the REST API, through the app's real route module (/api/v1/[...path]) and its
// real context: /auth/token, a bearer call, /auth/refresh with reuse detection, /auth/revoke.
// Only next-auth's cookie lookup and the database handle are the test's.
import { createWorld, PASSWORD, type World } from "@toolboxai/api/testing";
import type { Actor } from "@toolboxai/core";
import type { AppTokenGrant } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => null,
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const rest = await import("~/app/api/v1/[...path]/route");

interface Problem {
  status: number;
  code: string;
  detail: string;
  requestId: string;
  fieldErrors?: Record<string, string[]>;
}

let w: World;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
});
afterAll(() => w.t.close());

function send(method: "GET" | "POST", path: string, init: { json?: unknown; headers?: Record<string, string> } = {}) {
  const req = new Request(`http://localhost:3000/api/v1${path}`, {
    method,
    headers: {
      host: "localhost:3000",
      "user-agent": "ToolboxAI/2.1 CFNetwork/1494.0.7 Darwin/23.4.0",
      ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  return method === "GET" ? rest.GET(req) : rest.POST(req);
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as Problem;
}

async function signIn(actor: Actor, extra: Record<string, string> = {}): Promise<AppTokenGrant> {
  const res = await send("POST", "/auth/token", { json: { email: actor.email, password: PASSWORD, ...extra } });
  expect(res.status).toBe(200);
  return (await res.json()) as AppTokenGrant;
}

const me = (accessToken: string) => send("GET", "/me", { headers: { authorization: `Bearer ${accessToken}` } });

describe("POST /api/v1/auth/token", () => {
  it("answers a bearer pair that calls the API as the user", async () => {
    const student = await w.newActor("a", "STUDENT");
    const grant = await signIn(student);
    expect(grant).toMatchObject({ tokenType: "Bearer", expiresIn: 900, user: { id: student.userId, role: "STUDENT" } });
    const res = await me(grant.accessToken);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(student.userId);
  });

  it("answers 400 problem+json with field errors for an invalid body", async () => {
    const problem = await problemOf(await send("POST", "/auth/token", { json: { email: "nope" } }));
    expect(problem).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect(Object.keys(problem.fieldErrors ?? {}).sort()).toEqual(["email", "password"]);
  });

  it("answers 401 problem+json for a wrong password", async () => {
    const student = await w.newActor("a", "STUDENT");
    const res = await send("POST", "/auth/token", { json: { email: student.email, password: "wrong-pass-1" } });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).detail).toBe("That email and password don't match an active account.");
  });

  it("answers 429 with Retry-After once the account is blocked for wrong passwords", async () => {
    const student = await w.newActor("a", "STUDENT");
    for (let i = 0; i < 5; i++) {
      await send("POST", "/auth/token", { json: { email: student.email, password: "wrong-pass-1" } });
    }
    const res = await send("POST", "/auth/token", { json: { email: student.email, password: PASSWORD } });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect((await problemOf(res)).code).toBe("TOO_MANY_REQUESTS");
  });
});

describe("POST /api/v1/auth/refresh", () => {
  it("rotates: the new access token works, the used refresh token is refused with 401", async () => {
    const student = await w.newActor("a", "STUDENT");
    const grant = await signIn(student);
    const res = await send("POST", "/auth/refresh", { json: { refreshToken: grant.refreshToken } });
    expect(res.status).toBe(200);
    const next = (await res.json()) as AppTokenGrant;
    expect((await me(next.accessToken)).status).toBe(200);

    const replay = await send("POST", "/auth/refresh", { json: { refreshToken: grant.refreshToken } });
    expect(replay.status).toBe(401);
    expect((await problemOf(replay)).detail).toBe("This refresh token was already used; sign in again.");
    const after = await me(next.accessToken);
    expect(after.status).toBe(401);
    expect((await problemOf(after)).detail).toBe("This access token's session was revoked; sign in again.");
  });
});

describe("POST /api/v1/auth/revoke", () => {
  it("signs out the access token's own session with an empty body", async () => {
    const student = await w.newActor("a", "STUDENT");
    const grant = await signIn(student);
    const res = await send("POST", "/auth/revoke", { headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: true });
    expect((await me(grant.accessToken)).status).toBe(401);
  });

  it("answers 200 for a refresh token it does not know", async () => {
    const res = await send("POST", "/auth/revoke", { json: { refreshToken: "tbx_rt_unknown" } });
    expect(res.status).toBe(200);
  });
});

describe("a bearer token that is not ours", () => {
  it("is refused with 401 saying the access token is not valid", async () => {
    const res = await me("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
    expect(res.status).toBe(401);
    expect((await problemOf(res)).detail).toBe("This access token is not valid.");
  });
});
