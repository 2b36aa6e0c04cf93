// POST /api/pusher/auth with credentials that must not sign realtime subscriptions, through the
// route handler and the app's real credential resolution (only next-auth's session lookup and the
// database handle are mocked): an API key (in its header, or in the URL) never gets a signature.
import { createWorld, type World } from "@toolboxai/api/testing";
import { createApiKey, deriveSecret } from "@toolboxai/core";
import { channels } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Read once by ~/env when the route is imported: realtime is configured.
  process.env.PUSHER_APP_ID = "route-test-app";
  process.env.PUSHER_KEY = "route-test-key";
  process.env.PUSHER_SECRET = "route-test-secret";
  process.env.PUSHER_HOST = "127.0.0.1";
  process.env.PUSHER_PORT = "1";
});
const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const { env } = await import("~/env");
const { POST } = await import("./route");

let w: World;
let teacherId: string;
let secret: string;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  const teacher = await w.actor("a", "TEACHER");
  teacherId = teacher.userId;
  const pepper = deriveSecret(env.authSecret, "api-key-hash");
  ({ secret } = await createApiKey(
    w.svc(teacher),
    { name: "Plugin", scopes: ["content:read", "messages:read"], ipAllowlist: [] },
    { pepper },
  ));
});
afterAll(() => w.t.close());

function subscribe(headers: Record<string, string>, query = "") {
  return POST(
    new Request(`http://localhost:3000/api/pusher/auth${query}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ socket_id: "1234.5678", channel_name: channels.user(teacherId) }).toString(),
    }),
  );
}

describe("POST /api/pusher/auth with an API key", () => {
  it("answers 403 problem+json to the key of the channel's own user, with no signature", async () => {
    session.userId = null;
    const res = await subscribe({ authorization: `Bearer ${secret}` });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
      detail: "This operation cannot be called with an API key.",
    });
    expect(body).not.toHaveProperty("auth");
  });

  it("answers 401 to a key in the URL, even next to the user's session cookie", async () => {
    session.userId = teacherId;
    try {
      const res = await subscribe({}, `?api_key=${secret}`);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('"auth"');
    } finally {
      session.userId = null;
    }
  });

  it("still signs the channel for the user's session without a key", async () => {
    session.userId = teacherId;
    try {
      expect((await subscribe({})).status).toBe(200);
    } finally {
      session.userId = null;
    }
  });
});
