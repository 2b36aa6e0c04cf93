// generateStructured with the real `openai` SDK against the local fake server: parse, validate,
// repair, give up, and the response cache.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createMemoryCache, type ResponseCache } from "./cache";
import { InvalidModelOutputError, TaskCancelledError } from "./errors";
import { createOfflineProvider } from "./providers/offline";
import { createOpenAIProvider } from "./providers/openai";
import { generateStructured, parseModelJson } from "./structured";
import { type FakeOpenAI, offlineResponder, startFakeOpenAI } from "./testing/fake-openai";
import type { AgentDefinition, ModelProvider } from "./types";

// A tiny agent: a titled list about a topic, whose title must name the topic.
const listSchema = z.object({
  title: z.string().min(3, "Use at least 3 characters"),
  items: z.array(z.string().min(1)).min(1, "List at least one item"),
  level: z.enum(["easy", "hard"]).default("easy"),
});
type ListInput = { topic: string };
const listAgent: AgentDefinition<ListInput, z.output<typeof listSchema>> = {
  name: "content",
  description: "Writes a short list about a topic",
  inputSchema: z.object({ topic: z.string() }),
  outputSchema: listSchema,
  prompt: (input) => ({
    system: "You write short lists as JSON.",
    user: `Write a list about the topic.\n\nInput:\n\`\`\`json\n${JSON.stringify(input)}\n\`\`\``,
  }),
  check: (output, input) =>
    output.title.includes(input.topic) ? [] : [`The title must name the topic "${input.topic}"`],
  offline: (input) => ({ title: `All about ${input.topic}`, items: [`What ${input.topic} are`] }),
};
const good = { title: "All about Tides", items: ["The moon pulls the sea"] };
const input: ListInput = { topic: "Tides" };

let fake: FakeOpenAI;
let openai: ModelProvider;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  openai = createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url });
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.reset();
  fake.setDefault({ reply: good });
});

type Message = { role: string; content: string };
const messagesOf = (i: number) => (fake.requests[i]?.messages ?? []) as Message[];

