// A local OpenAI-compatible server for tests: a real HTTP server on 127.0.0.1 that answers
// `POST /v1/chat/completions` the way OpenAI does, with scripted behaviours (answers, malformed JSON,
// rate limits, server errors, hangs, latency), and records every request it receives.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { AnyAgent } from "../types";

/** The parts of a chat completion request the fake reads; the whole body is recorded. */
export interface FakeChatRequestBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
  response_format?: { type?: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean } };
  [key: string]: unknown;
}

/**
 * What the server does with one request. One outcome (checked in this order): `hang`, `status`,
 * `malformed`, `respond`, `reply`; with none, the default behaviour's outcome. `latencyMs` delays
 * any of them.
 */
export interface FakeBehaviour {
  /** Answer with this: a string as is, anything else JSON-stringified. */
  reply?: unknown;
  /** Answer with content that is not JSON. */
  malformed?: boolean;
  /** Answer with an OpenAI-style error and this HTTP status (429, 500, 503, 400…). */
  status?: number;
  /** With `status`: sends `retry-after: <seconds>`. */
  retryAfterSeconds?: number;
  /** With `status`: sends `retry-after-ms`. */
  retryAfterMs?: number;
  /** Never answer (until close, or the client gives up). */
  hang?: boolean;
  /** Wait this long before doing the rest. */
  latencyMs?: number;
  /** Compute the answer from the request body (a string as is, anything else JSON-stringified). */
  respond?: (body: FakeChatRequestBody) => unknown;
  /** The `model` the answer reports (default: the requested model). */
  model?: string;
}

export interface FakeRequestRecord {
  /** Date.now() when the request arrived. */
  at: number;
  body: FakeChatRequestBody;
  headers: IncomingMessage["headers"];
}

export interface FakeOpenAI {
  /** The baseURL for the `openai` SDK, ending in `/v1`. */
  url: string;
  /** Every chat completion request body received, in order. */
  requests: FakeChatRequestBody[];
  /** The same requests with their arrival time and headers. */
  received: FakeRequestRecord[];
  /** Queues behaviours for the next requests, first in first out. */
  enqueue(...behaviours: FakeBehaviour[]): void;
  /** The behaviour once the queue is empty. */
  setDefault(behaviour: FakeBehaviour): void;
  /** Forgets the recorded requests and the queue, and restores the initial default. */
  reset(): void;
  /** Stops the server, cutting any hanging request. */
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  /** The behaviour when nothing is queued (default: `{ reply: {} }`). */
  default?: FakeBehaviour;
  /** Default 0 (any free port). */
  port?: number;
}

const approxTokens = (text: string) => Math.ceil(text.length / 4);

