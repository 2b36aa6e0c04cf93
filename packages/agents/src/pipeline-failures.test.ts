// What a task looks like when its model misbehaves: the real `openai` SDK, behind the resilience
// policies, against the local OpenAI-compatible server, driven through processTask. Each failure
// mode is asserted where a teacher sees it: the AgentTask row (status, error, attempts, progress,
// current step) and its AgentExecution rows. The request shapes and the response cache also run
// with the offline provider.
import type { GenerateRequestInput } from "@toolboxai/validators";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agents } from "./agents";
import { createMemoryCache } from "./cache";
import { processTask } from "./pipeline";
import { progressOf } from "./plan";
import { createOfflineProvider } from "./providers/offline";
import { createResilientProvider, type ResilienceEvent, type ResilientProvider } from "./resilience";
import { type FakeBehaviour, type FakeOpenAI, offlineResponder, startFakeOpenAI } from "./testing/fake-openai";
import {
  agentOf,
  baseRequest,
  createPipelineWorld,
  fakeOpenAIProvider,
  lessonOnly,
  type PipelineWorld,
} from "./testing/pipeline-fixtures";
import type { ModelProvider } from "./types";

/** The row of a task that finished after `attempts` deliveries, with no error left on it. */
const completedAfter = (attempts: number) => ({
  status: "COMPLETED",
  error: null,
  attempts,
  progress: 100,
  currentStep: null,
});

let world: PipelineWorld;
let fake: FakeOpenAI;

beforeAll(async () => {
  world = await createPipelineWorld();
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
  await world?.close();
});
beforeEach(() => {
  fake.reset();
  fake.setDefault({ respond: offlineResponder(agents) });
});

/** A lesson-only task runs supervisor, content, review: the content step is the second request. */
const LESSON_PLAN = ["supervisor", "content", "review"];
/** The progress bar while the content step runs (the supervisor finished, 3 steps + saving). */
const AT_CONTENT = progressOf(1, LESSON_PLAN.length);

/** Lets the supervisor's request through as usual, then scripts what the content step meets. */
function onContentStep(...behaviours: FakeBehaviour[]) {
  fake.enqueue({}, ...behaviours);
}

/** The requests the fake server received for one agent, in arrival order. */
const receivedFor = (agent: string) => fake.received.filter((r) => agentOf(r.body) === agent);

const stepOf = async (taskId: string, step: string) => {
  const execution = (await world.executions(taskId)).find((e) => e.step === step);
  if (!execution) throw new Error(`no execution for the ${step} step`);
  return execution;
};