describe("generateStructured", () => {
  it("returns the parsed answer with its usage, after one call", async () => {
    const result = await generateStructured({ provider: openai, agent: listAgent, input });
    expect(result.output).toEqual({ ...good, level: "easy" });
    expect(result).toMatchObject({ calls: 1, cached: false, model: "fake-model", provider: "openai" });
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBe(Math.ceil(JSON.stringify(good).length / 4));
  });

  it("sends the agent's prompt and its output schema as JSON Schema, named after the agent", async () => {
    await generateStructured({ provider: openai, agent: listAgent, input });
    const prompt = listAgent.prompt(input);
    expect(messagesOf(0)).toEqual([
      { role: "system", content: prompt.system },
      { role: "user", content: prompt.user },
    ]);
    const format = fake.requests[0]?.response_format;
    expect(format?.json_schema?.name).toBe("content");
    // The input side: `level` has a default, so the model may leave it out.
    expect(format?.json_schema?.schema).toMatchObject({
      type: "object",
      properties: { title: { type: "string", minLength: 3 }, level: { enum: ["easy", "hard"] } },
      required: ["title", "items"],
    });
  });

  it("accepts an answer inside a ```json fence", async () => {
    fake.enqueue({ reply: `\`\`\`json\n${JSON.stringify(good)}\n\`\`\`` });
    const result = await generateStructured({ provider: openai, agent: listAgent, input });
    expect(result.output.title).toBe("All about Tides");
    expect(result.calls).toBe(1);
  });

  it("repairs malformed JSON with a second call", async () => {
    fake.enqueue({ malformed: true });
    const result = await generateStructured({ provider: openai, agent: listAgent, input });
    expect(result.output.title).toBe("All about Tides");
    expect(result.calls).toBe(2);
    expect(messagesOf(1).at(-1)?.content).toContain("not valid JSON");
  });

  it("feeds schema errors back as path: message, after the invalid answer", async () => {
    const invalid = { title: "Ti", items: [] };
    fake.enqueue({ reply: invalid });
    const result = await generateStructured({ provider: openai, agent: listAgent, input });
    expect(result.calls).toBe(2);
    const second = messagesOf(1);
    expect(second).toHaveLength(4);
    expect(second[2]).toEqual({ role: "assistant", content: JSON.stringify(invalid) });
    expect(second[3]?.role).toBe("user");
    expect(second[3]?.content).toContain("title: Use at least 3 characters");
    expect(second[3]?.content).toContain("items: List at least one item");
    expect(second[3]?.content).toContain("corrected JSON only");
  });

  it("feeds the agent's check() problems back too", async () => {
    fake.enqueue({ reply: { title: "All about the sea", items: ["Waves"] } });
    const result = await generateStructured({ provider: openai, agent: listAgent, input });
    expect(result.calls).toBe(2);
    expect(messagesOf(1).at(-1)?.content).toContain('The title must name the topic "Tides"');
  });

  it("sums the usage of every call", async () => {
    fake.enqueue({ malformed: true });
    const result = await generateStructured({ provider: openai, agent: listAgent, input });
    const first = Math.ceil(
      messagesOf(0)
        .map((m) => m.content)
        .join("\n").length / 4,
    );
    const second = Math.ceil(
      messagesOf(1)
        .map((m) => m.content)
        .join("\n").length / 4,
    );
    expect(result.usage.promptTokens).toBe(first + second);
  });

  it("throws InvalidModelOutputError with the last problems when the repairs run out", async () => {
    fake.setDefault({ reply: { title: "No", items: ["x"] } });
    const error = await generateStructured({ provider: openai, agent: listAgent, input, maxRepairs: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidModelOutputError);
    expect((error as InvalidModelOutputError).problems).toEqual(["title: Use at least 3 characters"]);
    expect((error as InvalidModelOutputError).calls).toBe(2);
    expect(fake.requests).toHaveLength(2);
  });

  it("makes at most 1 + maxRepairs calls (2 repairs by default)", async () => {
    fake.setDefault({ malformed: true });
    await expect(generateStructured({ provider: openai, agent: listAgent, input })).rejects.toBeInstanceOf(
      InvalidModelOutputError,
    );
    expect(fake.requests).toHaveLength(3);
  });

  it("stops before calling when the signal is already aborted", async () => {
    const signal = AbortSignal.abort(new TaskCancelledError());
    await expect(generateStructured({ provider: openai, agent: listAgent, input, signal })).rejects.toBeInstanceOf(
      TaskCancelledError,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("runs the whole loop against the fake server answering like the offline model", async () => {
    fake.setDefault({ respond: offlineResponder({ content: listAgent }) });
    const result = await generateStructured({ provider: openai, agent: listAgent, input: { topic: "Volcanoes" } });
    expect(result.output).toEqual({ title: "All about Volcanoes", items: ["What Volcanoes are"], level: "easy" });
  });

  it("gives the same labelled answer every time with the offline provider", async () => {
    const offline = createOfflineProvider({ content: listAgent });
    const a = await generateStructured({ provider: offline, agent: listAgent, input });
    const b = await generateStructured({ provider: offline, agent: listAgent, input });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ provider: "offline", model: "offline-drafts-v1", calls: 1 });
  });
});

describe("generateStructured with a cache", () => {
  let cache: ResponseCache;
  beforeEach(() => {
    cache = createMemoryCache();
  });

  it("answers the same prompt from the cache without calling the model", async () => {
    const first = await generateStructured({ provider: openai, agent: listAgent, input, cache, cacheScope: "org-a" });
    const second = await generateStructured({ provider: openai, agent: listAgent, input, cache, cacheScope: "org-a" });
    expect(first.cached).toBe(false);
    expect(second).toEqual({
      output: first.output,
      usage: { promptTokens: 0, completionTokens: 0 },
      calls: 0,
      cached: true,
      model: "fake-model",
      provider: "openai",
    });
    expect(fake.requests).toHaveLength(1);
    expect(await cache.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it("never shares an answer between organizations", async () => {
    await generateStructured({ provider: openai, agent: listAgent, input, cache, cacheScope: "org-a" });
    const other = await generateStructured({ provider: openai, agent: listAgent, input, cache, cacheScope: "org-b" });
    expect(other.cached).toBe(false);
    expect(fake.requests).toHaveLength(2);
    expect(await cache.stats()).toMatchObject({ hits: 0, misses: 2 });
  });

  it("misses for another input", async () => {
    await generateStructured({ provider: openai, agent: listAgent, input, cache, cacheScope: "org-a" });
    fake.setDefault({ respond: offlineResponder({ content: listAgent }) });
    const other = await generateStructured({
      provider: openai,
      agent: listAgent,
      input: { topic: "Waves" },
      cache,
      cacheScope: "org-a",
    });
    expect(other.cached).toBe(false);
  });

  it("stores only valid answers", async () => {
    fake.setDefault({ malformed: true });
    await generateStructured({
      provider: openai,
      agent: listAgent,
      input,
      cache,
      cacheScope: "org-a",
      maxRepairs: 0,
    }).catch(() => {});
    expect((await cache.stats()).entries).toBe(0);
  });

  it("stores the repaired answer under the original prompt", async () => {
    fake.enqueue({ malformed: true });
    await generateStructured({ provider: openai, agent: listAgent, input, cache, cacheScope: "org-a" });
    const again = await generateStructured({ provider: openai, agent: listAgent, input, cache, cacheScope: "org-a" });
    expect(again.cached).toBe(true);
    expect(again.output.title).toBe("All about Tides");
  });

  it("calls the model when a cached answer no longer passes validation", async () => {
    const strict: typeof listAgent = { ...listAgent, check: () => [] };
    fake.enqueue({ reply: { title: "All about Tides", items: ["x"] } });
    await generateStructured({ provider: openai, agent: strict, input, cache, cacheScope: "org-a" });
    const pickier: typeof listAgent = { ...listAgent, check: (o) => (o.items.length > 1 ? [] : ["Need two items"]) };
    fake.enqueue({ reply: { title: "All about Tides", items: ["x", "y"] } });
    const result = await generateStructured({ provider: openai, agent: pickier, input, cache, cacheScope: "org-a" });
    expect(result.cached).toBe(false);
    expect(result.output.items).toEqual(["x", "y"]);
  });

  it("keeps working when the cache fails", async () => {
    const broken: ResponseCache = {
      get: () => Promise.reject(new Error("redis down")),
      set: () => Promise.reject(new Error("redis down")),
      stats: () => Promise.reject(new Error("redis down")),
    };
    const result = await generateStructured({
      provider: openai,
      agent: listAgent,
      input,
      cache: broken,
      cacheScope: "org-a",
    });
    expect(result.output.title).toBe("All about Tides");
  });

  it("requires a cacheScope with a cache", async () => {
    await expect(generateStructured({ provider: openai, agent: listAgent, input, cache })).rejects.toThrow(
      /cacheScope/,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe("parseModelJson", () => {
  it("parses plain JSON, and JSON in a fence with or without a language", () => {
    expect(parseModelJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseModelJson('```json\n{"a":1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseModelJson('  ```\n{"a":1}\n```  ')).toEqual({ ok: true, value: { a: 1 } });
  });

  it("reports empty and malformed answers", () => {
    expect(parseModelJson("   ")).toMatchObject({ ok: false, problem: expect.stringContaining("empty") });
    expect(parseModelJson("{nope")).toMatchObject({ ok: false, problem: expect.stringContaining("not valid JSON") });
  });
});
