// The assistant's reply as a browser receives it: GET /api/trpc/assistant.send through the app's
// real route handler behind a node:http server, read as the text/event-stream it is, byte by
// byte as it arrives. The database, every middleware, the chat service and the offline model
// (with a delay between its words, so a reply takes a while) are real; the only stand-in is who
// the browser session is (the `x-test-session` header, see test/rest/http-server.ts).
import type { AgentRuntime } from "@toolboxai/agents";
import { createWorld, testAgentRuntime, type World } from "@toolboxai/api/testing";
import type { RateLimiter } from "@toolboxai/core";
import type { AssistantStreamEvent } from "@toolboxai/validators";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, serveRoutes, TEST_SESSION_HEADER } from "~/test/rest/http-server";
import { generousLimits, installRateLimiter } from "~/test/rest/world";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("~/test/rest/http-server");
  return {
    ...(await importOriginal<typeof import("next-auth")>()),
    getServerSession: async () => {
      const id = sessionScope.getStore();
      return id ? { user: { id } } : null;
    },
  };
});
vi.mock("~/server/db", () => ({ getDb: () => holder.db }));

const route = await import("~/app/api/trpc/[trpc]/route");

/** The offline model's pause between words: long enough that a reply visibly streams. */
const WORD_DELAY_MS = 15;

let w: World;
let server: RunningServer;
let limiter: RateLimiter;
let agents: AgentRuntime;
let classId: string;
beforeAll(async () => {
  w = await createWorld();
  holder.db = w.t.db;
  limiter = installRateLimiter(generousLimits());
  agents = testAgentRuntime(w.t.db, { offlineTokenDelayMs: WORD_DELAY_MS });
  // What apps/web/src/server/agents.ts's getAgentRuntime() hands out from now on.
  (globalThis as unknown as { toolboxAgents?: AgentRuntime }).toolboxAgents = agents;
  classId = (
    await w.t.db.class.create({
      data: {
        organizationId: w.orgs.a,
        teacherId: w.users.a.TEACHER.id,
        name: "Grade 4 Science",
        subject: "Science",
        gradeLevel: "4",
        joinCode: "SSE00001",
      },
    })
  ).id;

  // Next aborts a route's request when its client goes away; serveRoutes' requests carry no
  // signal, so each GET gets one that aborts when its response closes. onRequest runs right
  // before the handler, in the same tick, so the handler takes the controller made for its request.
  let closing: AbortController | null = null;
  server = await serveRoutes(
    {
      "/api/trpc": {
        GET: (req) => {
          const signal = closing?.signal;
          closing = null;
          return route.GET(new Request(req, signal ? { signal } : {}));
        },
        POST: route.POST,
      },
    },
    {
      onRequest: (_req, res) => {
        const controller = new AbortController();
        res.on("close", () => controller.abort());
        closing = controller;
      },
    },
  );
});
afterAll(async () => {
  await server?.close();
  (globalThis as unknown as { toolboxAgents?: AgentRuntime }).toolboxAgents = undefined;
  await agents?.close();
  await limiter?.close();
  await w?.t.close();
});

/** One server-sent event as it arrived: its name (`message` when unnamed), its data, and when. */
interface Received {
  event: string;
  data: unknown;
  at: number;
}

/**
 * Opens `assistant.send` as the browser's EventSource does (GET, Accept: text/event-stream) and
 * reads events as they arrive until the stream ends or `until` says stop (then the connection is closed).
 */