async function until(ok: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("a 429 with Retry-After", () => {
  it("waits as long as the server asked before retrying, and the task completes in one attempt", async () => {
    const events: ResilienceEvent[] = [];
    // Backoff alone would wait at most 10 ms: a one-second gap can only come from Retry-After.
    const provider = fakeOpenAIProvider(fake, { baseDelayMs: 10, maxDelayMs: 5_000, onEvent: (e) => events.push(e) });
    fake.enqueue({ status: 429, retryAfterSeconds: 1 });
    const id = await world.newTask(lessonOnly);

    expect(await processTask(world.deps(provider), id, { number: 1, max: 3 })).toBe("completed");

    const arrivals = receivedFor("supervisor").map((r) => r.at);
    expect(arrivals).toHaveLength(2);
    const [limited = 0, retried = 0] = arrivals;
    expect(retried - limited).toBeGreaterThanOrEqual(1_000 - 5);
    expect(events).toContainEqual(expect.objectContaining({ type: "retry", status: 429, fromRetryAfter: true }));
    expect(await world.task(id)).toMatchObject(completedAfter(1));
    expect(await stepOf(id, "supervisor")).toMatchObject({ status: "SUCCEEDED", error: null });
  });
});

describe("malformed JSON", () => {
  it("is repaired within the step: the task completes and the step records both calls", async () => {
    onContentStep({ malformed: true });
    const id = await world.newTask(lessonOnly);

    expect(await processTask(world.deps(fakeOpenAIProvider(fake)), id, { number: 1, max: 3 })).toBe("completed");

    expect(await world.task(id)).toMatchObject(completedAfter(1));
    const runs = await world.executions(id);
    expect(runs.map((e) => [e.step, e.status, e.calls])).toEqual([
      ["supervisor", "SUCCEEDED", 1],
      ["content", "SUCCEEDED", 2],
      ["review", "SUCCEEDED", 1],
    ]);
    // The repair call carried the parse error back to the model.
    const repair = receivedFor("content")[1]?.body.messages?.at(-1);
    expect(repair).toMatchObject({ role: "user", content: expect.stringContaining("not valid JSON") });
  });
});

describe("schema-invalid answers beyond the repair budget", () => {
  const invalid: FakeBehaviour = { reply: { title: 42, sections: "none" } };

  it("fails the task at once, even with attempts left, with an error naming the step", async () => {
    // Two repairs allowed, so three invalid answers exhaust the step; the same prompt would fail
    // the same way again, so the queue's remaining attempts are not spent on it.
    onContentStep(invalid, invalid, invalid);
    const id = await world.newTask(lessonOnly);

    expect(await processTask(world.deps(fakeOpenAIProvider(fake)), id, { number: 1, max: 3 })).toBe("failed");

    const row = await world.task(id);
    expect(row).toMatchObject({ status: "FAILED", attempts: 1, progress: AT_CONTENT, currentStep: null });
    expect(row.finishedAt).not.toBeNull();
    expect(row.error).toMatch(/^The content step failed: .*still invalid after 3 call\(s\)/);
  });

  it("records the failed step with its validation problems and every call it made", async () => {
    onContentStep(invalid, invalid, invalid);
    const id = await world.newTask(lessonOnly);

    await processTask(world.deps(fakeOpenAIProvider(fake)), id, { number: 1, max: 3 });

    const runs = await world.executions(id);
    expect(runs.map((e) => [e.step, e.status])).toEqual([
      ["supervisor", "SUCCEEDED"],
      ["content", "FAILED"],
    ]);
    const content = await stepOf(id, "content");
    expect(content.output).toBeNull();
    expect(content.error).toContain("title:");
    expect(content.calls).toBe(3);
    expect(content.promptTokens).toBeGreaterThan(0);
    expect(receivedFor("content")).toHaveLength(3);
  });
});

describe("a hanging response", () => {
  const timeoutMs = 300;
  /** Every try of the content step hangs until the per-call timeout: the attempt ends retryable. */
  async function hangTheContentStep() {
    const provider = fakeOpenAIProvider(fake, { timeoutMs, maxAttempts: 2 });
    onContentStep({ hang: true }, { hang: true });
    const id = await world.newTask(lessonOnly);
    await expect(processTask(world.deps(provider), id, { number: 1, max: 3 })).rejects.toThrow(/timed out/);
    return { provider, id };
  }

  it("times the call out and leaves the task RETRYING at the step that hung", async () => {
    const { id } = await hangTheContentStep();

    const row = await world.task(id);
    expect(row).toMatchObject({ status: "RETRYING", attempts: 1, progress: AT_CONTENT, currentStep: "content" });
    expect(row.finishedAt).toBeNull();
    expect(row.error).toBe(`The content step failed: The model call timed out after ${timeoutMs} ms`);
    expect(await stepOf(id, "content")).toMatchObject({
      status: "FAILED",
      error: `The model call timed out after ${timeoutMs} ms`,
    });
    expect(receivedFor("content")).toHaveLength(2);
  });

  it("completes on the next attempt without redoing the steps that finished", async () => {
    const { provider, id } = await hangTheContentStep();
    const supervisorBefore = await stepOf(id, "supervisor");

    expect(await processTask(world.deps(provider), id, { number: 2, max: 3 })).toBe("completed");

    expect(await world.task(id)).toMatchObject(completedAfter(2));
    expect(receivedFor("supervisor")).toHaveLength(1);
    expect(await stepOf(id, "supervisor")).toMatchObject({
      status: "SUCCEEDED",
      finishedAt: supervisorBefore.finishedAt,
    });
    const runs = await world.executions(id);
    expect(runs.map((e) => [e.step, e.status])).toEqual([
      ["supervisor", "SUCCEEDED"],
      ["content", "SUCCEEDED"],
      ["review", "SUCCEEDED"],
    ]);
  });
});

describe("repeated 500s and the circuit breaker", () => {
  const halfOpenAfterMs = 1_000;
  /** Two 500s in a row open the breaker; the call's third try meets the open circuit. */
  async function openTheBreaker() {
    const provider = fakeOpenAIProvider(fake, {
      maxAttempts: 3,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs },
    });
    onContentStep({ status: 500 }, { status: 500 });
    const id = await world.newTask(lessonOnly);
    await expect(processTask(world.deps(provider), id, { number: 1, max: 3 })).rejects.toThrow(/circuit is open/);
    return { provider, id };
  }

  it("opens the breaker and leaves the task RETRYING, not FAILED", async () => {
    const { provider, id } = await openTheBreaker();

    expect(provider.breakerState()).toBe("open");
    const row = await world.task(id);
    expect(row).toMatchObject({ status: "RETRYING", attempts: 1, progress: AT_CONTENT, currentStep: "content" });
    expect(row.error).toMatch(/^The content step failed: The model is unavailable: the circuit is open/);
    expect(row.error).toContain("500");
    expect(receivedFor("content")).toHaveLength(2);
  });

  it("keeps the task RETRYING without reaching the model while the breaker stays open", async () => {
    const { provider, id } = await openTheBreaker();
    const requestsBefore = fake.received.length;
    expect(provider.breakerState()).toBe("open");

    await expect(processTask(world.deps(provider), id, { number: 2, max: 3 })).rejects.toThrow(/circuit is open/);

    expect(fake.received).toHaveLength(requestsBefore);
    expect(provider.stats().shortCircuited).toBe(1);
    expect(await world.task(id)).toMatchObject({ status: "RETRYING", attempts: 2, currentStep: "content" });
    expect(await stepOf(id, "content")).toMatchObject({ status: "FAILED" });
  });

  it("closes the breaker after a successful trial once half-open, and the task completes", async () => {
    const { provider, id } = await openTheBreaker();
    await until(() => provider.breakerState() === "half-open", halfOpenAfterMs * 5);

    expect(await processTask(world.deps(provider), id, { number: 2, max: 3 })).toBe("completed");

    expect(provider.breakerState()).toBe("closed");
    expect(await world.task(id)).toMatchObject(completedAfter(2));
    expect(receivedFor("supervisor")).toHaveLength(1);
    expect(receivedFor("content")).toHaveLength(3);
    const runs = await world.executions(id);
    expect(runs.map((e) => e.step)).toEqual(LESSON_PLAN);
    for (const e of runs) expect(e.status).toBe("SUCCEEDED");
  });
});