function textOf(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

function hasOutcome(b: FakeBehaviour): boolean {
  return b.hang === true || b.status !== undefined || b.malformed === true || b.respond !== undefined || "reply" in b;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function errorBody(status: number, message: string) {
  const type =
    status === 429
      ? "rate_limit_exceeded"
      : status >= 500
        ? "server_error"
        : status === 401
          ? "invalid_api_key"
          : "invalid_request_error";
  return { error: { message, type, param: null, code: type } };
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const initialDefault: FakeBehaviour = options.default ?? { reply: {} };
  let fallback: FakeBehaviour = initialDefault;
  let queue: FakeBehaviour[] = [];
  const requests: FakeChatRequestBody[] = [];
  const received: FakeRequestRecord[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let counter = 0;

  const wait = (ms: number, res: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(!res.destroyed);
      }, ms);
      timers.add(timer);
      res.once("close", () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      });
    });

  async function completions(req: IncomingMessage, res: ServerResponse) {
    const at = Date.now();
    let body: FakeChatRequestBody;
    try {
      body = JSON.parse(await readBody(req)) as FakeChatRequestBody;
    } catch {
      sendJson(res, 400, errorBody(400, "The request body is not valid JSON"));
      return;
    }
    requests.push(body);
    received.push({ at, body, headers: req.headers });

    const queued = queue.shift();
    const behaviour: FakeBehaviour = queued ? (hasOutcome(queued) ? queued : { ...fallback, ...queued }) : fallback;

    if (behaviour.latencyMs && behaviour.latencyMs > 0) {
      if (!(await wait(behaviour.latencyMs, res))) return;
    }
    if (behaviour.hang) return; // Left open: close() destroys the socket.

    if (behaviour.status !== undefined) {
      const headers: Record<string, string> = {};
      if (behaviour.retryAfterSeconds !== undefined) headers["retry-after"] = String(behaviour.retryAfterSeconds);
      if (behaviour.retryAfterMs !== undefined) headers["retry-after-ms"] = String(behaviour.retryAfterMs);
      sendJson(res, behaviour.status, errorBody(behaviour.status, `Fake error ${behaviour.status}`), headers);
      return;
    }

    let content: string;
    try {
      if (behaviour.malformed) content = '{"this is": not JSON at all';
      else if (behaviour.respond) content = textOf(await behaviour.respond(body));
      else content = textOf(behaviour.reply);
    } catch (error) {
      sendJson(res, 500, errorBody(500, `The fake's responder failed: ${(error as Error).message}`));
      return;
    }

    const promptText = (body.messages ?? []).map((m) => textOf(m.content)).join("\n");
    const promptTokens = approxTokens(promptText);
    const completionTokens = approxTokens(content);
    counter += 1;
    sendJson(res, 200, {
      id: `chatcmpl-fake-${counter}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: behaviour.model ?? body.model ?? "fake-model",
      choices: [
        { index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "POST" && path === "/v1/chat/completions") {
      completions(req, res).catch((error: unknown) => {
        sendJson(res, 500, errorBody(500, `Fake server error: ${(error as Error).message}`));
      });
      return;
    }
    if (req.method === "GET" && path === "/v1/models") {
      // As OpenAI-compatible servers list their models (health checks ask for this).
      sendJson(res, 200, { object: "list", data: [{ id: "fake-model", object: "model", owned_by: "toolboxai" }] });
      return;
    }
    sendJson(res, 404, errorBody(404, `No route for ${req.method} ${path}`));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    received,
    enqueue(...behaviours) {
      queue.push(...behaviours);
    },
    setDefault(behaviour) {
      fallback = behaviour;
    },
    reset() {
      queue = [];
      fallback = initialDefault;
      requests.length = 0;
      received.length = 0;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

const FENCED_JSON_AT_END = /```json\r?\n([\s\S]*?)\r?\n```\s*$/;
const FENCED_JSON = /```json\r?\n([\s\S]*?)\r?\n```/g;

/** The agent's input from a prompt: the ```json block its user message ends with (else its last one). */
export function inputFromPrompt(body: FakeChatRequestBody): unknown {
  const users = (body.messages ?? []).filter((m) => m.role === "user" && typeof m.content === "string");
  // Repair rounds append user messages without the input, so look back to the one that has it.
  for (let i = users.length - 1; i >= 0; i--) {
    const text = users[i]?.content as string;
    const block = FENCED_JSON_AT_END.exec(text)?.[1] ?? [...text.matchAll(FENCED_JSON)].at(-1)?.[1];
    if (block !== undefined) return JSON.parse(block);
  }
  throw new Error("No ```json input block in the request's user messages");
}

/**
 * A `respond` behaviour that answers like the offline model: the agent named by
 * `response_format.json_schema.name`, given the input from the prompt's ```json block.
 */
export function offlineResponder(registry: Record<string, AnyAgent>): (body: FakeChatRequestBody) => unknown {
  return (body) => {
    const name = body.response_format?.json_schema?.name;
    const agent = name ? registry[name] : undefined;
    if (!agent) throw new Error(`offlineResponder: no agent named ${JSON.stringify(name)}`);
    return agent.offline(inputFromPrompt(body));
  };
}
