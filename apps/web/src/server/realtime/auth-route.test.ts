// POST /api/pusher/auth through the exported route handler: the session is mocked, the database
// is real and the signature is checked against HMAC-SHA256 computed here.
import { createHmac } from "node:crypto";
import { createWorld, type World } from "@toolboxai/api/testing";
import type { Actor } from "@toolboxai/core";
import { pusherAuthResponse } from "@toolboxai/core";
import { channels } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const APP = vi.hoisted(() => {
  const app = { id: "route-test-app", key: "route-test-key", secret: "route-test-secret" };
  // Read once by ~/env when the route is imported.
  process.env.PUSHER_APP_ID = app.id;
  process.env.PUSHER_KEY = app.key;
  process.env.PUSHER_SECRET = app.secret;
  process.env.PUSHER_HOST = "127.0.0.1";
  process.env.PUSHER_PORT = "1";
  return app;
});
const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const { POST } = await import("~/app/api/pusher/auth/route");

let w: World;
let teacher: Actor;
let classId: string;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  teacher = await w.actor("a", "TEACHER");
  classId = (await w.caller(teacher).classes.create({ name: "Bio", subject: "Science", gradeLevel: "7" })).id;
});
afterAll(() => w.t.close());

const SOCKET = "1234.5678";

function signedInAs(actor: Actor | null) {
  session.userId = actor?.userId ?? null;
}

function post(form: Record<string, string>, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost:3000/api/pusher/auth", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

const expectedAuth = (socketId: string, channel: string, channelData?: string) =>
  `${APP.key}:${createHmac("sha256", APP.secret)
    .update(channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`)
    .digest("hex")}`;

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

describe("POST /api/pusher/auth", () => {
  it("signs the signed-in user's own channel with the app key and secret", async () => {
    signedInAs(teacher);
    const channel = channels.user(teacher.userId);
    const res = await post({ socket_id: SOCKET, channel_name: channel });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ auth: expectedAuth(SOCKET, channel) });
  });

  it("signs a presence channel with the member's id, name and role in channel_data", async () => {
    signedInAs(teacher);
    const channel = channels.classPresence(classId);
    const res = await post({ socket_id: SOCKET, channel_name: channel });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { auth: string; channel_data: string };
    expect(JSON.parse(body.channel_data)).toEqual({
      user_id: teacher.userId,
      user_info: { name: teacher.name, role: "TEACHER" },
    });
    expect(body.auth).toBe(expectedAuth(SOCKET, channel, body.channel_data));
  });

  it("answers 401 with the request id when signed out", async () => {
    signedInAs(null);
    const res = await post(
      { socket_id: SOCKET, channel_name: channels.user(teacher.userId) },
      { "x-request-id": "req-signed-out" },
    );
    expect(res.status).toBe(401);
    expect((await res.json()) as ErrorBody).toEqual({
      error: { code: "UNAUTHORIZED", message: "Sign in to continue.", requestId: "req-signed-out" },
    });
  });

  it("answers 403, with no signature, for another user's channel", async () => {
    signedInAs(await w.actor("a", "STUDENT"));
    const res = await post({ socket_id: SOCKET, channel_name: channels.user(teacher.userId) });
    expect(res.status).toBe(403);
    const body = (await res.json()) as ErrorBody & { auth?: string };
    expect(body.error.code).toBe("FORBIDDEN");
    expect(body.auth).toBeUndefined();
  });

  it("answers 403 to a user of another organization for each of the organization's channels", async () => {
    signedInAs(await w.actor("b", "ADMIN"));
    for (const channel of [
      channels.orgDashboard(w.orgs.a),
      channels.orgContentGeneration(w.orgs.a),
      channels.orgAgentStatus(w.orgs.a),
      channels.classPresence(classId),
      channels.user(teacher.userId),
    ]) {
      expect((await post({ socket_id: SOCKET, channel_name: channel })).status).toBe(403);
    }
  });

  it("answers 403 for a channel name the app does not use", async () => {
    signedInAs(teacher);
    expect((await post({ socket_id: SOCKET, channel_name: "private-anything" })).status).toBe(403);
  });

  it.each([
    ["a malformed socket_id", { socket_id: "1234", channel_name: "private-user-x" }],
    ["a socket_id with extra text", { socket_id: "1.2:private-user-x", channel_name: "private-user-x" }],
    ["no socket_id", { channel_name: "private-user-x" }],
    ["no channel_name", { socket_id: SOCKET }],
    ["a channel_name over 200 characters", { socket_id: SOCKET, channel_name: `private-user-${"a".repeat(200)}` }],
  ])("answers 400 for %s", async (_case, form) => {
    signedInAs(teacher);
    const res = await post(form);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("BAD_REQUEST");
  });

  it("answers 503 when realtime is not configured", async () => {
    const res = await pusherAuthResponse(
      new Request("http://localhost:3000/api/pusher/auth", {
        method: "POST",
        body: new URLSearchParams({ socket_id: SOCKET, channel_name: channels.user(teacher.userId) }).toString(),
      }),
      { db: w.t.db, actor: teacher, correlationId: "req-off", signer: null },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      requestId: "req-off",
    });
  });
});
