// The pipeline, end to end on a real database: the offline model and the real `openai` SDK
// against a local OpenAI-compatible server go through the same tests.
import { scopeToOrganization } from "@toolboxai/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agents } from "./agents";
import { isTransientDatabaseError, processTask } from "./pipeline";
import { createOfflineProvider } from "./providers/offline";
import { createOpenAIProvider } from "./providers/openai";
import { createResilientProvider } from "./resilience";
import { type FakeOpenAI, offlineResponder, startFakeOpenAI } from "./testing/fake-openai";
import { baseRequest, createPipelineWorld, fakeOpenAIProvider, type PipelineWorld } from "./testing/pipeline-fixtures";
import type { ModelProvider } from "./types";

let world: PipelineWorld;
let fake: FakeOpenAI;

const newTask: PipelineWorld["newTask"] = (request, options) => world.newTask(request, options);
const deps: PipelineWorld["deps"] = (provider, extra) => world.deps(provider, extra);
const task = (id: string) => world.task(id);
const executions = (id: string) => world.executions(id);

beforeAll(async () => {
  world = await createPipelineWorld();
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
  await world?.close();
});
beforeEach(() => {
  fake.setDefault({ respond: offlineResponder(agents) });
});

const providers: [string, () => ModelProvider][] = [
  ["offline", () => createOfflineProvider(agents)],
  ["openai (local server)", () => fakeOpenAIProvider(fake)],
];

describe.each(providers)("the pipeline with the %s provider", (name, make) => {
  it("completes a lesson + quiz + environment task with every step recorded once", async () => {
    const id = await newTask(baseRequest, { provider: name });
    const outcome = await processTask(deps(make()), id, { number: 1, max: 3 });
    expect(outcome).toBe("completed");
    const row = await task(id);
    expect(row).toMatchObject({ status: "COMPLETED", progress: 100, currentStep: null, attempts: 1 });
    const plan = (row.plan as { step: string }[]).map((s) => s.step);
    const runs = await executions(id);
    expect(plan.length).toBeGreaterThan(0);
    expect(runs.map((e) => e.step).sort()).toEqual([...plan].sort());
    for (const e of runs) expect(e).toMatchObject({ status: "SUCCEEDED", output: expect.anything() });
  });

  it("records the provider, model and token usage of each agent run", async () => {
    const id = await newTask({ ...baseRequest, parts: ["lesson"], standards: [] });
    const provider = make();
    expect(await processTask(deps(provider), id, { number: 1, max: 1 })).toBe("completed");
    const runs = await executions(id);
    expect(runs.map((e) => e.step)).toEqual(["supervisor", "content", "review"]);
    for (const e of runs) {
      expect(e.provider).toBe(provider.name);
      expect(e.promptTokens).toBeGreaterThan(0);
      expect(e.completionTokens).toBeGreaterThan(0);
      expect(e.calls).toBeGreaterThanOrEqual(1);
    }
  });

  it("runs only the steps the request chooses", async () => {
    const id = await newTask({ ...baseRequest, parts: ["quiz"], standards: [] });
    await processTask(deps(make()), id, { number: 1, max: 1 });
    const steps = (await executions(id)).map((e) => e.agent);
    expect(steps).toContain("quiz");
    expect(steps).not.toContain("content");
    expect(steps).not.toContain("terrain");
    expect(steps).not.toContain("standards");
    expect(steps.at(-1)).toBe("review");
  });
});

describe("resuming", () => {
  it("does not redo the steps a failed attempt finished", async () => {
    const id = await newTask({ ...baseRequest, parts: ["lesson", "quiz"], standards: [] });
    const offline = createOfflineProvider(agents);
    // The quiz step fails (a model that errors on it), after supervisor and content succeeded.
    const failing: ModelProvider = {
      name: "offline",
      model: offline.model,
      chat: (req) => (req.agent === "quiz" ? Promise.reject(new Error("model unavailable")) : offline.chat(req)),
    };
    expect(await processTask(deps(failing), id, { number: 1, max: 1 })).toBe("failed");
    const failed = await task(id);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain("model unavailable");
    const before = await executions(id);
    const supervisor = before.find((e) => e.step === "supervisor");

    expect(await processTask(deps(offline), id, { number: 1, max: 1 })).toBe("skipped");
    await world.t.db.agentTask.update({ where: { id }, data: { status: "QUEUED" } });
    expect(await processTask(deps(offline), id, { number: 1, max: 1 })).toBe("completed");
    const after = await executions(id);
    expect(after.find((e) => e.step === "supervisor")?.finishedAt).toEqual(supervisor?.finishedAt);
    expect(after.filter((e) => e.step === "quiz")).toHaveLength(1);
    expect((await task(id)).attempts).toBe(2);
  });

  it("marks a retryable failure RETRYING and throws so the queue tries again", async () => {
    const id = await newTask({ ...baseRequest, parts: ["lesson"], standards: [] });
    fake.setDefault({ status: 503 });
    const provider = createResilientProvider(
      createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url }),
      { timeoutMs: 1_000, maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
    );
    await expect(processTask(deps(provider), id, { number: 1, max: 2 })).rejects.toThrow();
    expect((await task(id)).status).toBe("RETRYING");
    expect(await processTask(deps(provider), id, { number: 2, max: 2 })).toBe("failed");
    expect((await task(id)).status).toBe("FAILED");
  });

  it("materializes each part once even when the save step runs twice", async () => {
    const id = await newTask({ ...baseRequest, parts: ["lesson", "quiz"], standards: [] });
    await processTask(deps(createOfflineProvider(agents)), id, { number: 1, max: 1 });
    // A worker that died after saving but before marking the task COMPLETED.
    await world.t.db.agentTask.update({ where: { id }, data: { status: "PROCESSING" } });
    await processTask(deps(createOfflineProvider(agents)), id, { number: 1, max: 1 });
    expect(await world.t.db.contentItem.count({ where: { agentTaskId: id } })).toBe(2);
  });
});

