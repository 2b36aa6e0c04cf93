// Realtime end to end: our own Pusher-protocol server (apps/realtime) on an ephemeral port, real
// pusher-js clients whose subscriptions are signed by the auth endpoint's logic, and the
// publisher the services and the agents' pipeline publish through.
import { createServer } from "node:net";
import { createWorld, type World } from "@toolboxai/api/testing";
import {
  type Actor,
  createPusherClient,
  createRealtimePublisher,
  pusherAuthResponse,
  type RealtimePublisher,
  type RealtimeServerConfig,
  startThread,
} from "@toolboxai/core";
import {
  channels,
  type DashboardChangedEventData,
  dashboardChangedEventSchema,
  type MessageCreatedEventData,
  messageCreatedEventSchema,
  realtimeEvents,
  type TaskProgressEventData,
  taskProgressEventSchema,
} from "@toolboxai/validators";
import pino from "pino";
import PusherJS from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtimeServer, type RealtimeServer } from "./server";

const APP = { id: "web-test-app", key: "web-test-key", secret: "web-test-secret" };
const WAIT_MS = 10_000;
const silent = pino({ level: "silent" });

let server: RealtimeServer;
let config: RealtimeServerConfig;
let publisher: RealtimePublisher;
let w: World;
let teacher: Actor;
let admin: Actor;
let student: Actor;
const clients: PusherJS[] = [];

type Channel = ReturnType<PusherJS["subscribe"]>;

beforeAll(async () => {
  server = createRealtimeServer({ port: 0, host: "127.0.0.1", app: APP }, { logger: silent });
  const { port } = await server.start();
  config = { appId: APP.id, key: APP.key, secret: APP.secret, cluster: "mt1", host: "127.0.0.1", port, useTLS: false };
  publisher = createRealtimePublisher(config, silent);
  w = await createWorld({ realtime: publisher });
  [teacher, admin, student] = await Promise.all([
    w.actor("a", "TEACHER"),
    w.actor("a", "ADMIN"),
    w.actor("a", "STUDENT"),
  ]);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await w?.agents().close();
  await publisher?.flush();
  await server?.stop();
  await w?.t.close();
});

function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
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

async function until(condition: () => boolean, what: string): Promise<void> {
  await within(
    (async () => {
      while (!condition()) await new Promise((r) => setTimeout(r, 20));
    })(),
    what,
  );
}

/** A browser's pusher-js client for `actor`: subscriptions are authorized by POST /api/pusher/auth's logic. */
async function connect(actor: Actor): Promise<PusherJS> {
  const signer = createPusherClient(config);
  const client = new PusherJS(APP.key, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: config.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        const req = new Request("http://localhost:3000/api/pusher/auth", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
        });
        pusherAuthResponse(req, { db: w.t.db, actor, correlationId: "test", signer })
          .then(async (res) => {
            if (res.ok) callback(null, await res.json());
            else callback(new Error(`auth endpoint answered ${res.status}`), null);
          })
          .catch((err: unknown) => callback(err as Error, null));
      },
    },
  });
  clients.push(client);
  await within(
    new Promise<void>((resolve) => {
      if (client.connection.state === "connected") return resolve();
      client.connection.bind("connected", () => resolve());
    }),
    "connection",
  );
  return client;
}

/** Subscribes and resolves once the server confirmed (or rejects when the endpoint refused). */
function subscribe(client: PusherJS, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  return within(
    new Promise<Channel>((resolve, reject) => {
      channel.bind("pusher:subscription_succeeded", () => resolve(channel));
      channel.bind("pusher:subscription_error", (status: unknown) =>
        reject(new Error(`subscription refused: ${JSON.stringify(status)}`)),
      );
    }),
    `subscription to ${name}`,
  );
}

function record<T>(channel: Channel, event: string): T[] {
  const got: T[] = [];
  channel.bind(event, (data: T) => got.push(data));
  return got;
}

const request = {
  topic: "Photosynthesis",
  subject: "Life Science",
  gradeLevel: "7" as const,
  durationMinutes: 40,
  parts: ["lesson", "quiz"] as ("lesson" | "quiz" | "environment")[],
  standards: [],
  questionCount: 3,
};