async function openSend(
  input: Record<string, unknown>,
  as: string | null,
  opts: { headers?: Record<string, string>; until?: (e: Received) => boolean } = {},
) {
  const aborter = new AbortController();
  const url = `${server.origin}/api/trpc/assistant.send?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const res = await fetch(url, {
    headers: { accept: "text/event-stream", ...(as ? { [TEST_SESSION_HEADER]: as } : {}), ...opts.headers },
    signal: aborter.signal,
  });
  const received: Received[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let stopped = false;
  while (!stopped) {
    const chunk = await reader.read();
    if (chunk.done) break;
    const at = performance.now();
    buffer += decoder.decode(chunk.value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0 && !stopped) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const fields = new Map(
        block
          .split("\n")
          .filter((line) => line.includes(":") && !line.startsWith(":"))
          .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trimStart()]),
      );
      const raw = fields.get("data");
      const event = fields.get("event") ?? "message";
      const data = raw ? (event === "connected" ? JSON.parse(raw) : superjson.deserialize(JSON.parse(raw))) : null;
      const e = { event, data, at };
      received.push(e);
      if (opts.until?.(e)) stopped = true;
    }
  }
  if (stopped) aborter.abort();
  const replies = received.filter((e) => e.event === "message").map((e) => e.data as AssistantStreamEvent);
  const error = received.find((e) => e.event === "serialized-error")?.data as
    | { message: string; data: { code: string; httpStatus: number } }
    | undefined;
  return { res, received, replies, error };
}

const isText = (e: Received) => e.event === "message" && (e.data as AssistantStreamEvent).type === "text";

describe("the assistant's reply over SSE", () => {
  it("arrives word by word: the first words long before the reply is done", async () => {
    const { res, received, replies } = await openSend(
      { content: "Give me three warm-up questions about the water cycle" },
      w.users.a.TEACHER.id,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    // Proxies (nginx) must pass it through as it comes, not buffer it.
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(replies[0]?.type).toBe("started");
    expect(replies.at(-1)?.type).toBe("done");
    // tRPC's own end marker: the client closes instead of reconnecting (and sending again).
    expect(received.at(-1)?.event).toBe("return");

    const texts = received.filter(isText);
    expect(texts.length).toBeGreaterThan(3);
    const done = received.find((e) => e.event === "message" && (e.data as AssistantStreamEvent).type === "done");
    const first = texts[0] as Received;
    // The model waits WORD_DELAY_MS before each further word, so a stream that is not buffered
    // delivers its first word at least that long per remaining word before the last event; a
    // buffered one delivers them all at once.
    expect((done as Received).at - first.at).toBeGreaterThanOrEqual(((texts.length - 1) * WORD_DELAY_MS) / 2);
  });

  it("stops when the browser closes the stream, and keeps the reply so far as STOPPED", async () => {
    const { replies } = await openSend(
      { content: "Draft a short explanation of photosynthesis" },
      w.users.a.TEACHER.id,
      {
        until: isText,
      },
    );
    const started = replies[0];
    if (started?.type !== "started") throw new Error(`expected started, got ${JSON.stringify(replies)}`);
    await vi.waitFor(
      async () => {
        const row = await w.t.db.conversationMessage.findUniqueOrThrow({ where: { id: started.messageId } });
        expect(row.status).toBe("STOPPED");
      },
      { timeout: 10_000, interval: 50 },
    );
    const detail = await w.caller(await w.actor("a", "TEACHER")).assistant.conversation({
      conversationId: started.conversationId,
    });
    expect(detail.messages.map((m) => [m.role, m.status])).toEqual([
      ["USER", "COMPLETE"],
      ["ASSISTANT", "STOPPED"],
    ]);
  });

  it("answers a request without a session with UNAUTHORIZED (401) as the stream's error, then ends it", async () => {
    const { res, replies, error, received } = await openSend({ content: "Hello" }, null);
    expect(res.status).toBe(200);
    expect(replies).toEqual([]);
    expect(error?.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
    expect(received.at(-1)?.event).toBe("serialized-error");
  });

  it("refuses the tutor to a student under 13 without a parent's consent with FORBIDDEN and the reason", async () => {
    const student = await w.newActor("a", "STUDENT", "Young Student");
    await w.t.db.user.update({
      where: { id: student.userId },
      data: { birthDate: new Date(Date.UTC(new Date().getUTCFullYear() - 9, 0, 1)) },
    });
    await w.t.db.enrollment.create({ data: { organizationId: w.orgs.a, classId, studentId: student.userId } });
    const { replies, error } = await openSend(
      { kind: "TUTOR", classId, content: "What is a food chain?" },
      student.userId,
    );
    expect(replies).toEqual([]);
    expect(error?.data).toMatchObject({ code: "FORBIDDEN", httpStatus: 403 });
    expect(error?.message).toMatch(/consent/);
    expect(await w.t.db.conversationMessage.count({ where: { conversation: { userId: student.userId } } })).toBe(0);
  });

  it("refuses a stream opened from another site (a link would send the session cookie along)", async () => {
    const { error } = await openSend({ content: "Hello" }, w.users.a.TEACHER.id, {
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(error?.data).toMatchObject({ code: "FORBIDDEN" });
  });
});