describe("a single 500", () => {
  it("is retried inside the step and the task completes in its first attempt", async () => {
    onContentStep({ status: 500 });
    const id = await world.newTask(lessonOnly);

    expect(await processTask(world.deps(fakeOpenAIProvider(fake)), id, { number: 1, max: 3 })).toBe("completed");

    expect(await world.task(id)).toMatchObject({ status: "COMPLETED", error: null, attempts: 1 });
    expect(receivedFor("content")).toHaveLength(2);
    expect(await stepOf(id, "content")).toMatchObject({ status: "SUCCEEDED", error: null });
  });
});

// ---------------------------------------------------------------------------------------------
// The same request shapes, and the response cache, with either provider.

interface ProviderUnderTest {
  provider: ModelProvider;
  /** Model requests made so far: what reached the fake server, or the offline model's calls. */
  modelRequests(): number;
}

/** The offline model behind the same resilience policies production wraps it in, with its calls counted. */
function countedOffline(): ProviderUnderTest {
  const offline = createOfflineProvider(agents);
  let calls = 0;
  const counted: ModelProvider = {
    name: offline.name,
    model: offline.model,
    chat: (request) => {
      calls += 1;
      return offline.chat(request);
    },
  };
  const provider: ResilientProvider = createResilientProvider(counted, { timeoutMs: 2_000 });
  return { provider, modelRequests: () => calls };
}

