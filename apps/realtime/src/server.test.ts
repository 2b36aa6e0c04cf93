import { createHmac } from "node:crypto";
import { createServer as createTcpServer, type Socket, connect as tcpConnect } from "node:net";
import pino from "pino";
import Pusher from "pusher";
import PusherJS from "pusher-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { channelAuthToken } from "./auth.js";
import type { RealtimeConfig } from "./env.js";
import { createRealtimeServer, type RealtimeServer } from "./server.js";

const APP = { id: "test-app", key: "test-key", secret: "test-secret" };
const WAIT_MS = 3000;

let server: RealtimeServer;
let port: number;
let api: Pusher;
const clients: PusherJS[] = [];
let channelSeq = 0;
const uniq = (prefix: string) => `${prefix}-${Date.now()}-${channelSeq++}`;

type Channel = ReturnType<PusherJS["subscribe"]>;

function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${what}`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function nextEvent<T = unknown>(channel: Channel, event: string): Promise<T> {
  return withTimeout(
    new Promise<T>((resolve) => {
      const handler = (data: T) => {
        channel.unbind(event, handler);
        resolve(data);
      };
      channel.bind(event, handler);
    }),
    `${event} on ${channel.name}`,
  );
}

/** Resolves with the events received on `event` within `ms` (used to assert absence). */
function collect(channel: Channel, event: string, ms = 300): Promise<unknown[]> {
  const got: unknown[] = [];
  const handler = (data: unknown) => got.push(data);
  channel.bind(event, handler);
  return new Promise((resolve) =>
    setTimeout(() => {
      channel.unbind(event, handler);
      resolve(got);
    }, ms),
  );
}

interface User {
  id: string;
  info?: Record<string, unknown>;
}

/** What the client's auth endpoint would answer: `{ auth, channel_data? }` for a subscription. */
type Authorize = (socketId: string, channelName: string) => { auth: string; channel_data?: string };

/** Signs like a correct auth endpoint (with presence data for `user`). */
const signAs =
  (user?: User): Authorize =>
  (socketId, channelName) =>
    api.authorizeChannel(
      socketId,
      channelName,
      user && channelName.startsWith("presence-") ? { user_id: user.id, user_info: user.info } : undefined,
    );

/** A pusher-js client without waiting for the connection (for servers that may refuse it). */
function pusherJs(options: { port?: number; authorize?: Authorize } = {}): PusherJS {
  const authorize = options.authorize ?? signAs();
  const client = new PusherJS(APP.key, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: options.port ?? port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          callback(null, authorize(socketId, channelName));
        } catch (err) {
          callback(err as Error, null);
        }
      },
    },
  });
  clients.push(client);
  return client;
}

async function connect(user?: User, options: { port?: number; authorize?: Authorize } = {}): Promise<PusherJS> {
  const client = pusherJs({ authorize: signAs(user), ...options });
  await withTimeout(
    new Promise<void>((resolve) => {
      if (client.connection.state === "connected") return resolve();
      client.connection.bind("connected", () => resolve());
    }),
    "connection",
  );
  return client;
}

interface WireMessage {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
}

/** Every protocol message the client receives from now on (pusher_internal:* included). */
function wire(client: PusherJS): WireMessage[] {
  const got: WireMessage[] = [];
  client.connection.bind("message", (m: WireMessage) => got.push(m));
  return got;
}

const internal = (messages: WireMessage[], event: string, channel: string) =>
  messages.filter((m) => m.event === event && m.channel === channel).map((m) => m.data);

let flushSeq = 0;
/**
 * Resolves once every client has received a marker event triggered now on `channel`. The server
 * writes to a socket in order, so anything it sent those clients before has arrived by then: the
 * way to assert that something was NOT sent, without waiting for an arbitrary time.
 */
async function flush(channel: string, subscribers: PusherJS[], through: Pusher = api): Promise<void> {
  const marker = `flush-${flushSeq++}`;
  const seen = subscribers.map((client) =>
    withTimeout(
      new Promise<void>((resolve) => {
        const onMessage = (m: WireMessage) => {
          if (m.event !== marker || m.channel !== channel) return;
          client.connection.unbind("message", onMessage);
          resolve();
        };
        client.connection.bind("message", onMessage);
      }),
      `${marker} on ${channel}`,
    ),
  );
  await through.trigger(channel, marker, {});
  await Promise.all(seen);
}

/** Resolves once the server reports `count` subscriptions on `channel` (e.g. after a disconnect). */
async function subscriptionCount(channel: string, count: number, through: Pusher = api): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const res = await through.get({ path: `/channels/${channel}` });
    const body = (await res.json()) as { subscription_count: number };
    if (body.subscription_count === count) return;
    if (Date.now() > deadline) throw new Error(`timeout waiting for ${count} subscriptions on ${channel}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A connection-level error as pusher-js reports it (from pusher:error messages and close codes). */
