// The spans of streamed replies: one "model.call" per reply, with the model and tokens of its end.
import { type RecordedSpans, recordSpans, SpanKind, SpanStatusCode } from "@toolboxai/observability/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../testing/fake-openai";
import { createOfflineConversationModel } from "./offline";
import { createOpenAIConversationModel } from "./openai";
import type { ConversationEvent, ConversationModel, ConversationRequest } from "./types";

let recorded: RecordedSpans;
let fake: FakeOpenAI;
beforeAll(async () => {
  recorded = await recordSpans("toolboxai-conversation-test");
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
  await recorded?.stop();
});
beforeEach(() => {
  recorded.reset();
  fake.reset();
});

const request: ConversationRequest = {
  purpose: "tutor",
  messages: [{ role: "user", content: "What is photosynthesis?" }],
  tools: [],
};

async function collect(model: ConversationModel): Promise<ConversationEvent[]> {
  const out: ConversationEvent[] = [];
  for await (const event of model.converse(request)) out.push(event);
  return out;
}

describe("conversation spans", () => {
  it("records an offline reply with its provider, model, purpose and tokens", async () => {
    const events = await collect(createOfflineConversationModel());
    const done = events.at(-1);
    const [span] = await recorded.named("model.call");
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.attributes).toMatchObject({
      "gen_ai.provider.name": "offline",
      "gen_ai.request.model": "offline-assistant-v1",
      "gen_ai.agent.name": "tutor",
      "gen_ai.usage.output_tokens": done?.type === "done" ? done.usage.completionTokens : -1,
    });
  });

  it("records a streamed OpenAI reply with the model that answered", async () => {
    fake.enqueue({ reply: "Think about leaves.", model: "fake-model-2026-01" });
    await collect(createOpenAIConversationModel({ apiKey: "test", model: "fake-model", baseURL: fake.url }));
    const [span] = await recorded.named("model.call");
    expect(span?.attributes).toMatchObject({
      "gen_ai.provider.name": "openai",
      "gen_ai.response.model": "fake-model-2026-01",
      "gen_ai.usage.output_tokens": 5,
    });
  });

  it("marks the span failed when the stream fails", async () => {
    fake.enqueue({ status: 400 });
    const model = createOpenAIConversationModel({ apiKey: "test", model: "fake-model", baseURL: fake.url });
    await expect(collect(model)).rejects.toThrow();
    const [span] = await recorded.named("model.call");
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });
});
