// The runtime's conversation model: the same model as the agents' provider (OpenAI when a key or a
// server is configured, else offline), behind the same policies and the same breaker.
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import { BrokenCircuitError } from "cockatiel";
import { InternalServerError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgentEnv } from "../env";
import { noopPublisher } from "../events";
import { type AgentConfig, type AgentRuntime, createAgentRuntime, createConversationModel } from "../runtime";
import { type FakeOpenAI, startFakeOpenAI } from "../testing/fake-openai";
import type { ConversationEvent, ConversationModel } from "./types";

async function collect(model: ConversationModel, content: string): Promise<ConversationEvent[]> {
  const out: ConversationEvent[] = [];
  for await (const event of model.converse({
    purpose: "assistant",
    messages: [{ role: "user", content }],
    tools: [],
  })) {
    out.push(event);
  }
  return out;
}

describe("createConversationModel", () => {
  it("is the offline model when neither a key nor a server is configured", () => {
    expect(createConversationModel(readAgentEnv({}))).toMatchObject({ name: "offline", model: "offline-assistant-v1" });
  });

  it("is OpenAI with the configured model when a key or only a server URL is set", () => {
    expect(
      createConversationModel(readAgentEnv({ OPENAI_API_KEY: "sk-test", OPENAI_MODEL: "gpt-4.1-mini" })),
    ).toMatchObject({ name: "openai", model: "gpt-4.1-mini" });
    expect(
      createConversationModel(readAgentEnv({ OPENAI_BASE_URL: "http://localhost:11434/v1", OPENAI_MODEL: "llama3.1" })),
    ).toMatchObject({ name: "openai", model: "llama3.1" });
  });
});

describe("AgentRuntime.conversation", () => {
  let t: TestDatabase;
  let fake: FakeOpenAI;
  const runtimes: AgentRuntime[] = [];
  const runtime = (config: AgentConfig) => {
    const created = createAgentRuntime({ db: t.db, config, materialize: async () => [], publisher: noopPublisher });
    runtimes.push(created);
    return created;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    for (const r of runtimes) await r.close();
    await fake?.close();
    await t?.close();
  });

  it("streams the offline model's reply without an API key", async () => {
    const { conversation } = runtime({
      ...readAgentEnv({ OFFLINE_MODEL_TOKEN_DELAY_MS: "0" }),
      redisUrl: undefined,
    });
    expect(conversation).toMatchObject({ name: "offline" });
    const events = await collect(conversation, "Help me plan a unit on tides");
    expect(events.filter((e) => e.type === "text").length).toBeGreaterThan(5);
    expect(events.at(-1)).toMatchObject({ type: "done", model: "offline-assistant-v1" });
  });

  it("shares the agents' breaker: once agent calls open it, conversations are refused too", async () => {
    fake.setDefault({ status: 503 });
    const agents = runtime({
      openai: { apiKey: "test", model: "fake-model", baseURL: fake.url },
      concurrency: 1,
      attempts: 1,
      timeoutMs: 2_000,
      resilience: { maxAttempts: 1, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 } },
    });
    const chat = () =>
      agents.provider.chat({
        agent: "content",
        messages: [{ role: "user", content: "A title" }],
        jsonSchema: { type: "object" },
        schemaName: "content",
        input: {},
      });
    for (let i = 0; i < 2; i++) await expect(chat()).rejects.toBeInstanceOf(InternalServerError);
    expect(agents.provider.breakerState()).toBe("open");
    await expect(collect(agents.conversation, "Hello")).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(fake.requests).toHaveLength(2);
  });
});