interface ConnectionError {
  type: string;
  data?: { code?: number | null; message?: string };
}

/** The next connection-level error that `match` accepts. */
function nextConnectionError(
  client: PusherJS,
  what: string,
  match: (err: ConnectionError) => boolean,
): Promise<ConnectionError> {
  return withTimeout(
    new Promise((resolve) => {
      const onError = (err: ConnectionError) => {
        if (!match(err)) return;
        client.connection.unbind("error", onError);
        resolve(err);
      };
      client.connection.bind("error", onError);
    }),
    what,
  );
}

async function subscribed(client: PusherJS, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  await nextEvent(channel, "pusher:subscription_succeeded");
  return channel;
}

function signedUrl(method: string, path: string, body?: string, extra: Record<string, string> = {}, ts?: number) {
  const qs = api.createSignedQueryString({ method, path, body, params: extra });
  if (ts === undefined) return `http://127.0.0.1:${port}${path}?${qs}`;
  // Re-sign manually with a custom timestamp.
  const params = new URLSearchParams(qs);
  params.delete("auth_signature");
  params.set("auth_timestamp", String(ts));
  const sorted = [...params.entries()].sort(([a], [b]) => a.localeCompare(b));
  const toSign = `${method}\n${path}\n${sorted.map(([k, v]) => `${k}=${v}`).join("&")}`;
  const sig = createHmac("sha256", APP.secret).update(toSign).digest("hex");
  return `http://127.0.0.1:${port}${path}?${sorted.map(([k, v]) => `${k}=${v}`).join("&")}&auth_signature=${sig}`;
}

/** POST a correctly signed JSON body with fetch (bypasses the SDK's client-side limits). */
function postSigned(endpoint: "events" | "batch_events", payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  const url = signedUrl("POST", `/apps/${APP.id}/${endpoint}`, body);
  return fetch(url, { method: "POST", body, headers: { "content-type": "application/json" } });
}

beforeAll(async () => {
  server = createRealtimeServer({ port: 0, host: "127.0.0.1", app: APP }, { logger: pino({ level: "silent" }) });
  ({ port } = await server.start());
  api = new Pusher({
    appId: APP.id,
    key: APP.key,
    secret: APP.secret,
    host: "127.0.0.1",
    port: String(port),
    useTLS: false,
  });
});

afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

afterAll(async () => {
  await server.stop();
});

describe("auth", () => {
  it("matches the Pusher documentation test vector", () => {
    expect(channelAuthToken("278d425bdf160c739803", "7ad3773142a6692b25b8", "1234.1234", "private-foobar")).toBe(
      "278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4",
    );
  });
});

