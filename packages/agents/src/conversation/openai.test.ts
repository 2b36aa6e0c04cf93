// The OpenAI conversation model (the real `openai` SDK against the local fake server): streamed
// text as it arrives, tool calls reassembled from their pieces, usage, the turns it sends, abort.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TaskCancelledError } from "../errors";
import { type FakeOpenAI, startFakeOpenAI } from "../testing/fake-openai";
import { createOpenAIConversationModel } from "./openai";
import type { ConversationEvent, ConversationRequest, ConversationTool } from "./types";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

const model = () =>
  createOpenAIConversationModel({
    apiKey: "test",
    model: "fake-model",
    baseURL: fake.url,
    headers: () => ({ "x-correlation-id": "corr-123" }),
  });

const draftLesson: ConversationTool = {
  name: "draft_lesson",
  description: "Drafts a lesson on a topic.",
  parameters: { type: "object", properties: { topic: { type: "string" } }, required: ["topic"] },
};

const request = (overrides: Partial<ConversationRequest> = {}): ConversationRequest => ({
  purpose: "assistant",
  messages: [
    { role: "system", content: "You help teachers." },
    { role: "user", content: "Draft a lesson on photosynthesis" },
  ],
  tools: [draftLesson],
  ...overrides,
});

async function collect(events: AsyncIterable<ConversationEvent>) {
  const out: { event: ConversationEvent; at: number }[] = [];
  for await (const event of events) out.push({ event, at: Date.now() });
  return out;
}

const textOf = (events: { event: ConversationEvent }[]) =>
  events.map(({ event }) => (event.type === "text" ? event.delta : "")).join("");

describe("createOpenAIConversationModel", () => {
  it("yields the text in several deltas, the first one before the server has sent the last chunk", async () => {
    fake.enqueue({ reply: "Plants make food from light, water and air.", chunkDelayMs: 40 });
    const events = await collect(model().converse(request()));
    const texts = events.filter(({ event }) => event.type === "text");
    expect(texts.length).toBeGreaterThanOrEqual(5);
    expect(textOf(events)).toBe("Plants make food from light, water and air.");
    const answeredAt = fake.received[0]?.answeredAt ?? 0;
    expect(answeredAt).toBeGreaterThan(0);
    expect(texts[0]?.at).toBeLessThan(answeredAt - 100);
    expect(events.at(-1)?.event).toMatchObject({ type: "done", finishReason: "stop", model: "fake-model" });
  });

  it("reassembles a tool call's arguments sent across chunks and ends with finishReason tool_calls", async () => {
    fake.enqueue({
      reply: "Let me draft that.",
      toolCalls: [{ name: "draft_lesson", arguments: { topic: "Photosynthesis", gradeLevel: "7" } }],
      chunkSize: 5,
    });
    const events = (await collect(model().converse(request()))).map(({ event }) => event);
    const calls = events.filter((e) => e.type === "tool_call");
    expect(calls).toEqual([
      {
        type: "tool_call",
        call: { id: expect.stringMatching(/^call_/), name: "draft_lesson", arguments: expect.any(String) },
      },
    ]);
    const call = calls[0]?.type === "tool_call" ? calls[0].call : undefined;
    expect(JSON.parse(call?.arguments ?? "")).toEqual({ topic: "Photosynthesis", gradeLevel: "7" });
    expect(events.at(-1)).toMatchObject({ type: "done", finishReason: "tool_calls" });
  });

  it("reports the usage the server counted", async () => {
    fake.enqueue({ reply: "Sixteen characters" });
    const events = (await collect(model().converse(request()))).map(({ event }) => event);
    const done = events.at(-1);
    expect(done).toEqual({
      type: "done",
      usage: { promptTokens: expect.any(Number), completionTokens: 5 },
      model: "fake-model",
      finishReason: "stop",
    });
    expect(done?.type === "done" && done.usage.promptTokens).toBeGreaterThan(0);
    expect(fake.requests[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("sends the tools as functions with their JSON Schema, and the correlation header", async () => {
    fake.enqueue({ reply: "Sure." });
    await collect(model().converse(request()));
    expect(fake.requests[0]?.tools).toEqual([
      {
        type: "function",
        function: { name: "draft_lesson", description: draftLesson.description, parameters: draftLesson.parameters },
      },
    ]);
    expect(fake.received[0]?.headers["x-correlation-id"]).toBe("corr-123");
  });

  it("sends no tools field when the request offers none", async () => {
    fake.enqueue({ reply: "Sure." });
    await collect(model().converse(request({ tools: [] })));
    expect(fake.requests[0]).not.toHaveProperty("tools");
  });

  it("sends an earlier tool call and its result as an assistant turn with tool_calls and a tool turn", async () => {
    fake.enqueue({ reply: "Done." });
    await collect(
      model().converse(
        request({
          messages: [
            { role: "user", content: "Draft a lesson on tides" },
            {
              role: "assistant",
              content: "",
              toolCalls: [{ id: "call_1", name: "draft_lesson", arguments: '{"topic":"Tides"}' }],
            },
            { role: "tool", toolCallId: "call_1", content: '{"taskId":"t1","topic":"Tides"}' },
          ],
        }),
      ),
    );
    expect(fake.requests[0]?.messages).toEqual([
      { role: "user", content: "Draft a lesson on tides" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "draft_lesson", arguments: '{"topic":"Tides"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"taskId":"t1","topic":"Tides"}' },
    ]);
  });

  it("ends the iteration with the abort's reason when the signal aborts mid-stream", async () => {
    fake.enqueue({ reply: "one two three four five six seven eight nine ten", chunkDelayMs: 50 });
    const controller = new AbortController();
    const seen: ConversationEvent[] = [];
    const reading = (async () => {
      for await (const event of model().converse(request({ signal: controller.signal }))) {
        seen.push(event);
        if (seen.length === 2) controller.abort(new TaskCancelledError("stopped"));
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(TaskCancelledError);
    expect(seen.length).toBeLessThan(5);
    expect(seen.some((e) => e.type === "done")).toBe(false);
  });

  it("fails, rather than passing off half a reply, when the stream is cut before it finishes", async () => {
    fake.enqueue({ reply: "one two three four five", dropAfterChunks: 3 });
    const seen: ConversationEvent[] = [];
    const reading = (async () => {
      for await (const event of model().converse(request())) seen.push(event);
    })();
    await expect(reading).rejects.toBeInstanceOf(Error);
    expect(seen.some((e) => e.type === "done")).toBe(false);
  });
});
