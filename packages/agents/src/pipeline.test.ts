// The pipeline, end to end on a real database: the offline model and the real `openai` SDK
// against a local OpenAI-compatible server go through the same tests.
import { scopeToOrganization } from "@toolboxai/db";
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import type { GenerateRequestInput } from "@toolboxai/validators";
import { generateRequestSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agents } from "./agents";
import type { Materializer, PipelineDeps } from "./pipeline";
import { isTransientDatabaseError, processTask } from "./pipeline";
import { createOfflineProvider } from "./providers/offline";
import { createOpenAIProvider } from "./providers/openai";
import { createResilientProvider } from "./resilience";
import { type FakeOpenAI, offlineResponder, startFakeOpenAI } from "./testing/fake-openai";
import type { ModelProvider } from "./types";

let t: TestDatabase;
let fake: FakeOpenAI;
let orgId: string;
let userId: string;

/** Saves each part as a bare content row, once per task and type (the web app's materializer does more). */
const materialize: Materializer = async ({ db, task, drafts }) => {
  const parts = [
    drafts.lesson && { part: "lesson" as const, type: "LESSON" as const, title: drafts.lesson.title },
    drafts.quiz && { part: "quiz" as const, type: "QUIZ" as const, title: drafts.quiz.title },
    drafts.terrain && { part: "environment" as const, type: "ENVIRONMENT" as const, title: drafts.terrain.name },
  ].filter((p) => !!p);
  const items = [];
  for (const p of parts) {
    const existing = await db.contentItem.findFirst({ where: { agentTaskId: task.id, type: p.type } });
    const row =
      existing ??
      (await db.contentItem.create({
        data: {
          organizationId: task.organizationId,
          authorId: task.createdById,
          agentTaskId: task.id,
          type: p.type,
          title: p.title,
          subject: drafts.request.subject,
          gradeLevel: drafts.request.gradeLevel,
          body: {},
          status: "GENERATED",
          generated: true,
        },
      }));
    items.push({ part: p.part, contentId: row.id, type: p.type, title: row.title });
  }
  return items;
};

const baseRequest: GenerateRequestInput = {
  topic: "Photosynthesis",
  subject: "Life Science",
  gradeLevel: "7",
  parts: ["lesson", "quiz", "environment"],
  standards: ["MS-LS1-6"],
  questionCount: 4,
};

async function newTask(request: GenerateRequestInput = baseRequest, provider = "test") {
  const row = await t.db.agentTask.create({
    data: {
      organizationId: orgId,
      createdById: userId,
      request: generateRequestSchema.parse(request),
      provider,
      model: "test",
    },
  });
  return row.id;
}

function deps(provider: ModelProvider, extra: Partial<PipelineDeps> = {}): PipelineDeps {
  return { db: t.db, provider, materialize, publisher: { publish() {} }, cancelPollMs: 50, ...extra };
}

const task = (id: string) => t.db.agentTask.findUniqueOrThrow({ where: { id } });
const executions = (id: string) =>
  t.db.agentExecution.findMany({ where: { taskId: id }, orderBy: { startedAt: "asc" } });

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await startFakeOpenAI();
  const org = await t.db.organization.create({ data: { name: "Pipeline School", slug: "pipeline" } });
  orgId = org.id;
  const user = await t.db.user.create({
    data: { organizationId: org.id, email: "t@pipeline.test", name: "Teacher", role: "TEACHER", passwordHash: "x" },
  });
  userId = user.id;
});
afterAll(async () => {
  await fake?.close();
  await t?.close();
});
beforeEach(() => {
  fake.setDefault({ respond: offlineResponder(agents) });
});

const providers: [string, () => ModelProvider][] = [
  ["offline", () => createOfflineProvider(agents)],
  [
    "openai (local server)",
    () =>
      createResilientProvider(createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url }), {
        timeoutMs: 2_000,
        baseDelayMs: 10,
        maxDelayMs: 50,
      }),
  ],
];

describe.each(providers)("the pipeline with the %s provider", (name, make) => {
  it("completes a lesson + quiz + environment task with every step recorded once", async () => {
    const id = await newTask(baseRequest, name);
    const outcome = await processTask(deps(make()), id, { number: 1, max: 3 });
    expect(outcome).toBe("completed");
    const row = await task(id);
    expect(row).toMatchObject({ status: "COMPLETED", progress: 100, currentStep: null, attempts: 1 });
    const plan = (row.plan as { step: string }[]).map((s) => s.step);
    const runs = await executions(id);
    expect(runs.map((e) => e.step).sort()).toEqual([...plan].sort());
    expect(runs.every((e) => e.status === "SUCCEEDED" && e.output !== null)).toBe(true);
  });

  it("records the provider, model and token usage of each agent run", async () => {
    const id = await newTask({ ...baseRequest, parts: ["lesson"], standards: [] });
    const provider = make();
    await processTask(deps(provider), id, { number: 1, max: 1 });
    for (const e of await executions(id)) {
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
    await t.db.agentTask.update({ where: { id }, data: { status: "QUEUED" } });
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
    await t.db.agentTask.update({ where: { id }, data: { status: "PROCESSING" } });
    await processTask(deps(createOfflineProvider(agents)), id, { number: 1, max: 1 });
    expect(await t.db.contentItem.count({ where: { agentTaskId: id } })).toBe(2);
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
    await t.db.agentTask.update({ where: { id }, data: { cancelRequested: true } });
    expect(await running).toBe("cancelled");
    expect((await task(id)).status).toBe("CANCELLED");
    expect((await executions(id)).map((e) => e.status)).toEqual(["CANCELLED"]);
  });

  it("skips a task cancelled before a worker took it", async () => {
    const id = await newTask();
    await t.db.agentTask.update({ where: { id }, data: { status: "CANCELLED", cancelRequested: true } });
    expect(await processTask(deps(createOfflineProvider(agents)), id, { number: 1, max: 1 })).toBe("skipped");
    expect(await executions(id)).toHaveLength(0);
  });
});

describe("tenancy", () => {
  it("writes every execution in the task's organization", async () => {
    const id = await newTask({ ...baseRequest, parts: ["lesson"], standards: [] });
    await processTask(deps(createOfflineProvider(agents)), id, { number: 1, max: 1 });
    const scoped = scopeToOrganization(t.db, orgId);
    expect(await scoped.agentExecution.count({ where: { taskId: id } })).toBe(
      await t.db.agentExecution.count({ where: { taskId: id } }),
    );
  });
});

describe("isTransientDatabaseError", () => {
  it("retries lost connections, pool timeouts and write conflicts, not other database errors", () => {
    for (const code of ["P1001", "P1017", "P2024", "P2034"]) expect(isTransientDatabaseError({ code })).toBe(true);
    expect(isTransientDatabaseError({ code: "P2002" })).toBe(false);
    expect(isTransientDatabaseError(new Error("boom"))).toBe(false);
  });
});
