// The resilience policies around a real OpenAI provider (the `openai` SDK against the local fake
// server): timeouts, retries with backoff and Retry-After, the circuit breaker, cancellation.
import { BrokenCircuitError } from "cockatiel";
import { APIError, BadRequestError, InternalServerError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ModelTimeoutError, TaskCancelledError } from "./errors";
import { createOpenAIProvider } from "./providers/openai";
import {
  backoffDelay,
  createResilientProvider,
  DEFAULT_RESILIENCE,
  type ResilienceEvent,
  type ResilienceInput,
} from "./resilience";
import { type FakeOpenAI, startFakeOpenAI } from "./testing/fake-openai";
import type { ChatRequest } from "./types";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.reset();
  fake.setDefault({ reply: { title: "Tides" } });
});

const request = (signal?: AbortSignal): ChatRequest => ({
  agent: "content",
  messages: [{ role: "user", content: "A title, please." }],
  jsonSchema: { type: "object" },
  schemaName: "content",
  input: {},
  signal,
});

/** Small delays, no jitter surprises: every backoff waits `random * ceiling` with random fixed. */
function resilient(options: ResilienceInput = {}) {
  const events: ResilienceEvent[] = [];
  const provider = createResilientProvider(
    createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url }),
    {
      timeoutMs: 2_000,
      baseDelayMs: 5,
      maxDelayMs: 5_000,
      random: () => 0.5,
      onEvent: (event) => events.push(event),
      ...options,
    },
  );
  return { provider, events };
}

const gaps = () => fake.received.slice(1).map((r, i) => r.at - (fake.received[i]?.at ?? r.at));

async function untilRequests(n: number) {
  const deadline = Date.now() + 5_000;
  while (fake.requests.length < n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} requests, got ${fake.requests.length}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("defaults", () => {
  it("time out after 30 s, try 4 times, back off from 500 ms up to 20 s, break after 5 failures for 15 s", () => {
    expect(DEFAULT_RESILIENCE).toMatchObject({
      timeoutMs: 30_000,
      maxAttempts: 4,
      baseDelayMs: 500,
      maxDelayMs: 20_000,
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 15_000 },
    });
  });
});

describe("backoffDelay", () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 };

  it("is exponential with equal jitter: half of base * 2^(attempt-1) plus a random share of the rest", () => {
    expect(backoffDelay(options, 1, new Error("x")).delayMs).toBe(75);
    expect(backoffDelay(options, 3, new Error("x")).delayMs).toBe(300);
    expect(backoffDelay({ ...options, random: () => 0 }, 3, new Error("x")).delayMs).toBe(200);
  });

  it("never exceeds maxDelayMs", () => {
    expect(backoffDelay({ ...options, random: () => 0.999 }, 20, new Error("x")).delayMs).toBeLessThanOrEqual(1_000);
  });

  it("uses the server's Retry-After instead, capped at maxDelayMs", () => {
    const after = (s: string) => APIError.generate(429, {}, undefined, new Headers({ "retry-after": s }));
    expect(backoffDelay(options, 1, after("0.3"))).toEqual({ delayMs: 300, fromRetryAfter: true });
    expect(backoffDelay(options, 1, after("30"))).toEqual({ delayMs: 1_000, fromRetryAfter: true });
  });
});