describe("websocket protocol", () => {
  it("connects and receives a socket id", async () => {
    const client = await connect();
    expect(client.connection.socket_id).toMatch(/^\d+\.\d+$/);
  });

  it("answers a malformed upgrade URL with 400 and keeps serving", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = tcpConnect(port, "127.0.0.1", () => {
        socket.write(
          "GET /app/% HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        );
      });
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
  });

  it("rejects an unknown app key with 4001", async () => {
    const { WebSocket } = await import("ws");
    const ws = new WebSocket(`ws://127.0.0.1:${port}/app/nope?protocol=7`);
    const messages: string[] = [];
    ws.on("message", (m) => messages.push(m.toString()));
    const code = await withTimeout(new Promise<number>((resolve) => ws.on("close", (c) => resolve(c))), "close");
    expect(code).toBe(4001);
    expect(JSON.parse(messages[0] ?? "{}")).toMatchObject({ event: "pusher:error", data: { code: 4001 } });
  });

  it("answers pusher:ping with pusher:pong and sends connection_established data as a string", async () => {
    const { WebSocket } = await import("ws");
    const ws = new WebSocket(`ws://127.0.0.1:${port}/app/${APP.key}?protocol=7`);
    const messages: Array<{ event: string; data?: unknown }> = [];
    const pong = withTimeout(
      new Promise<void>((resolve) => {
        ws.on("message", (m) => {
          const msg = JSON.parse(m.toString());
          messages.push(msg);
          if (msg.event === "pusher:connection_established")
            ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
          if (msg.event === "pusher:pong") resolve();
        });
      }),
      "pong",
    );
    await pong;
    ws.close();
    const established = messages[0];
    expect(established?.event).toBe("pusher:connection_established");
    expect(typeof established?.data).toBe("string");
    expect(JSON.parse(established?.data as string)).toMatchObject({ activity_timeout: 120 });
  });

  it("delivers a triggered event on a public channel", async () => {
    const client = await connect();
    const name = uniq("public");
    const channel = await subscribed(client, name);
    const got = nextEvent(channel, "greet");
    await api.trigger(name, "greet", { hello: "world" });
    expect(await got).toEqual({ hello: "world" });
  });

  it("subscribes to a private channel with valid auth", async () => {
    const client = await connect();
    const name = uniq("private-room");
    const channel = await subscribed(client, name);
    const got = nextEvent(channel, "secret");
    await api.trigger(name, "secret", { n: 1 });
    expect(await got).toEqual({ n: 1 });
  });

  it("refuses a private subscription with a bad signature", async () => {
    const client = new PusherJS(APP.key, {
      cluster: "mt1",
      wsHost: "127.0.0.1",
      wsPort: port,
      forceTLS: false,
      enabledTransports: ["ws"],
      disableStats: true,
      channelAuthorization: {
        customHandler: (_params, callback) => callback(null, { auth: `${APP.key}:${"0".repeat(64)}` }),
      },
    });
    clients.push(client);
    const channel = client.subscribe(uniq("private-bad"));
    const err = await nextEvent<{ type: string; status: number }>(channel, "pusher:subscription_error");
    expect(err).toMatchObject({ type: "AuthError", status: 401 });
    expect(channel.subscribed).toBe(false);
  });

  it("announces presence members joining and leaving to other clients", async () => {
    const name = uniq("presence-lobby");
    const alice = await connect({ id: "alice", info: { name: "Alice" } });
    const aliceChannel = alice.subscribe(name);
    const aliceMembers = await nextEvent<{ count: number }>(aliceChannel, "pusher:subscription_succeeded");
    expect(aliceMembers.count).toBe(1);

    const added = nextEvent<{ id: string; info: unknown }>(aliceChannel, "pusher:member_added");
    const bob = await connect({ id: "bob", info: { name: "Bob" } });
    const bobChannel = bob.subscribe(name);
    const bobMembers = await nextEvent<{ count: number; members: Record<string, unknown> }>(
      bobChannel,
      "pusher:subscription_succeeded",
    );
    expect(bobMembers.count).toBe(2);
    expect(bobMembers.members).toEqual({ alice: { name: "Alice" }, bob: { name: "Bob" } });
    expect(await added).toEqual({ id: "bob", info: { name: "Bob" } });

    const usersRes = await api.get({ path: `/channels/${name}/users` });
    expect(await usersRes.json()).toEqual({ users: [{ id: "alice" }, { id: "bob" }] });

    const removed = nextEvent<{ id: string }>(aliceChannel, "pusher:member_removed");
    bob.disconnect();
    expect((await removed).id).toBe("bob");
  });

  it("delivers batch-triggered events", async () => {
    const client = await connect();
    const a = uniq("batch-a");
    const b = uniq("batch-b");
    const chA = await subscribed(client, a);
    const chB = await subscribed(client, b);
    const gotA = nextEvent(chA, "ev");
    const gotB = nextEvent(chB, "ev");
    const res = await api.triggerBatch([
      { channel: a, name: "ev", data: { v: "a" } },
      { channel: b, name: "ev", data: { v: "b" } },
    ]);
    expect(res.status).toBe(200);
    expect(await gotA).toEqual({ v: "a" });
    expect(await gotB).toEqual({ v: "b" });
  });

  it("delivers a full batch on one channel in order to every subscriber", async () => {
    const name = uniq("batch-order");
    const a = await subscribed(await connect(), name);
    const b = await subscribed(await connect(), name);
    const gotA = collect(a, "n", 500);
    const gotB = collect(b, "n", 500);
    const expected = Array.from({ length: 10 }, (_, i) => ({ i }));
    const batch = expected.map((data) => ({ channel: name, name: "n", data }));
    expect((await api.triggerBatch(batch)).status).toBe(200);
    expect(await gotA).toEqual(expected);
    expect(await gotB).toEqual(expected);
  });

  it("excludes the socket_id given in the trigger", async () => {
    const name = uniq("exclusion");
    const sender = await connect();
    const other = await connect();
    const senderCh = await subscribed(sender, name);
    const otherCh = await subscribed(other, name);
    const senderGot = collect(senderCh, "ev", 400);
    const otherGot = nextEvent(otherCh, "ev");
    await api.trigger(name, "ev", { x: 1 }, { socket_id: sender.connection.socket_id });
    expect(await otherGot).toEqual({ x: 1 });
    expect(await senderGot).toEqual([]);
  });

  it("relays client events on private channels but refuses them on public channels", async () => {
    const priv = uniq("private-chat");
    const pub = uniq("public-chat");
    const a = await connect();
    const b = await connect();
    const aPriv = await subscribed(a, priv);
    const bPriv = await subscribed(b, priv);
    const aPub = await subscribed(a, pub);
    const bPub = await subscribed(b, pub);

    const got = nextEvent(bPriv, "client-typing");
    const selfGot = collect(aPriv, "client-typing", 300);
    aPriv.trigger("client-typing", { who: "a" });
    expect(await got).toEqual({ who: "a" });
    expect(await selfGot).toEqual([]);

    const errored = withTimeout(
      new Promise<{ data: { message: string } }>((resolve) => a.connection.bind("error", resolve)),
      "pusher:error",
    );
    const pubGot = collect(bPub, "client-typing", 400);
    aPub.trigger("client-typing", { who: "a" });
    expect((await errored).data.message).toMatch(/private and presence/);
    expect(await pubGot).toEqual([]);
  });

  it("rate limits client events to 10 per second per connection", async () => {
    const name = uniq("private-flood");
    const a = await connect();
    const b = await connect();
    const aCh = await subscribed(a, name);
    const bCh = await subscribed(b, name);
    const errored = withTimeout(
      new Promise<{ data: { code: number } }>((resolve) => a.connection.bind("error", resolve)),
      "rate limit error",
    );
    const received = collect(bCh, "client-n", 500);
    for (let i = 0; i < 15; i++) aCh.trigger("client-n", { i });
    expect((await errored).data.code).toBe(4301);
    expect((await received).length).toBe(10);
  });
});

