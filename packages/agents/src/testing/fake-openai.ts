// A local OpenAI-compatible server for tests: a real HTTP server on 127.0.0.1 that answers
// `POST /v1/chat/completions` the way OpenAI does, with scripted behaviours (answers, tool calls,
// malformed JSON, rate limits, server errors, hangs, latency), streamed as server-sent events when
// the request asks for `stream: true`, and records every request it receives.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { AnyAgent } from "../types";

/** The parts of a chat completion request the fake reads; the whole body is recorded. */
export interface FakeChatRequestBody {
  model?: string;
  messages?: {
    role: string;
    content: unknown;
    tool_call_id?: string;
    tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
  }[];
  response_format?: { type?: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean } };
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

/** A tool call the fake answers with; `arguments` as is when a string, else JSON-stringified. */
export interface FakeToolCall {
  name: string;
  arguments: unknown;
}

/** An answer with text and tool calls (`assistant` computes one). */
export interface FakeAssistantReply {
  content?: string;
  toolCalls?: FakeToolCall[];
}

/**
 * What the server does with one request. One outcome (checked in this order): `hang`, `status`,
 * `malformed`, `assistant`, `respond`, `reply` (with `toolCalls` beside it or alone); with none,
 * the default behaviour's outcome. `latencyMs` delays any of them. A streamed answer sends the text
 * a word per chunk (or `chunkSize` characters) and each tool call's arguments in several chunks.
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
  /** Answer with these tool calls (finish_reason "tool_calls"), after the text of `reply` if any. */
  toolCalls?: FakeToolCall[];
  /** Compute text and tool calls from the request body. */
  assistant?: (body: FakeChatRequestBody) => FakeAssistantReply | Promise<FakeAssistantReply>;
  /** Streamed answers: wait this long between chunks. */
  chunkDelayMs?: number;
  /** Streamed answers: characters of text (and of arguments) per chunk. */
  chunkSize?: number;
  /** Streamed answers: cut the connection after this many chunks, before the end. */
  dropAfterChunks?: number;
}

export interface FakeRequestRecord {
  /** Date.now() when the request arrived. */
  at: number;
  /** Date.now() when the whole answer was sent (the last chunk of a stream); unset until then, or if cut. */
  answeredAt?: number | undefined;
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
  return (
    b.hang === true ||
    b.status !== undefined ||
    b.malformed === true ||
    b.assistant !== undefined ||
    b.respond !== undefined ||
    b.toolCalls !== undefined ||
    "reply" in b
  );
}

/** The text in pieces: `size` characters each, else a word each (with the spaces after it). */
function pieces(text: string, size: number | undefined): string[] {
  if (text === "") return [];
  if (size && size > 0) return text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [];
  return text.match(/\s*\S+\s*/g) ?? [text];
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
      const onClose = () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        timers.delete(timer);
        // A stream waits once per chunk: no listener left behind for each.
        res.off("close", onClose);
        resolve(!res.destroyed);
      }, ms);
      timers.add(timer);
      res.once("close", onClose);
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
    const record: FakeRequestRecord = { at, body, headers: req.headers };
    received.push(record);

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
    let toolCalls: FakeToolCall[] = behaviour.toolCalls ?? [];
    try {
      if (behaviour.malformed) content = '{"this is": not JSON at all';
      else if (behaviour.assistant) {
        const reply = await behaviour.assistant(body);
        content = reply.content ?? "";
        toolCalls = reply.toolCalls ?? [];
      } else if (behaviour.respond) content = textOf(await behaviour.respond(body));
      else if (!("reply" in behaviour) && behaviour.toolCalls) content = "";
      else content = textOf(behaviour.reply);
    } catch (error) {
      sendJson(res, 500, errorBody(500, `The fake's responder failed: ${(error as Error).message}`));
      return;
    }

    counter += 1;
    const id = `chatcmpl-fake-${counter}`;
    const calls = toolCalls.map((call, i) => ({
      id: `call_fake_${counter}_${i + 1}`,
      type: "function" as const,
      function: { name: call.name, arguments: textOf(call.arguments) },
    }));
    const promptText = (body.messages ?? []).map((m) => textOf(m.content)).join("\n");
    const promptTokens = approxTokens(promptText);
    const completionTokens = approxTokens(content + calls.map((c) => c.function.arguments).join(""));
    const answer = {
      id,
      created: Math.floor(Date.now() / 1000),
      model: behaviour.model ?? body.model ?? "fake-model",
      finishReason: calls.length > 0 ? "tool_calls" : "stop",
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
    if (body.stream === true) {
      if (await stream(res, body, behaviour, answer, content, calls)) record.answeredAt = Date.now();
      return;
    }
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created: answer.created,
      model: answer.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: null, ...(calls.length > 0 ? { tool_calls: calls } : {}) },
          logprobs: null,
          finish_reason: answer.finishReason,
        },
      ],
      usage: answer.usage,
    });
    record.answeredAt = Date.now();
  }

  /** The answer as OpenAI streams it: `chat.completion.chunk` events, then `[DONE]`; false when cut short. */
  async function stream(
    res: ServerResponse,
    body: FakeChatRequestBody,
    behaviour: FakeBehaviour,
    answer: { id: string; created: number; model: string; finishReason: string; usage: unknown },
    content: string,
    calls: { id: string; type: "function"; function: { name: string; arguments: string } }[],
  ): Promise<boolean> {
    const chunk = (delta: unknown, finishReason: string | null = null) => ({
      id: answer.id,
      object: "chat.completion.chunk",
      created: answer.created,
      model: answer.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
    const events: unknown[] = [chunk({ role: "assistant", content: "" })];
    for (const piece of pieces(content, behaviour.chunkSize)) events.push(chunk({ content: piece }));
    calls.forEach((call, index) => {
      const head = { index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } };
      events.push(chunk({ tool_calls: [head] }));
      // Split the arguments even when they are short, as OpenAI does, so clients must reassemble them.
      const size = behaviour.chunkSize ?? Math.max(1, Math.ceil(call.function.arguments.length / 3));
      for (const part of pieces(call.function.arguments, size)) {
        events.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
      }
    });
    events.push(chunk({}, answer.finishReason));
    if (body.stream_options?.include_usage) {
      events.push({ ...chunk({}), choices: [], usage: answer.usage });
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.flushHeaders();
    for (const [i, event] of events.entries()) {
      if (behaviour.dropAfterChunks !== undefined && i >= behaviour.dropAfterChunks) {
        res.destroy();
        return false;
      }
      if (i > 0 && behaviour.chunkDelayMs && behaviour.chunkDelayMs > 0) {
        if (!(await wait(behaviour.chunkDelayMs, res))) return false;
      }
      if (res.destroyed) return false;
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    }
    res.end("data: [DONE]\n\n");
    return true;
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