describe("a resilient provider", () => {
  it("passes a normal answer through, keeping the provider's name and model", async () => {
    const { provider } = resilient();
    const reply = await provider.chat(request());
    expect(reply.content).toBe('{"title":"Tides"}');
    expect(provider).toMatchObject({ name: "openai", model: "fake-model" });
    expect(provider.stats()).toEqual({ calls: 1, failures: 0, retries: 0, timeouts: 0, shortCircuited: 0 });
  });

  it("waits for the server's Retry-After before retrying a 429", async () => {
    const { provider, events } = resilient();
    fake.enqueue({ status: 429, retryAfterSeconds: 1 });
    const reply = await provider.chat(request());
    expect(reply.content).toBe('{"title":"Tides"}');
    expect(fake.requests).toHaveLength(2);
    expect(gaps()[0]).toBeGreaterThanOrEqual(990);
    expect(events).toContainEqual(
      expect.objectContaining({ type: "retry", delayMs: 1_000, fromRetryAfter: true, status: 429 }),
    );
  });

  it("retries two 500s and returns the third answer", async () => {
    const { provider } = resilient();
    fake.enqueue({ status: 500 }, { status: 503 });
    const reply = await provider.chat(request());
    expect(reply.content).toBe('{"title":"Tides"}');
    expect(fake.requests).toHaveLength(3);
    expect(provider.stats()).toMatchObject({ calls: 1, retries: 2, failures: 0 });
  });

  it("gives up after maxAttempts with the last error", async () => {
    const { provider } = resilient({ maxAttempts: 3 });
    fake.setDefault({ status: 500 });
    await expect(provider.chat(request())).rejects.toBeInstanceOf(InternalServerError);
    expect(fake.requests).toHaveLength(3);
    expect(provider.stats()).toMatchObject({ calls: 1, retries: 2, failures: 1 });
  });

  it("times out a hanging attempt and retries it", async () => {
    const { provider, events } = resilient({ timeoutMs: 200 });
    fake.enqueue({ hang: true });
    const reply = await provider.chat(request());
    expect(reply.content).toBe('{"title":"Tides"}');
    expect(fake.requests).toHaveLength(2);
    expect(gaps()[0]).toBeGreaterThanOrEqual(190);
    expect(provider.stats()).toMatchObject({ timeouts: 1, retries: 1 });
    expect(events).toContainEqual({ type: "timeout", timeoutMs: 200 });
  });

  it("fails with ModelTimeoutError when every attempt hangs", async () => {
    const { provider } = resilient({ timeoutMs: 100, maxAttempts: 2 });
    fake.setDefault({ hang: true });
    await expect(provider.chat(request())).rejects.toBeInstanceOf(ModelTimeoutError);
    expect(fake.requests).toHaveLength(2);
  });

  it("does not retry a 400", async () => {
    const { provider } = resilient();
    fake.enqueue({ status: 400 });
    await expect(provider.chat(request())).rejects.toBeInstanceOf(BadRequestError);
    expect(fake.requests).toHaveLength(1);
  });

  it("stops retrying at once when the caller aborts during a backoff", async () => {
    // Each retry would wait 0.5 * 2 s = 1 s.
    const { provider } = resilient({ baseDelayMs: 2_000 });
    fake.setDefault({ status: 503 });
    const controller = new AbortController();
    const pending = provider.chat(request(controller.signal));
    await untilRequests(1);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort(new TaskCancelledError());
    await expect(pending).rejects.toBeInstanceOf(TaskCancelledError);
    // The backoff that was running ends without sending anything.
    await new Promise((r) => setTimeout(r, 1_200));
    expect(fake.requests).toHaveLength(1);
    expect(provider.stats()).toMatchObject({ failures: 0, retries: 0 });
  });

  it("stops a running attempt when the caller aborts, without counting a timeout", async () => {
    const { provider } = resilient();
    fake.setDefault({ hang: true });
    const controller = new AbortController();
    const pending = provider.chat(request(controller.signal));
    await untilRequests(1);
    controller.abort(new TaskCancelledError());
    await expect(pending).rejects.toBeInstanceOf(TaskCancelledError);
    expect(fake.requests).toHaveLength(1);
    expect(provider.stats().timeouts).toBe(0);
  });

  it("refuses a call whose signal is already aborted, sending nothing", async () => {
    const { provider } = resilient();
    await expect(provider.chat(request(AbortSignal.abort(new TaskCancelledError())))).rejects.toBeInstanceOf(
      TaskCancelledError,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe("the circuit breaker", () => {
  const breaker = { consecutiveFailures: 3, halfOpenAfterMs: 300 };

  it("opens after N consecutive failed attempts, then fails fast without reaching the server", async () => {
    const { provider } = resilient({ maxAttempts: 1, breaker });
    fake.setDefault({ status: 503 });
    for (let i = 0; i < 3; i++) await expect(provider.chat(request())).rejects.toBeInstanceOf(InternalServerError);
    expect(provider.breakerState()).toBe("open");

    await expect(provider.chat(request())).rejects.toBeInstanceOf(BrokenCircuitError);
    await expect(provider.chat(request())).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(fake.requests).toHaveLength(3);
    expect(provider.stats()).toMatchObject({ calls: 5, failures: 5, shortCircuited: 2 });
  });

  it("ends a call's retries as soon as it opens, without waiting out a backoff", async () => {
    const { provider, events } = resilient({ maxAttempts: 10, baseDelayMs: 20, breaker });
    fake.setDefault({ status: 500 });
    const error = await provider.chat(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokenCircuitError);
    expect((error as Error).message).toContain("InternalServerError");
    expect(fake.requests).toHaveLength(3);
    expect(events.filter((e) => e.type === "retry")).toHaveLength(2);
  });

  it("goes half-open after halfOpenAfterMs and closes again after a successful trial call", async () => {
    const { provider, events } = resilient({ maxAttempts: 1, breaker });
    fake.setDefault({ status: 503 });
    for (let i = 0; i < 3; i++) await provider.chat(request()).catch(() => {});
    expect(provider.breakerState()).toBe("open");

    await new Promise((r) => setTimeout(r, 320));
    expect(provider.breakerState()).toBe("half-open");
    fake.setDefault({ reply: { title: "Back" }, latencyMs: 100 });
    const trial = provider.chat(request());
    await untilRequests(4);
    expect(provider.breakerState()).toBe("half-open");
    expect((await trial).content).toBe('{"title":"Back"}');
    expect(provider.breakerState()).toBe("closed");
    expect(events.filter((e) => e.type === "breaker").map((e) => (e as { state: string }).state)).toEqual([
      "open",
      "half-open",
      "closed",
    ]);
  });

  it("opens again when the trial call fails", async () => {
    const { provider } = resilient({ maxAttempts: 1, breaker });
    fake.setDefault({ status: 503 });
    for (let i = 0; i < 3; i++) await provider.chat(request()).catch(() => {});
    await new Promise((r) => setTimeout(r, 320));
    await expect(provider.chat(request())).rejects.toBeInstanceOf(InternalServerError);
    expect(provider.breakerState()).toBe("open");
    await expect(provider.chat(request())).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(fake.requests).toHaveLength(4);
  });

  it("does not count answers that are not retryable (a 400) as failures", async () => {
    const { provider } = resilient({ maxAttempts: 1, breaker });
    fake.setDefault({ status: 400 });
    for (let i = 0; i < 5; i++) await provider.chat(request()).catch(() => {});
    expect(provider.breakerState()).toBe("closed");
    expect(fake.requests).toHaveLength(5);
  });

  it("counts timeouts as failures", async () => {
    const { provider } = resilient({ maxAttempts: 1, timeoutMs: 50, breaker });
    fake.setDefault({ hang: true });
    for (let i = 0; i < 3; i++) await expect(provider.chat(request())).rejects.toBeInstanceOf(ModelTimeoutError);
    expect(provider.breakerState()).toBe("open");
  });
});
