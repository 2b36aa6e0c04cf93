// The OpenAI provider, with the real SDK against the local fake server.
import { APIUserAbortError, BadRequestError, InternalServerError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../testing/fake-openai";
import type { ChatRequest } from "../types";
import { createOpenAIProvider } from "./openai";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  agent: "content",
  messages: [
    { role: "system", content: "You write JSON." },
    { role: "user", content: "A title, please." },
  ],
  jsonSchema: { type: "object", properties: { title: { type: "string" } }, required: ["title"] },
  schemaName: "content",
  input: { topic: "x" },
  ...extra,
});

const provider = () => createOpenAIProvider({ apiKey: "test-key", model: "fake-model", baseURL: fake.url });

describe("the OpenAI provider", () => {
  it("is labelled openai with its configured model", () => {
    expect(provider()).toMatchObject({ name: "openai", model: "fake-model" });
  });

  it("asks for JSON following the request's schema, by name, not strict", async () => {
    await provider().chat(request());
    expect(fake.requests[0]).toMatchObject({
      model: "fake-model",
      messages: request().messages,
      response_format: {
        type: "json_schema",
        json_schema: { name: "content", schema: request().jsonSchema, strict: false },
      },
    });
    expect(fake.received[0]?.headers.authorization).toBe("Bearer test-key");
  });

  it("sends the headers it is given for each call, read when the call is made (the request's correlation ids)", async () => {
    let correlationId = "chain-1";
    const correlated = createOpenAIProvider({
      apiKey: "test-key",
      model: "fake-model",
      baseURL: fake.url,
      headers: () => ({ "X-Correlation-ID": correlationId, "X-Chain-Depth": "2" }),
    });
    await correlated.chat(request());
    correlationId = "chain-2";
    await correlated.chat(request());
    expect(fake.received.map((r) => r.headers["x-correlation-id"])).toEqual(["chain-1", "chain-2"]);
    expect(fake.received[0]?.headers["x-chain-depth"]).toBe("2");
  });

  it("returns the content, the token usage and the model the server reports", async () => {
    fake.enqueue({ reply: { title: "Tides" }, model: "fake-model-2024-08-06" });
    const reply = await provider().chat(request());
    expect(reply.content).toBe('{"title":"Tides"}');
    expect(reply.usage.promptTokens).toBeGreaterThan(0);
    expect(reply.usage.completionTokens).toBe(Math.ceil(reply.content.length / 4));
    expect(reply.model).toBe("fake-model-2024-08-06");
  });

  it("makes exactly one attempt: the SDK's own retries are off", async () => {
    fake.enqueue({ status: 500 });
    await expect(provider().chat(request())).rejects.toBeInstanceOf(InternalServerError);
    expect(fake.requests).toHaveLength(1);
  });

  it("surfaces a 400 as the SDK's BadRequestError", async () => {
    fake.enqueue({ status: 400 });
    await expect(provider().chat(request())).rejects.toBeInstanceOf(BadRequestError);
  });

  it("stops a request when its signal aborts", async () => {
    fake.enqueue({ hang: true });
    const controller = new AbortController();
    const pending = provider().chat(request({ signal: controller.signal }));
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it("sends the organization header when given one", async () => {
    const withOrg = createOpenAIProvider({ apiKey: "k", model: "m", baseURL: fake.url, organization: "org-123" });
    await withOrg.chat(request());
    expect(fake.received[0]?.headers["openai-organization"]).toBe("org-123");
  });
});