describe("HTTP API", () => {
  it("reports health", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("refuses a tampered signature with 401", async () => {
    const path = `/apps/${APP.id}/events`;
    const body = JSON.stringify({ name: "ev", channels: ["x"], data: "{}" });
    const url = signedUrl("POST", path, body);
    const tampered = url.replace(
      /auth_signature=([0-9a-f])/,
      (_m, c: string) => `auth_signature=${c === "0" ? "1" : "0"}`,
    );
    const res = await fetch(tampered, { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(401);
    const ok = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({});
  });

  it("refuses a request whose timestamp is older than 600 s", async () => {
    const path = `/apps/${APP.id}/events`;
    const body = JSON.stringify({ name: "ev", channels: ["x"], data: "{}" });
    const url = signedUrl("POST", path, body, {}, Math.floor(Date.now() / 1000) - 700);
    const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/expired/i);
  });

  it("enforces payload limits", async () => {
    const big = await api.trigger(uniq("big"), "ev", "x".repeat(10 * 1024 + 1)).catch((e: { status: number }) => e);
    expect(big.status).toBe(413);
    const channels = Array.from({ length: 101 }, (_, i) => `c${i}`);
    // The SDK refuses > 100 channels client-side, so post the raw (still signed) body.
    const many = await postSigned("events", { name: "ev", channels, data: "{}" });
    expect(many.status).toBe(400);
    const batch = Array.from({ length: 11 }, () => ({ channel: "c", name: "ev", data: "{}" }));
    const tooBig = await postSigned("batch_events", { batch });
    expect(tooBig.status).toBe(400);
  });

  it("serves channel info endpoints", async () => {
    const name = uniq("private-info");
    const a = await connect();
    const b = await connect();
    await subscribed(a, name);
    await subscribed(b, name);

    const list = await api.get({ path: "/channels", params: { filter_by_prefix: "private-info" } });
    const listBody = (await list.json()) as { channels: Record<string, unknown> };
    expect(Object.keys(listBody.channels)).toContain(name);

    const info = await api.get({ path: `/channels/${name}` });
    expect(await info.json()).toEqual({ occupied: true, subscription_count: 2 });

    const empty = await api.get({ path: `/channels/${uniq("nobody")}` });
    expect(await empty.json()).toEqual({ occupied: false, subscription_count: 0 });

    const users = await api.get({ path: `/channels/${name}/users` }).catch((e: { status: number }) => e);
    expect(users.status).toBe(400);
  });
});

describe("presence channels", () => {
  it("announces a user once, however many sockets they join with", async () => {
    const name = uniq("presence-tabs");
    const carol = await connect({ id: "carol" });
    const carolWire = wire(carol);
    await subscribed(carol, name);

    const aliceTab1 = await connect({ id: "alice", info: { name: "Alice" } });
    const tab1Wire = wire(aliceTab1);
    await subscribed(aliceTab1, name);
    const aliceTab2 = await connect({ id: "alice", info: { name: "Alice" } });
    await subscribed(aliceTab2, name);
    await flush(name, [carol, aliceTab1]);

    expect(internal(carolWire, "pusher_internal:member_added", name)).toEqual([
      { user_id: "alice", user_info: { name: "Alice" } },
    ]);
    // Alice's first tab is not told that Alice joined (again).
    expect(internal(tab1Wire, "pusher_internal:member_added", name)).toEqual([]);
  });

  it("removes a user only when their last socket leaves", async () => {
    const name = uniq("presence-tabs");
    const carol = await connect({ id: "carol" });
    const carolWire = wire(carol);
    await subscribed(carol, name);
    const aliceTab1 = await connect({ id: "alice" });
    await subscribed(aliceTab1, name);
    const aliceTab2 = await connect({ id: "alice" });
    await subscribed(aliceTab2, name);

    aliceTab1.disconnect();
    await subscriptionCount(name, 2);
    await flush(name, [carol]);
    expect(internal(carolWire, "pusher_internal:member_removed", name)).toEqual([]);
    const stillThere = await api.get({ path: `/channels/${name}/users` });
    expect(await stillThere.json()).toEqual({ users: [{ id: "carol" }, { id: "alice" }] });

    aliceTab2.disconnect();
    await subscriptionCount(name, 1);
    await flush(name, [carol]);
    expect(internal(carolWire, "pusher_internal:member_removed", name)).toEqual([{ user_id: "alice" }]);
  });

  it("does not send member_added to the socket that joined", async () => {
    const name = uniq("presence-self");
    const carol = await connect({ id: "carol" });
    await subscribed(carol, name);
    const bob = await connect({ id: "bob" });
    const bobWire = wire(bob);
    await subscribed(bob, name);
    await flush(name, [bob]);
    expect(internal(bobWire, "pusher_internal:member_added", name)).toEqual([]);
  });

  it("does not send member_removed to the socket that left", async () => {
    const name = uniq("presence-self");
    const elsewhere = uniq("public-elsewhere");
    const carol = await connect({ id: "carol" });
    const carolWire = wire(carol);
    await subscribed(carol, name);
    const bob = await connect({ id: "bob" });
    const bobWire = wire(bob);
    await subscribed(bob, name);
    await subscribed(bob, elsewhere);

    bob.unsubscribe(name);
    await subscriptionCount(name, 1);
    await flush(name, [carol]);
    await flush(elsewhere, [bob]);
    expect(internal(carolWire, "pusher_internal:member_removed", name)).toEqual([{ user_id: "bob" }]);
    expect(internal(bobWire, "pusher_internal:member_removed", name)).toEqual([]);
  });

  it("refuses a presence subscription with a bad signature, with 4009, and announces no one", async () => {
    const name = uniq("presence-guarded");
    const carol = await connect({ id: "carol" });
    const carolWire = wire(carol);
    await subscribed(carol, name);

    const mallory = pusherJs({
      authorize: () => ({
        auth: `${APP.key}:${"0".repeat(64)}`,
        channel_data: JSON.stringify({ user_id: "mallory" }),
      }),
    });
    const connectionError = nextConnectionError(mallory, "pusher:error 4009", (e) => e.data?.code === 4009);
    const channel = mallory.subscribe(name);
    const refusal = await nextEvent<Record<string, unknown>>(channel, "pusher:subscription_error");
    expect(refusal).toMatchObject({ type: "AuthError", status: 401, code: 4009 });
    expect(refusal.error).toMatch(/^Invalid signature/);
    expect((await connectionError).data?.message).toMatch(`Subscription to ${name} refused`);
    expect(channel.subscribed).toBe(false);

    await flush(name, [carol]);
    expect(internal(carolWire, "pusher_internal:member_added", name)).toEqual([]);
    const users = await api.get({ path: `/channels/${name}/users` });
    expect(await users.json()).toEqual({ users: [{ id: "carol" }] });
  });

  it("refuses correctly signed presence channel_data without a user_id (400, 4009)", async () => {
    const name = uniq("presence-guarded");
    const channelData = JSON.stringify({ user_info: { name: "Nobody" } });
    const client = pusherJs({
      authorize: (socketId, channelName) => ({
        auth: channelAuthToken(APP.key, APP.secret, socketId, channelName, channelData),
        channel_data: channelData,
      }),
    });
    const channel = client.subscribe(name);
    const refusal = await nextEvent<Record<string, unknown>>(channel, "pusher:subscription_error");
    expect(refusal).toMatchObject({ type: "AuthError", status: 400, code: 4009 });
    expect(refusal.error).toMatch(/user_id required/);
    expect(channel.subscribed).toBe(false);
  });
});

describe("unauthorized subscriptions (4009)", () => {
  it("reports a refused private subscription with code 4009 on the channel and on the connection", async () => {
    const name = uniq("private-forbidden");
    const client = pusherJs({ authorize: () => ({ auth: `${APP.key}:${"0".repeat(64)}` }) });
    const connectionError = nextConnectionError(client, "pusher:error 4009", (e) => e.data?.code === 4009);
    const channel = client.subscribe(name);
    expect(await nextEvent(channel, "pusher:subscription_error")).toMatchObject({ code: 4009, status: 401 });
    expect(await connectionError).toMatchObject({ type: "PusherError", data: { code: 4009 } });
  });

  it("keeps the connection and its other subscriptions after refusing one channel", async () => {
    const allowed = uniq("private-allowed");
    const forbidden = uniq("private-forbidden");
    const client = await connect(undefined, {
      authorize: (socketId, channelName) =>
        channelName.startsWith("private-forbidden")
          ? { auth: `${APP.key}:${"0".repeat(64)}` }
          : signAs()(socketId, channelName),
    });
    const socketId = client.connection.socket_id;
    const allowedChannel = await subscribed(client, allowed);
    await nextEvent(client.subscribe(forbidden), "pusher:subscription_error");

    const got = nextEvent(allowedChannel, "still-here");
    await api.trigger(allowed, "still-here", { ok: true });
    expect(await got).toEqual({ ok: true });
    expect(client.connection.state).toBe("connected");
    expect(client.connection.socket_id).toBe(socketId);
  });
});

describe("client events", () => {
  it("relays client events on presence channels, tagged with the sender's user_id", async () => {
    const name = uniq("presence-chat");
    const alice = await connect({ id: "alice" });
    const bob = await connect({ id: "bob" });
    const aliceCh = await subscribed(alice, name);
    const bobCh = await subscribed(bob, name);
    const got = withTimeout(
      new Promise<{ data: unknown; userId: unknown }>((resolve) =>
        bobCh.bind("client-wave", (data: unknown, metadata: { user_id?: string }) =>
          resolve({ data, userId: metadata.user_id }),
        ),
      ),
      "client-wave",
    );
    aliceCh.trigger("client-wave", { hi: "bob" });
    expect(await got).toEqual({ data: { hi: "bob" }, userId: "alice" });
  });

  describe("when disabled by configuration", () => {
    let closedServer: RealtimeServer;
    let closedPort: number;
    let closedApi: Pusher;

    beforeAll(async () => {
      closedServer = createRealtimeServer(
        { port: 0, host: "127.0.0.1", app: APP, enableClientMessages: false },
        { logger: pino({ level: "silent" }) },
      );
      ({ port: closedPort } = await closedServer.start());
      closedApi = new Pusher(apiOptions(closedPort));
    });

    afterAll(async () => {
      await closedServer.stop();
    });

    it.each(["private", "presence"])("refuses client events on %s channels and relays nothing", async (kind) => {
      const name = uniq(`${kind}-quiet`);
      const a = await connect({ id: "a" }, { port: closedPort });
      const b = await connect({ id: "b" }, { port: closedPort });
      const aCh = await subscribed(a, name);
      await subscribed(b, name);
      const bWire = wire(b);

      const refused = nextConnectionError(a, "pusher:error", (e) => e.type === "PusherError");
      aCh.trigger("client-psst", { secret: 1 });
      expect((await refused).data).toEqual({ code: null, message: "Client events are not enabled for this app" });

      await flush(name, [b], closedApi);
      expect(bWire.filter((m) => m.event === "client-psst")).toEqual([]);
    });
  });
});

describe("HTTP API signature and channel info", () => {
  it("refuses a request whose body_md5 does not match the body, even with a valid signature (401)", async () => {
    const path = `/apps/${APP.id}/events`;
    const signedBody = JSON.stringify({ name: "ev", channels: ["x"], data: "{}" });
    const sentBody = JSON.stringify({ name: "ev", channels: ["x"], data: '{"swapped":true}' });
    const res = await fetch(signedUrl("POST", path, signedBody), {
      method: "POST",
      body: sentBody,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Invalid body_md5" });
  });

  it("lists presence channels with their user_count, counting a user on two sockets once", async () => {
    const name = uniq("presence-count");
    await subscribed(await connect({ id: "alice" }), name);
    await subscribed(await connect({ id: "alice" }), name);
    await subscribed(await connect({ id: "bob" }), name);

    const res = await api.get({ path: "/channels", params: { filter_by_prefix: name, info: "user_count" } });
    expect(await res.json()).toEqual({ channels: { [name]: { user_count: 2 } } });
  });

  it("refuses info=user_count unless the listing is limited to presence channels (400)", async () => {
    const res = await api
      .get({ path: "/channels", params: { filter_by_prefix: "private-", info: "user_count" } })
      .catch((e: { status: number; body: string }) => e);
    expect(res.status).toBe(400);
    expect(JSON.parse((res as { body: string }).body)).toEqual({
      error: "info=user_count requires filter_by_prefix=presence-",
    });
  });
});

describe("graceful shutdown", () => {
  /** A pino logger whose lines the test can wait for (the server's own sync points). */
  function logSink() {
    const lines: Array<{ msg: string; path?: string }> = [];
    const waiters: Array<() => void> = [];
    const logger = pino(
      { level: "debug" },
      {
        write(line: string) {
          lines.push(JSON.parse(line));
          for (const wake of waiters.splice(0)) wake();
        },
      },
    );
    const waitFor = (what: string, match: (line: { msg: string; path?: string }) => boolean) =>
      withTimeout(
        new Promise<void>((resolve) => {
          const check = () => (lines.some(match) ? resolve() : waiters.push(check));
          check();
        }),
        what,
      );
    return { logger, waitFor };
  }

  async function startServer(extra: Partial<RealtimeConfig> = {}, logger = pino({ level: "silent" })) {
    const s = createRealtimeServer({ port: 0, host: "127.0.0.1", app: APP, ...extra }, { logger });
    const { port: p } = await s.start();
    return { server: s, port: p };
  }

  /**
   * A TCP proxy in front of `target` that forwards each HTTP request except its last byte until
   * release(): the request is then in flight (the server has it, not all of it) for as long as the
   * test wants.
   */
  async function holdingProxy(target: number) {
    let release: () => void = () => {};
    let held: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const sockets = new Set<Socket>();
    const proxy = createTcpServer((client) => {
      const upstream = tcpConnect(target, "127.0.0.1");
      sockets.add(client).add(upstream);
      let received = Buffer.alloc(0);
      let total: number | undefined;
      let forwarded = 0;
      client.on("data", (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (total === undefined) {
          const headEnd = received.indexOf("\r\n\r\n");
          if (headEnd < 0) return;
          const length = /content-length:\s*(\d+)/i.exec(received.subarray(0, headEnd).toString());
          total = headEnd + 4 + Number(length?.[1] ?? 0);
        }
        const upTo = Math.min(received.length, total - 1);
        if (upTo > forwarded) {
          upstream.write(received.subarray(forwarded, upTo));
          forwarded = upTo;
        }
        if (received.length >= total) {
          release = () => upstream.write(received.subarray(forwarded));
          held();
        }
      });
      upstream.pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
      client.on("close", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const address = proxy.address();
    if (address === null || typeof address === "string") throw new Error("proxy has no port");
    return {
      port: address.port,
      holding,
      release: () => release(),
      close: () => {
        for (const socket of sockets) socket.destroy();
        proxy.close();
      },
    };
  }

  it("closes open WebSockets with close code 4200 (reconnect immediately), after a pusher:error saying so", async () => {
    const { server: s, port: p } = await startServer();
    const { WebSocket } = await import("ws");
    const ws = new WebSocket(`ws://127.0.0.1:${p}/app/${APP.key}?protocol=7`);
    const messages: Array<{ event: string; data?: unknown }> = [];
    const established = withTimeout(
      new Promise<void>((resolve) =>
        ws.on("message", (m) => {
          const msg = JSON.parse(m.toString());
          messages.push(msg);
          if (msg.event === "pusher:connection_established") resolve();
        }),
      ),
      "connection_established",
    );
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await established;

    await s.stop();
    expect(await withTimeout(closed, "close")).toEqual({ code: 4200, reason: "Server shutting down" });
    expect(messages.at(-1)).toEqual({
      event: "pusher:error",
      data: { code: 4200, message: "Server is shutting down: reconnect" },
    });
  });

  it("makes pusher-js reconnect at once instead of giving up", async () => {
    const { server: s, port: p } = await startServer();
    const client = await connect(undefined, { port: p });
    const nextState = withTimeout(
      new Promise<string>((resolve) =>
        client.connection.bind("state_change", ({ current }: { current: string }) => resolve(current)),
      ),
      "a state change",
    );
    // The close frame's code and reason reach pusher-js as a PusherError (a terminate() would give 1006).
    const closeError = nextConnectionError(client, "close frame", (e) => e.data?.message === "Server shutting down");

    await s.stop();
    expect(await closeError).toEqual({ type: "PusherError", data: { code: 4200, message: "Server shutting down" } });
    // Not "disconnected" (a 4000-4099 code: don't reconnect) nor a back-off first (4100-4199).
    expect(await nextState).toBe("connecting");
  });

  it("answers a pusher trigger that is in flight when stop() begins", async () => {
    const sink = logSink();
    const { server: s, port: p } = await startServer({}, sink.logger);
    const proxy = await holdingProxy(p);
    try {
      const sdk = new Pusher(apiOptions(proxy.port));
      const answer = sdk.trigger(uniq("in-flight"), "ev", { n: 1 });
      await proxy.holding;
      await sink.waitFor("the server to start on the request", (l) => l.msg === "http request");

      const stopped = s.stop();
      proxy.release();
      const res = await answer;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
      await withTimeout(stopped, "stop");
    } finally {
      proxy.close();
    }
  });

  it("drops a request that never completes once the shutdown grace period is over", async () => {
    const sink = logSink();
    const { server: s, port: p } = await startServer({ shutdownTimeout: 0.2 }, sink.logger);
    const socket = tcpConnect(p, "127.0.0.1");
    const socketClosed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.on("error", () => {});
    socket.write(
      `POST /apps/${APP.id}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        "Content-Length: 100\r\n\r\n{",
    );
    await sink.waitFor("the server to start on the request", (l) => l.msg === "http request");

    await withTimeout(s.stop(), "stop");
    await withTimeout(socketClosed, "the stalled connection to be dropped");
  });

  it("stops once however many times stop() is called", async () => {
    const { server: s } = await startServer();
    const first = s.stop();
    expect(s.stop()).toBe(first);
    await first;
    await s.stop();
  });
});

describe("idle connections (server pings)", () => {
  // activity_timeout below a second: exercises the timers and the whole-second advertised value.
  const ACTIVITY_S = 0.5;
  const PONG_S = 0.5;
  let idleServer: RealtimeServer;
  let idlePort: number;

  beforeAll(async () => {
    idleServer = createRealtimeServer(
      { port: 0, host: "127.0.0.1", app: APP, activityTimeout: ACTIVITY_S, pongTimeout: PONG_S },
      { logger: pino({ level: "silent" }) },
    );
    ({ port: idlePort } = await idleServer.start());
  });

  afterAll(async () => {
    await idleServer.stop();
  });

  interface RawClient {
    ws: import("ws").WebSocket;
    events: Array<{ event: string; data?: unknown; at: number }>;
    established: Promise<{ socket_id: string; activity_timeout: number }>;
    closed: Promise<{ code: number; reason: string; at: number }>;
  }

  async function rawClient(answerPings: boolean): Promise<RawClient> {
    const { WebSocket } = await import("ws");
    const ws = new WebSocket(`ws://127.0.0.1:${idlePort}/app/${APP.key}?protocol=7`);
    const events: RawClient["events"] = [];
    const established = withTimeout(
      new Promise<{ socket_id: string; activity_timeout: number }>((resolve) => {
        ws.on("message", (m) => {
          const msg = JSON.parse(m.toString());
          events.push({ ...msg, at: Date.now() });
          if (msg.event === "pusher:connection_established") resolve(JSON.parse(msg.data));
          if (msg.event === "pusher:ping" && answerPings) ws.send(JSON.stringify({ event: "pusher:pong", data: {} }));
        });
      }),
      "connection_established",
    );
    const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() })),
    );
    return { ws, events, established, closed };
  }

  it("advertises a fractional activity_timeout as whole seconds, never 0", async () => {
    const client = await rawClient(true);
    expect((await client.established).activity_timeout).toBe(1);
    client.ws.close();
  });

  it("pings an idle client and closes it with 4201 when no pong arrives", async () => {
    const client = await rawClient(false);
    await client.established;
    const start = Date.now();
    const closed = await withTimeout(client.closed, "4201 close");
    expect(closed).toMatchObject({ code: 4201, reason: "Pong reply not received" });
    expect(client.events.map((e) => e.event)).toEqual(["pusher:connection_established", "pusher:ping"]);
    // ping after ~activity_timeout, close ~pong_timeout later (a lower bound only: slowness cannot fail it)
    expect(closed.at - start).toBeGreaterThanOrEqual((ACTIVITY_S + PONG_S) * 1000 - 100);
  });

  it("keeps a client that answers pings open", async () => {
    const client = await rawClient(true);
    await client.established;
    let closedEarly = false;
    void client.closed.then(() => {
      closedEarly = true;
    });
    await new Promise((r) => setTimeout(r, 2500));
    expect(closedEarly).toBe(false);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    expect(client.events.filter((e) => e.event === "pusher:ping").length).toBeGreaterThanOrEqual(2);
    client.ws.close();
  });

  it("treats any message as activity (no ping while the client keeps talking)", async () => {
    const client = await rawClient(false);
    await client.established;
    const chatter = setInterval(
      () => client.ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "chatter" } })),
      100,
    );
    await new Promise((r) => setTimeout(r, 1500));
    clearInterval(chatter);
    expect(client.events.some((e) => e.event === "pusher:ping")).toBe(false);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    client.ws.close();
  });

  it("keeps pusher-js connected across several intervals (it answers the server's pings)", async () => {
    const client = new PusherJS(APP.key, {
      cluster: "mt1",
      wsHost: "127.0.0.1",
      wsPort: idlePort,
      forceTLS: false,
      enabledTransports: ["ws"],
      disableStats: true,
    });
    clients.push(client);
    await withTimeout(
      new Promise<void>((resolve) => client.connection.bind("connected", () => resolve())),
      "connection",
    );
    const socketId = client.connection.socket_id;
    const states: string[] = [];
    client.connection.bind("state_change", ({ current }: { current: string }) => states.push(current));
    let pings = 0;
    client.connection.bind("message", (m: { event: string }) => {
      if (m.event === "pusher:ping") pings += 1;
    });
    const channel = client.subscribe(uniq("idle-public"));
    await nextEvent(channel, "pusher:subscription_succeeded");

    await new Promise((r) => setTimeout(r, 3000));
    expect(states).toEqual([]);
    expect(client.connection.state).toBe("connected");
    expect(client.connection.socket_id).toBe(socketId);
    // Server pings every ~0.5 s of silence; pusher-js (advertised 1 s) pongs, so it never pings itself.
    expect(pings).toBeGreaterThanOrEqual(3);

    // Still delivers after the idle periods.
    const api2 = new Pusher(apiOptions(idlePort));
    const got = nextEvent(channel, "after-idle");
    await api2.trigger(channel.name, "after-idle", { ok: true });
    expect(await got).toEqual({ ok: true });
  });
});

function apiOptions(p: number) {
  return { appId: APP.id, key: APP.key, secret: APP.secret, host: "127.0.0.1", port: String(p), useTLS: false };
}