describe("the reviewer's revision", () => {
  it("sends the named step back once with the findings, then reviews again", async () => {
    const id = await newTask({ ...baseRequest, parts: ["lesson"], standards: [] });
    const respond = offlineResponder(agents);
    let reviews = 0;
    fake.setDefault({
      respond: (body) => {
        const name = (body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema
          ?.name;
        if (name === "review" && reviews++ === 0) {
          return {
            verdict: "revise",
            summary: "The lesson asks students for their home address.",
            findings: [
              { severity: "blocker", category: "privacy", part: "lesson", message: "Asks for a home address" },
            ],
            revise: { agent: "content", instructions: "Remove the request for a home address." },
          };
        }
        return respond(body);
      },
    });
    const provider = createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url });
    const progress: number[] = [];
    const publisher = { publish: (e: { progress: number }) => void progress.push(e.progress) };
    expect(await processTask(deps(provider, { publisher }), id, { number: 1, max: 1 })).toBe("completed");
    const steps = (await executions(id)).map((e) => e.step);
    expect(steps).toEqual(["supervisor", "content", "review", "content.revision", "review.final"]);
    // The plan grew by two steps, yet the progress bar never went backwards.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
    const revisionRequest = fake.requests.find((r) =>
      JSON.stringify(r).includes("Remove the request for a home address"),
    );
    expect(revisionRequest).toBeDefined();
    const result = (await task(id)).result as { review: { revised: string[] } };
    expect(result.review.revised).toEqual(["content"]);
  });
});

describe("cancelling", () => {
  it("stops a running task within a poll interval and records it CANCELLED", async () => {
    const id = await newTask({ ...baseRequest, parts: ["lesson"], standards: [] });
    fake.setDefault({ hang: true });
    const provider = createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url });
    const running = processTask(deps(provider), id, { number: 1, max: 3 });
    await new Promise((r) => setTimeout(r, 200));
    await world.t.db.agentTask.update({ where: { id }, data: { cancelRequested: true } });
    expect(await running).toBe("cancelled");
    expect((await task(id)).status).toBe("CANCELLED");
    expect((await executions(id)).map((e) => e.status)).toEqual(["CANCELLED"]);
  });

  it("skips a task cancelled before a worker took it", async () => {
    const id = await newTask();
    await world.t.db.agentTask.update({ where: { id }, data: { status: "CANCELLED", cancelRequested: true } });
    expect(await processTask(deps(createOfflineProvider(agents)), id, { number: 1, max: 1 })).toBe("skipped");
    expect(await executions(id)).toHaveLength(0);
  });
});

describe("tenancy", () => {
  /** Runs a lesson-only task of `owner` to completion and returns its executions and content items. */
  async function runFor(owner: typeof world.teacher) {
    const id = await newTask({ ...baseRequest, parts: ["lesson"], standards: [] }, { owner });
    expect(await processTask(deps(createOfflineProvider(agents)), id, { number: 1, max: 1 })).toBe("completed");
    const runs = await executions(id);
    const items = await world.t.db.contentItem.findMany({ where: { agentTaskId: id } });
    return { id, runs, items };
  }

  it("writes every execution and content item in the task's organization", async () => {
    const other = await world.newOrganization("tenancy-other");
    for (const owner of [world.teacher, other]) {
      const { id, runs, items } = await runFor(owner);
      expect(runs.map((e) => e.step)).toEqual(["supervisor", "content", "review"]);
      for (const e of runs) expect(e.organizationId).toBe(owner.organizationId);
      expect(items).toHaveLength(1);
      for (const item of items) expect(item.organizationId).toBe(owner.organizationId);
      // The organization's scoped view sees all of them; the other organization's sees none.
      const scoped = scopeToOrganization(world.t.db, owner.organizationId);
      expect(await scoped.agentExecution.count({ where: { taskId: id } })).toBe(runs.length);
      const stranger = owner === other ? world.teacher : other;
      const outside = scopeToOrganization(world.t.db, stranger.organizationId);
      expect(await outside.agentExecution.count({ where: { taskId: id } })).toBe(0);
      expect(await outside.contentItem.count({ where: { agentTaskId: id } })).toBe(0);
    }
  });
});

describe("isTransientDatabaseError", () => {
  it("retries lost connections, pool timeouts and write conflicts, not other database errors", () => {
    for (const code of ["P1001", "P1017", "P2024", "P2034"]) expect(isTransientDatabaseError({ code })).toBe(true);
    expect(isTransientDatabaseError({ code: "P2002" })).toBe(false);
    expect(isTransientDatabaseError(new Error("boom"))).toBe(false);
  });
});
