// The fake OpenAI server speaks enough of the real API for the real `openai` SDK.
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AnyAgent } from "../types";
import { type FakeOpenAI, inputFromPrompt, offlineResponder, startFakeOpenAI } from "./fake-openai";

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ apiKey: "test", baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

const ask = (content = "hello", name = "content") =>
  client.chat.completions.create({
    model: "fake-model",
    messages: [{ role: "user", content }],
    response_format: { type: "json_schema", json_schema: { name, schema: {}, strict: false } },
  });

describe("the fake OpenAI server", () => {
  it("serves on 127.0.0.1 with a baseURL ending in /v1", () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it("answers in OpenAI's chat.completion shape", async () => {
    fake.enqueue({ reply: { ok: true } });
    const completion = await ask();
    expect(completion).toMatchObject({
      object: "chat.completion",
      model: "fake-model",
      choices: [{ index: 0, message: { role: "assistant", content: '{"ok":true}' }, finish_reason: "stop" }],
    });
    expect(completion.id).toEqual(expect.any(String));
    expect(completion.created).toEqual(expect.any(Number));
    const usage = completion.usage;
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it("records each request body with its arrival time", async () => {
    await ask("first");
    await ask("second");
    expect(fake.requests.map((r) => r.messages?.[0]?.content)).toEqual(["first", "second"]);
    expect(fake.received[1]?.at).toBeGreaterThanOrEqual(fake.received[0]?.at ?? Infinity);
  });

  it("plays queued behaviours first in first out, then the default", async () => {
    fake.setDefault({ reply: "default" });
    fake.enqueue({ reply: "one" }, { reply: "two" });
    const contents = [];
    for (let i = 0; i < 3; i++) contents.push((await ask()).choices[0]?.message.content);
    expect(contents).toEqual(["one", "two", "default"]);
  });

  it("sends a raw string reply as is and malformed content that is not JSON", async () => {
    fake.enqueue({ reply: "not json either" }, { malformed: true });
    expect((await ask()).choices[0]?.message.content).toBe("not json either");
    const malformed = (await ask()).choices[0]?.message.content ?? "";
    expect(() => JSON.parse(malformed)).toThrow();
  });

  it("answers 429 with Retry-After as the SDK's RateLimitError", async () => {
    fake.enqueue({ status: 429, retryAfterSeconds: 7 });
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after")).toBe("7");
  });

  it("answers 500 and 503 with an OpenAI-style error body", async () => {
    fake.enqueue({ status: 500 }, { status: 503 });
    for (const status of [500, 503]) {
      const error = await ask().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect(error).toMatchObject({ status, type: "server_error" });
    }
  });

  it("delays an answer by latencyMs", async () => {
    fake.enqueue({ reply: "late", latencyMs: 150 });
    const started = Date.now();
    expect((await ask()).choices[0]?.message.content).toBe("late");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("computes an answer with respond()", async () => {
    fake.enqueue({ respond: (body) => ({ echoed: body.messages?.[0]?.content }) });
    expect((await ask("ping")).choices[0]?.message.content).toBe('{"echoed":"ping"}');
  });

  it("reports another model when told to", async () => {
    fake.enqueue({ model: "fake-model-2024-01-01" });
    expect((await ask()).model).toBe("fake-model-2024-01-01");
  });

  it("cuts a hanging request when it closes", async () => {
    const own = await startFakeOpenAI({ default: { hang: true } });
    const pending = new OpenAI({ apiKey: "test", baseURL: own.url, maxRetries: 0 }).chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    while (own.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await own.close();
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });
});

describe("function calling and streaming", () => {
  const tools = [{ type: "function" as const, function: { name: "draft_lesson", parameters: { type: "object" } } }];

  /** The raw server-sent events of a streamed answer, as `data:` payloads. */
  async function rawStream(extra: Record<string, unknown> = {}) {
    const response = await fetch(`${fake.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "fake-model",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
        ...extra,
      }),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const text = await response.text();
    return text
      .split("\n\n")
      .filter(Boolean)
      .map((line) => line.replace(/^data: /, ""));
  }

  it("answers a non-streamed request with the scripted tool calls in the message", async () => {
    fake.enqueue({ toolCalls: [{ name: "draft_lesson", arguments: { topic: "Tides" } }] });
    const completion = await client.chat.completions.create({
      model: "fake-model",
      messages: [{ role: "user", content: "Draft a lesson on tides" }],
      tools,
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: "function",
        function: { name: "draft_lesson", arguments: '{"topic":"Tides"}' },
      },
    ]);
    expect(fake.requests[0]?.tools).toEqual(tools);
  });

  it("computes text and tool calls with assistant()", async () => {
    fake.enqueue({
      assistant: (body) => ({
        content: `You said ${String(body.messages?.at(-1)?.content)}`,
        toolCalls: [{ name: "draft_lesson", arguments: '{"topic":"raw"}' }],
      }),
    });
    const completion = await client.chat.completions.create({
      model: "fake-model",
      messages: [{ role: "user", content: "hi" }],
      tools,
    });
    expect(completion.choices[0]?.message).toMatchObject({
      content: "You said hi",
      tool_calls: [{ function: { name: "draft_lesson", arguments: '{"topic":"raw"}' } }],
    });
  });

  it("streams OpenAI's chunk format: deltas, a finish reason, the usage when asked, then [DONE]", async () => {
    fake.enqueue({ reply: "Hello there friend" });
    const events = await rawStream({ stream_options: { include_usage: true } });
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === chunks[0].id)).toBe(true);
    expect(chunks[0].choices[0]).toEqual({
      index: 0,
      delta: { role: "assistant", content: "" },
      logprobs: null,
      finish_reason: null,
    });
    expect(
      chunks.flatMap((c) => c.choices.map((ch: { delta: { content?: string } }) => ch.delta.content ?? "")).join(""),
    ).toBe("Hello there friend");
    expect(chunks.at(-2).choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 5 } });
  });

  it("sends no usage chunk unless stream_options.include_usage asks for it", async () => {
    fake.enqueue({ reply: "Hello" });
    const chunks = (await rawStream()).slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.some((c) => "usage" in c)).toBe(false);
  });

  it("streams a tool call as its id and name, then its arguments in several pieces", async () => {
    fake.enqueue({ toolCalls: [{ name: "draft_lesson", arguments: { topic: "Photosynthesis" } }] });
    const chunks = (await rawStream()).slice(0, -1).map((e) => JSON.parse(e));
    const parts = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(parts[0]).toEqual({
      index: 0,
      id: expect.stringMatching(/^call_/),
      type: "function",
      function: { name: "draft_lesson", arguments: "" },
    });
    const pieces = parts.slice(1).map((p: { function: { arguments: string } }) => p.function.arguments);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe('{"topic":"Photosynthesis"}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe("tool_calls");
  });

  it("waits chunkDelayMs between chunks, and records when the last one was sent", async () => {
    fake.enqueue({ reply: "a b c", chunkDelayMs: 50 });
    const started = Date.now();
    await rawStream();
    const record = fake.received[0];
    // Five chunks (role, three words, finish): four waits.
    expect((record?.answeredAt ?? 0) - started).toBeGreaterThanOrEqual(190);
  });

  it("streams through the SDK with stream: true", async () => {
    fake.enqueue({ reply: "one two three" });
    const stream = await client.chat.completions.create({
      model: "fake-model",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    const deltas: string[] = [];
    for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? "");
    expect(deltas.filter(Boolean)).toEqual(["one ", "two ", "three"]);
  });
});

describe("offlineResponder", () => {
  const echo: AnyAgent = {
    name: "quiz",
    description: "Echoes its input",
    inputSchema: z.object({ topic: z.string() }),
    outputSchema: z.object({ got: z.string() }),
    prompt: (input: { topic: string }) => ({
      system: "s",
      user: `Do it.\n\nInput:\n\`\`\`json\n${JSON.stringify(input)}\n\`\`\``,
    }),
    offline: (input: { topic: string }) => ({ got: input.topic }),
  };

  it("answers with the named agent's offline draft for the prompt's input", async () => {
    fake.setDefault({ respond: offlineResponder({ quiz: echo }) });
    const user = echo.prompt({ topic: "Tides ```json and fences" }).user;
    const completion = await ask(user, "quiz");
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ got: "Tides ```json and fences" });
  });

  it("finds the input in an earlier user message after repair rounds", () => {
    const user = echo.prompt({ topic: "Volcanoes" }).user;
    const body = {
      messages: [
        { role: "system", content: "s" },
        { role: "user", content: user },
        { role: "assistant", content: "{}" },
        { role: "user", content: "Your answer has these problems:\n- got: Required" },
      ],
    };
    expect(inputFromPrompt(body)).toEqual({ topic: "Volcanoes" });
  });
});