describe("an agent task run through agents.generate", () => {
  let taskId: string;
  let mine: TaskProgressEventData[];
  let orgProgress: TaskProgressEventData[];
  let dashboard: DashboardChangedEventData[];

  beforeAll(async () => {
    const own = await subscribe(await connect(teacher), channels.user(teacher.userId));
    mine = record(own, realtimeEvents.taskProgress);
    const adminClient = await connect(admin);
    orgProgress = record(
      await subscribe(adminClient, channels.orgContentGeneration(w.orgs.a)),
      realtimeEvents.taskProgress,
    );
    dashboard = record(await subscribe(adminClient, channels.orgDashboard(w.orgs.a)), realtimeEvents.dashboardChanged);

    taskId = (await w.caller(teacher).agents.generate(request)).id;
    await until(
      () => mine.some((e) => e.taskId === taskId && e.status === "COMPLETED"),
      "the task's COMPLETED event on the teacher's channel",
    );
    await until(() => orgProgress.some((e) => e.status === "COMPLETED"), "COMPLETED on the organization's channel");
    await until(() => dashboard.filter((e) => e.what === "tasks").length >= 2, "the dashboard's task events");
  });

  it("sends its progress to the teacher's own channel, from QUEUED to COMPLETED at 100%", () => {
    const events = mine.filter((e) => e.taskId === taskId);
    expect(events[0]?.status).toBe("QUEUED");
    expect(events.at(-1)).toEqual({ taskId, status: "COMPLETED", progress: 100, currentStep: null });
    expect(events.some((e) => e.status === "PROCESSING" && e.currentStep !== null)).toBe(true);
    for (const e of events) expect(taskProgressEventSchema.safeParse(e).success).toBe(true);
  });

  it("delivers the progress in order: it never goes backwards", () => {
    const progress = mine.filter((e) => e.taskId === taskId).map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("sends the same progress to the organization's content-generation channel", () => {
    expect(orgProgress).toEqual(mine.filter((e) => e.taskId === taskId));
  });

  it("tells the organization's dashboard when the task is queued and when it finishes", () => {
    // Besides these, the teacher's first activity of the day changes the metrics ({ what: "metrics" }).
    expect(dashboard.filter((e) => e.what === "tasks")).toEqual([{ what: "tasks" }, { what: "tasks" }]);
    for (const e of dashboard) expect(dashboardChangedEventSchema.safeParse(e).success).toBe(true);
  });
});

describe("messages", () => {
  it("a direct message from another user arrives on the recipient's channel as message.created", async () => {
    const inbox = record<MessageCreatedEventData>(
      await subscribe(await connect(teacher), channels.user(teacher.userId)),
      realtimeEvents.messageCreated,
    );
    const { threadId } = await w.caller(admin).messages.startThread({
      recipientId: teacher.userId,
      subject: "Staff meeting",
      body: "The staff meeting moves to   Thursday.",
    });
    await until(() => inbox.length > 0, "message.created");
    const message = await w.t.db.message.findFirstOrThrow({ where: { threadId } });
    expect(inbox).toEqual([
      { threadId, messageId: message.id, from: admin.name, preview: "The staff meeting moves to Thursday." },
    ]);
    expect(messageCreatedEventSchema.safeParse(inbox[0]).success).toBe(true);
  });
});

describe("subscriptions the auth endpoint refuses", () => {
  it("a student cannot subscribe to their teacher's channel, and receives nothing published there", async () => {
    const client = await connect(student);
    await expect(subscribe(client, channels.user(teacher.userId))).rejects.toThrow(/subscription refused/);
    const leaked: unknown[] = [];
    client.bind_global((event: string, data: unknown) => {
      if (!event.startsWith("pusher")) leaked.push(data);
    });
    // A channel the student does hold, published after the teacher's: once it arrives, the
    // teacher's event would have too.
    const own = record(await subscribe(client, channels.user(student.userId)), realtimeEvents.dashboardChanged);
    publisher.trigger(channels.user(teacher.userId), realtimeEvents.dashboardChanged, { what: "users" });
    await publisher.flush();
    publisher.trigger(channels.user(student.userId), realtimeEvents.dashboardChanged, { what: "content" });
    await until(() => own.length > 0, "the student's own event");
    expect(leaked).toEqual([{ what: "content" }]);
  });

  it("another organization's admin cannot subscribe to this organization's dashboard", async () => {
    const client = await connect(await w.actor("b", "ADMIN"));
    await expect(subscribe(client, channels.orgDashboard(w.orgs.a))).rejects.toThrow(/subscription refused/);
  });
});

describe("the publisher", () => {
  it("sends a list of more than 100 channels in calls of at most 100, reaching every channel", async () => {
    const client = await connect(teacher);
    const got = record(await subscribe(client, channels.user(teacher.userId)), realtimeEvents.dashboardChanged);
    const before = publisher.stats();
    const others = Array.from({ length: 249 }, (_, i) => channels.user(`nobody${i}`));
    publisher.trigger([...others, channels.user(teacher.userId)], realtimeEvents.dashboardChanged, { what: "users" });
    await publisher.flush();
    expect(publisher.stats()).toEqual({ ...before, sent: before.sent + 3 });
    await until(() => got.length > 0, "the event on the 250th channel");
    expect(got).toEqual([{ what: "users" }]);
  });

  it("pointed at a closed port, returns at once, never throws and counts the failure", async () => {
    const down = createRealtimePublisher({ ...config, port: await closedPort() }, silent);
    expect(() =>
      down.trigger(channels.user("someone"), realtimeEvents.dashboardChanged, { what: "users" }),
    ).not.toThrow();
    expect(down.stats()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    await down.flush();
    expect(down.stats()).toEqual({ sent: 0, failed: 1, skipped: 0 });
  });

  it("with the realtime server down, a service call still succeeds and its event is counted as failed", async () => {
    const down = createRealtimePublisher({ ...config, port: await closedPort() }, silent);
    const result = await startThread(
      { db: w.scoped("a"), actor: admin, realtime: down },
      { recipientId: teacher.userId, subject: "Hello", body: "Sent while realtime is down." },
    );
    expect(result.threadId).toBeTruthy();
    await down.flush();
    expect(down.stats()).toMatchObject({ sent: 0, failed: 1 });
  });

  it("refused by the server (wrong secret), counts the failure", async () => {
    const wrong = createRealtimePublisher({ ...config, secret: "not-the-secret" }, silent);
    wrong.trigger(channels.user(teacher.userId), realtimeEvents.dashboardChanged, { what: "users" });
    await wrong.flush();
    expect(wrong.stats()).toEqual({ sent: 0, failed: 1, skipped: 0 });
  });

  it("without configuration, sends nothing and counts each trigger as skipped", async () => {
    const off = createRealtimePublisher(null, silent);
    off.trigger(channels.user(teacher.userId), realtimeEvents.dashboardChanged, { what: "users" });
    off.trigger([channels.user(teacher.userId)], realtimeEvents.dashboardChanged, { what: "users" });
    await off.flush();
    expect(off.stats()).toEqual({ sent: 0, failed: 0, skipped: 2 });
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
