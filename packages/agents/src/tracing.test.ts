// The spans this package produces when tracing is on, read back from the SDK's in-memory exporter:
// database queries (Prisma's instrumentation, through the driver adapter), model calls through
// both providers, and queue jobs carrying the correlation id of the request that queued them.
import { type RecordedSpans, recordSpans, SpanKind } from "@toolboxai/observability/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agents } from "./agents";
import { readAgentEnv } from "./env";
import { createOfflineProvider } from "./providers/offline";
import { createOpenAIProvider } from "./providers/openai";
import { type AgentRuntime, createAgentRuntime } from "./runtime";
import { type FakeOpenAI, offlineResponder, startFakeOpenAI } from "./testing/fake-openai";
import {
  baseRequest,
  createPipelineWorld,
  lessonOnly,
  materialize,
  type PipelineWorld,
} from "./testing/pipeline-fixtures";
import type { ChatRequest } from "./types";

let recorded: RecordedSpans;
let world: PipelineWorld;
let fake: FakeOpenAI;

beforeAll(async () => {
  recorded = await recordSpans("toolboxai-agents-test");
  world = await createPipelineWorld();
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
  await world?.close();
  await recorded?.stop();
});
beforeEach(() => {
  recorded.reset();
  fake.setDefault({ respond: offlineResponder(agents) });
});

const request = (agent: ChatRequest["agent"]): ChatRequest => ({
  agent,
  schemaName: agent,
  jsonSchema: {},
  messages: [{ role: "user" as const, content: JSON.stringify(baseRequest) }],
  input: { request: baseRequest, plan: [] },
});

describe("database spans", () => {
  it("gives a Prisma query through the driver adapter an operation span and, under it, the SQL it ran", async () => {
    await world.t.db.organization.findMany({ where: { slug: "pipeline" } });
    const [operation] = await recorded.named("prisma:client:operation");
    expect(operation?.attributes).toMatchObject({ model: "Organization", method: "findMany" });
    const [query] = await recorded.named("prisma:client:db_query");
    expect(query?.attributes["db.system.name"]).toBe("postgresql");
    expect(query?.attributes["db.query.text"]).toMatch(/^SELECT .* FROM "public"\."Organization" WHERE/);
    expect(query?.spanContext().traceId).toBe(operation?.spanContext().traceId);
  });
});

describe("model call spans", () => {
  it("records an offline call with its provider, model, agent and tokens", async () => {
    const provider = createOfflineProvider(agents);
    const reply = await provider.chat(request("supervisor"));
    const [span] = await recorded.named("model.call");
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.attributes).toMatchObject({
      "gen_ai.provider.name": "offline",
      "gen_ai.request.model": "offline-drafts-v1",
      "gen_ai.agent.name": "supervisor",
      "gen_ai.usage.input_tokens": reply.usage.promptTokens,
      "gen_ai.usage.output_tokens": reply.usage.completionTokens,
    });
  });

  it("records a call to an OpenAI-compatible server with the model that answered", async () => {
    fake.setDefault({ reply: { ok: true }, model: "fake-model-2026-01" });
    const provider = createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url });
    const reply = await provider.chat(request("supervisor"));
    const [span] = await recorded.named("model.call");
    expect(span?.attributes).toMatchObject({
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "fake-model",
      "gen_ai.response.model": "fake-model-2026-01",
      "gen_ai.agent.name": "supervisor",
      "gen_ai.usage.input_tokens": reply.usage.promptTokens,
    });
  });
});

describe("queue job spans", () => {
  let runtime: AgentRuntime;
  afterAll(() => runtime?.close());

  it("runs each delivery in a consumer span carrying the task and its correlation id, the model calls inside it", async () => {
    runtime = createAgentRuntime({
      db: world.t.db,
      config: readAgentEnv({}),
      materialize,
      publisher: { publish() {} },
      correlation: { run: (_task, attempt) => attempt(), outgoingHeaders: () => ({}) },
    });
    const id = await world.newTask(lessonOnly);
    await world.t.db.agentTask.update({ where: { id }, data: { correlationId: "corr-trace-1" } });
    await runtime.queue.enqueue(id);
    await (runtime.queue as AgentRuntime["queue"] & { idle(): Promise<void> }).idle();

    const [job] = await recorded.named("queue.job agent-tasks");
    expect(job?.kind).toBe(SpanKind.CONSUMER);
    expect(job?.attributes).toMatchObject({
      "toolboxai.task_id": id,
      "toolboxai.correlation_id": "corr-trace-1",
      "toolboxai.attempt": 1,
    });
    const calls = await recorded.named("model.call");
    expect(calls.map((c) => c.attributes["gen_ai.agent.name"])).toEqual(["supervisor", "content", "review"]);
    for (const call of calls) expect(call.spanContext().traceId).toBe(job?.spanContext().traceId);
  });
});