const providers: [string, () => ProviderUnderTest][] = [
  ["offline", countedOffline],
  ["openai (local server)", () => ({ provider: fakeOpenAIProvider(fake), modelRequests: () => fake.received.length })],
];

const shapes: [string, GenerateRequestInput, string[]][] = [
  ["a lesson", lessonOnly, LESSON_PLAN],
  ["a lesson and a quiz", { ...lessonOnly, parts: ["lesson", "quiz"] }, ["supervisor", "content", "quiz", "review"]],
  [
    "a lesson, a quiz and a Roblox environment aligned to standards",
    baseRequest,
    ["supervisor", "content", "quiz", "terrain", "script", "standards", "review"],
  ],
];

describe.each(providers)("the %s provider", (name, make) => {
  it.each(shapes)("completes %s in one attempt, each planned step run once in order", async (_shape, request, plan) => {
    const { provider } = make();
    const id = await world.newTask(request);

    expect(await processTask(world.deps(provider), id, { number: 1, max: 3 })).toBe("completed");

    expect(await world.task(id)).toMatchObject(completedAfter(1));
    const runs = await world.executions(id);
    expect(runs.map((e) => e.step)).toEqual(plan);
    for (const e of runs) {
      expect(e).toMatchObject({ status: "SUCCEEDED", error: null, provider: provider.name, cached: false, calls: 1 });
    }
    expect(await world.t.db.contentItem.count({ where: { agentTaskId: id } })).toBe(request.parts?.length);
  });

  it("serves a second identical task in the same organization from the cache, without a model request", async () => {
    const { provider, modelRequests } = make();
    const deps = world.deps(provider, { cache: createMemoryCache() });
    const first = await world.newTask(lessonOnly);
    await processTask(deps, first, { number: 1, max: 3 });
    const requestsAfterFirst = modelRequests();

    const second = await world.newTask(lessonOnly);
    expect(await processTask(deps, second, { number: 1, max: 3 })).toBe("completed");

    expect(modelRequests()).toBe(requestsAfterFirst);
    expect((await world.executions(first)).map((e) => e.cached)).toEqual([false, false, false]);
    const runs = await world.executions(second);
    expect(runs.map((e) => e.step)).toEqual(LESSON_PLAN);
    for (const e of runs) {
      expect(e).toMatchObject({ status: "SUCCEEDED", cached: true, calls: 0, promptTokens: 0, completionTokens: 0 });
    }
    expect(await world.task(second)).toMatchObject({ status: "COMPLETED", progress: 100 });
  });

  it("does not serve an identical task in another organization from that cache", async () => {
    const { provider, modelRequests } = make();
    const deps = world.deps(provider, { cache: createMemoryCache() });
    await processTask(deps, await world.newTask(lessonOnly), { number: 1, max: 3 });
    const requestsAfterFirst = modelRequests();
    const elsewhere = await world.newOrganization(`elsewhere-${name.split(" ")[0]}`);

    const id = await world.newTask(lessonOnly, { owner: elsewhere });
    expect(await processTask(deps, id, { number: 1, max: 3 })).toBe("completed");

    expect(modelRequests()).toBe(requestsAfterFirst + LESSON_PLAN.length);
    const runs = await world.executions(id);
    expect(runs.map((e) => [e.step, e.cached, e.calls])).toEqual(LESSON_PLAN.map((step) => [step, false, 1]));
    for (const e of runs) expect(e.organizationId).toBe(elsewhere.organizationId);
    const items = await world.t.db.contentItem.findMany({ where: { agentTaskId: id } });
    expect(items).toHaveLength(1);
    for (const item of items) expect(item.organizationId).toBe(elsewhere.organizationId);
  });
});
