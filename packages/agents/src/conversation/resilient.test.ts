// A streamed conversation behind the resilience policies (the real `openai` SDK against the local
// fake server): retried only before its first event, timed out while waiting for it, and counted
// by the breaker it shares with the agents' provider.
import { BrokenCircuitError } from "cockatiel";
import { InternalServerError, RateLimitError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ModelCallError, ModelTimeoutError, TaskCancelledError } from "../errors";
import { createOpenAIProvider } from "../providers/openai";
import { createResilience, createResilientProvider, type ResilienceInput } from "../resilience";
import { type FakeOpenAI, startFakeOpenAI } from "../testing/fake-openai";
import { createOpenAIConversationModel } from "./openai";
import { resilientConversationModel } from "./resilient";
import type { ConversationEvent, ConversationModel, ConversationRequest } from "./types";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.reset();
  fake.setDefault({ reply: "Happy to help with that." });
});

const options: ResilienceInput = { timeoutMs: 2_000, baseDelayMs: 5, maxDelayMs: 2_000, random: () => 0.5 };
const openai = () => createOpenAIConversationModel({ apiKey: "test", model: "fake-model", baseURL: fake.url });

const request = (signal?: AbortSignal): ConversationRequest => ({
  purpose: "assistant",
  messages: [{ role: "user", content: "Help me plan a unit on tides" }],
  tools: [],
  signal,
});

async function collect(model: ConversationModel, signal?: AbortSignal): Promise<ConversationEvent[]> {
  const out: ConversationEvent[] = [];
  for await (const event of model.converse(request(signal))) out.push(event);
  return out;
}

const textOf = (events: ConversationEvent[]) => events.map((e) => (e.type === "text" ? e.delta : "")).join("");

describe("resilientConversationModel", () => {
  it("retries a 429 answered before the first chunk, after the server's Retry-After, then streams", async () => {
    const resilience = createResilience(options);
    fake.enqueue({ status: 429, retryAfterMs: 150 });
    const events = await collect(resilientConversationModel(openai(), resilience));
    expect(textOf(events)).toBe("Happy to help with that.");
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.received;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(140);
    expect(resilience.stats()).toMatchObject({ calls: 1, retries: 1, failures: 0 });
  });

  it("retries a 503 and then succeeds", async () => {
    fake.enqueue({ status: 503 });
    const events = await collect(resilientConversationModel(openai(), createResilience(options)));
    expect(events.at(-1)).toMatchObject({ type: "done", finishReason: "stop" });
    expect(fake.requests).toHaveLength(2);
  });

  it("gives up after maxAttempts with the last error", async () => {
    fake.setDefault({ status: 429 });
    const model = resilientConversationModel(openai(), createResilience({ ...options, maxAttempts: 2 }));
    await expect(collect(model)).rejects.toBeInstanceOf(RateLimitError);
    expect(fake.requests).toHaveLength(2);
  });

  it("times out an attempt whose first event does not come, and retries it", async () => {
    const resilience = createResilience({ ...options, timeoutMs: 200 });
    fake.enqueue({ hang: true });
    const events = await collect(resilientConversationModel(openai(), resilience));
    expect(textOf(events)).toBe("Happy to help with that.");
    expect(resilience.stats()).toMatchObject({ timeouts: 1, retries: 1 });
  });

  it("fails with ModelTimeoutError when the first event never comes", async () => {
    fake.setDefault({ hang: true });
    const model = resilientConversationModel(
      openai(),
      createResilience({ ...options, timeoutMs: 100, maxAttempts: 2 }),
    );
    await expect(collect(model)).rejects.toBeInstanceOf(ModelTimeoutError);
  });

  it("lets a stream run past the timeout once its first event has arrived", async () => {
    fake.enqueue({ reply: "one two three four five six", chunkDelayMs: 60 });
    const model = resilientConversationModel(openai(), createResilience({ ...options, timeoutMs: 150 }));
    const events = await collect(model);
    expect(textOf(events)).toBe("one two three four five six");
    expect(fake.requests).toHaveLength(1);
  });

  it("does not retry a failure after the first event: the error ends the stream as it is", async () => {
    fake.enqueue({ reply: "one two three four five", dropAfterChunks: 3, chunkDelayMs: 30 });
    const resilience = createResilience(options);
    const seen: ConversationEvent[] = [];
    const reading = (async () => {
      for await (const event of resilientConversationModel(openai(), resilience).converse(request())) seen.push(event);
    })();
    await expect(reading).rejects.toBeInstanceOf(ModelCallError);
    expect(seen).toEqual([{ type: "text", delta: "one " }]);
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a stream cut before its first event", async () => {
    fake.enqueue({ reply: "one two three", dropAfterChunks: 1 });
    const events = await collect(resilientConversationModel(openai(), createResilience(options)));
    expect(textOf(events)).toBe("Happy to help with that.");
    expect(fake.requests).toHaveLength(2);
  });

  it("ends with the caller's abort while a retry waits, sending nothing more", async () => {
    fake.setDefault({ status: 503 });
    const model = resilientConversationModel(openai(), createResilience({ ...options, baseDelayMs: 2_000 }));
    const controller = new AbortController();
    const reading = collect(model, controller.signal);
    setTimeout(() => controller.abort(new TaskCancelledError()), 100);
    await expect(reading).rejects.toBeInstanceOf(TaskCancelledError);
    expect(fake.requests).toHaveLength(1);
  });

  it("ends with the caller's abort mid-stream", async () => {
    fake.enqueue({ reply: "one two three four five six seven eight", chunkDelayMs: 50 });
    const model = resilientConversationModel(openai(), createResilience(options));
    const controller = new AbortController();
    const seen: ConversationEvent[] = [];
    const reading = (async () => {
      for await (const event of model.converse(request(controller.signal))) {
        seen.push(event);
        if (seen.length === 2) controller.abort(new TaskCancelledError());
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(TaskCancelledError);
    expect(seen.some((e) => e.type === "done")).toBe(false);
  });
});

describe("the breaker", () => {
  const breaker = { consecutiveFailures: 3, halfOpenAfterMs: 10_000 };

  it("opens after consecutive failures, then refuses conversations without reaching the server", async () => {
    fake.setDefault({ status: 503 });
    const resilience = createResilience({ ...options, maxAttempts: 1, breaker });
    const model = resilientConversationModel(openai(), resilience);
    for (let i = 0; i < 3; i++) await expect(collect(model)).rejects.toBeInstanceOf(InternalServerError);
    expect(resilience.breakerState()).toBe("open");
    await expect(collect(model)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(fake.requests).toHaveLength(3);
  });

  it("is the agents' provider's breaker: failed agent calls open it for conversations too", async () => {
    fake.setDefault({ status: 503 });
    const provider = createResilientProvider(
      createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url }),
      { ...options, maxAttempts: 1, breaker },
    );
    const chat = () =>
      provider.chat({
        agent: "content",
        messages: [{ role: "user", content: "A title" }],
        jsonSchema: { type: "object" },
        schemaName: "content",
        input: {},
      });
    for (let i = 0; i < 3; i++) await expect(chat()).rejects.toBeInstanceOf(InternalServerError);
    const model = resilientConversationModel(openai(), provider.resilience);
    await expect(collect(model)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(fake.requests).toHaveLength(3);
    expect(provider.breakerState()).toBe("open");
  });
});
