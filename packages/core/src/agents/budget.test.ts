// The AI controls: the daily token budget refuses new generations and stops the tasks already
// queued or running at their next model call, with one clear message; the role switch refuses
// generation to the roles the organization turned it off for. On a real database, with the
// offline model and the real `openai` SDK against the local fake OpenAI server.
import { type AgentRuntime, agents, createAgentRuntime, noopPublisher } from "@toolboxai/agents";
import { type FakeOpenAI, offlineResponder, startFakeOpenAI } from "@toolboxai/agents/testing";
import { type GenerateRequest, generateRequestSchema } from "@toolboxai/validators";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { aiBudgetGate, budgetExhaustedMessage } from "./budget";
import { materializeDrafts } from "./drafts";
import { generateTask, retryTask } from "./tasks";

let w: DomainWorld;
let fake: FakeOpenAI;
beforeAll(async () => {
  w = await createDomainWorld();
  fake = await startFakeOpenAI();
  fake.setDefault({ respond: offlineResponder(agents) });
});
afterAll(async () => {
  await fake?.close();
  await w?.t.close();
});

const request: GenerateRequest = generateRequestSchema.parse({
  topic: "Photosynthesis",
  subject: "Science",
  gradeLevel: "7",
  parts: ["lesson"],
});

const nextMidnight = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
};

async function setBudget(org: "a" | "b", aiDailyTokenBudget: number | null) {
  await w.t.db.organization.update({ where: { id: w.orgs[org] }, data: { aiDailyTokenBudget } });
}

/** Spends `tokens` today in `org`, on a finished task of its teacher's. */
async function spend(org: "a" | "b", tokens: number, at = new Date()) {
  const task = await w.t.db.agentTask.create({
    data: {
      organizationId: w.orgs[org],
      createdById: w.users[org].TEACHER.id,
      request,
      status: "COMPLETED",
      provider: "offline",
      model: "offline-drafts-v1",
    },
  });
  await w.t.db.agentExecution.create({
    data: {
      organizationId: w.orgs[org],
      taskId: task.id,
      step: "content",
      agent: "content",
      status: "SUCCEEDED",
      input: {},
      provider: "offline",
      model: "offline-drafts-v1",
      promptTokens: Math.floor(tokens / 2),
      completionTokens: tokens - Math.floor(tokens / 2),
      calls: 1,
      startedAt: at,
    },
  });
}

async function resetSpending() {
  await w.t.db.agentExecution.deleteMany({});
  await setBudget("a", null);
  await setBudget("b", null);
}

/** A runtime that asks the budget before each model call: offline, or the SDK against the fake. */
function runtimeWithBudget(model: "offline" | "openai"): AgentRuntime {
  return createAgentRuntime({
    db: w.t.db,
    config: {
      openai: model === "openai" ? { apiKey: "test", baseURL: fake.url, model: "fake-model" } : { model: "test" },
      concurrency: 2,
      attempts: 3,
      timeoutMs: 5_000,
      backoffMs: 20,
    },
    materialize: materializeDrafts,
    publisher: noopPublisher,
    budget: aiBudgetGate(w.t.db),
  });
}

async function finished(taskId: string) {
  for (let i = 0; i < 200; i += 1) {
    const row = await w.t.db.agentTask.findUniqueOrThrow({ where: { id: taskId } });
    if (row.status === "COMPLETED" || row.status === "FAILED" || row.status === "CANCELLED") return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the task did not finish");
}

describe("the daily token budget, when asking for a generation", () => {
  afterEach(resetSpending);

  it("refuses a generation once today's tokens reach the budget, saying when it resets", async () => {
    await setBudget("a", 5000);
    await spend("a", 5000);
    const teacher = await w.actor("a", "TEACHER");
    const error = await domainErrorOf(generateTask(w.svc(teacher), request, w.agents()));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe(budgetExhaustedMessage(5000, nextMidnight()));
    expect(error.message).toContain("daily AI budget of 5,000 tokens is used up");
    expect(error.message).toContain(`resets at midnight UTC (${nextMidnight().toISOString().slice(0, 10)} 00:00 UTC)`);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(await w.t.db.agentTask.count({ where: { status: "QUEUED" } })).toBe(0);
  });

  it("puts the refusal on the audit trail, with the budget and what was used", async () => {
    await setBudget("a", 5000);
    await spend("a", 6000);
    const teacher = await w.actor("a", "TEACHER");
    await domainErrorOf(generateTask(w.svc(teacher), request, w.agents()));
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { organizationId: w.orgs.a, action: "ai.generation_refused" },
      orderBy: { createdAt: "desc" },
    });
    expect(row).toMatchObject({ actorId: teacher.userId, metadata: { reason: "budget", budget: 5000, used: 6000 } });
  });

  it("counts the assistants' replies: a teacher's chat tokens use up the budget too", async () => {
    await setBudget("a", 5000);
    await spend("a", 3000);
    const conversation = await w.t.db.conversation.create({
      data: { organizationId: w.orgs.a, userId: w.users.a.TEACHER.id, kind: "TEACHER", title: "Planning" },
    });
    await w.t.db.conversationMessage.create({
      data: {
        organizationId: w.orgs.a,
        conversationId: conversation.id,
        role: "ASSISTANT",
        content: "Here is a plan.",
        promptTokens: 1500,
        completionTokens: 500,
      },
    });
    const error = await domainErrorOf(generateTask(w.svc(await w.actor("a", "TEACHER")), request, w.agents()));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    await w.t.db.conversation.delete({ where: { id: conversation.id } });
  });

  it("allows a generation while today's tokens are under the budget", async () => {
    await setBudget("a", 5000);
    await spend("a", 4999);
    const runtime = runtimeWithBudget("offline");
    const task = await generateTask(w.svc(await w.actor("a", "TEACHER")), request, runtime);
    expect(task.status).toBe("QUEUED");
    await finished(task.id);
    await runtime.close();
  });

  it("counts only today's (UTC) tokens: yesterday's do not use up today's budget", async () => {
    await setBudget("a", 5000);
    await spend("a", 50_000, new Date(Date.now() - 86_400_000 - 60_000));
    const runtime = runtimeWithBudget("offline");
    const task = await generateTask(w.svc(await w.actor("a", "TEACHER")), request, runtime);
    expect(task.status).toBe("QUEUED");
    await finished(task.id);
    await runtime.close();
  });

  it("has no limit without a budget", async () => {
    await spend("a", 10_000_000);
    const runtime = runtimeWithBudget("offline");
    const task = await generateTask(w.svc(await w.actor("a", "TEACHER")), request, runtime);
    expect((await finished(task.id)).status).toBe("COMPLETED");
    await runtime.close();
  });

  it("is the organization's own: another organization's spending does not count", async () => {
    await setBudget("a", 5000);
    await spend("b", 100_000);
    const task = await generateTask(w.svc(await w.actor("a", "TEACHER")), request, w.agents());
    expect(task.status).toBe("QUEUED");
    await finished(task.id);
  });

  it("refuses a retry once the budget is used up", async () => {
    const failed = await w.t.db.agentTask.create({
      data: {
        organizationId: w.orgs.a,
        createdById: w.users.a.TEACHER.id,
        request,
        status: "FAILED",
        provider: "offline",
        model: "offline-drafts-v1",
      },
    });
    await setBudget("a", 1000);
    await spend("a", 1000);
    const error = await domainErrorOf(retryTask(w.svc(await w.actor("a", "ADMIN")), { taskId: failed.id }, w.agents()));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toContain("daily AI budget");
    expect((await w.t.db.agentTask.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("FAILED");
  });
});

describe.each(["offline", "openai"] as const)(
  "the daily token budget, for tasks already queued (%s model)",
  (model) => {
    let runtime: AgentRuntime;
    beforeAll(() => {
      runtime = runtimeWithBudget(model);
    });
    afterAll(() => runtime.close());
    afterEach(async () => {
      await resetSpending();
      fake.reset();
      fake.setDefault({ respond: offlineResponder(agents) });
    });

    it("fails a queued task at its first model call once the budget is used up, with the budget's message", async () => {
      // Queued while there was budget left; another task used it up before this one started.
      const queued = await w.t.db.agentTask.create({
        data: {
          organizationId: w.orgs.a,
          createdById: w.users.a.TEACHER.id,
          request,
          provider: model,
          model: "test",
        },
      });
      await setBudget("a", 2000);
      await spend("a", 2500);
      fake.reset();
      await runtime.queue.enqueue(queued.id);
      const row = await finished(queued.id);
      expect(row.status).toBe("FAILED");
      expect(row.error).toBe(budgetExhaustedMessage(2000, nextMidnight()));
      // Refused before any call: no model request, no step run.
      expect(fake.requests).toHaveLength(0);
      expect(await w.t.db.agentExecution.count({ where: { taskId: queued.id } })).toBe(0);
      // A budget refusal is final for the day: it is not retried.
      expect(row.attempts).toBe(1);
    });

    it("stops a running task at its next model call when its own calls use up the budget", async () => {
      // One token: the supervisor's call (the first) goes through, then the budget is used up.
      await setBudget("a", 1);
      fake.reset();
      fake.setDefault({ respond: offlineResponder(agents) });
      const task = await generateTask(w.svc(await w.actor("a", "TEACHER")), request, runtime);
      const row = await finished(task.id);
      expect(row.status).toBe("FAILED");
      expect(row.error).toBe(budgetExhaustedMessage(1, nextMidnight()));
      const runs = await w.t.db.agentExecution.findMany({ where: { taskId: task.id }, orderBy: { startedAt: "asc" } });
      expect(runs.map((r) => [r.step, r.status])).toEqual([["supervisor", "SUCCEEDED"]]);
      if (model === "openai") expect(fake.requests).toHaveLength(1);
      expect(await w.t.db.contentItem.count({ where: { agentTaskId: task.id } })).toBe(0);
    });
  },
);

describe("who may generate (the organization's role switch)", () => {
  afterEach(async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiGenerateRoles: ["ADMIN", "TEACHER"] } });
  });

  it("refuses a teacher's generation when teachers are switched off, saying an admin can allow it", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiGenerateRoles: ["ADMIN"] } });
    const error = await domainErrorOf(generateTask(w.svc(await w.actor("a", "TEACHER")), request, w.agents()));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe(
      "Your organization has turned off AI generation for teachers. An admin can allow it in Settings.",
    );
    const audited = await w.t.db.auditLog.findFirstOrThrow({
      where: { organizationId: w.orgs.a, action: "ai.generation_refused", actorId: w.users.a.TEACHER.id },
      orderBy: { createdAt: "desc" },
    });
    expect(audited.metadata).toMatchObject({ reason: "role", role: "TEACHER" });
  });

  it("still lets the roles left on generate", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiGenerateRoles: ["ADMIN"] } });
    const task = await generateTask(w.svc(await w.actor("a", "ADMIN")), request, w.agents());
    expect(task.status).toBe("QUEUED");
    await finished(task.id);
  });

  it("refuses an admin when only teachers may generate", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiGenerateRoles: ["TEACHER"] } });
    const error = await domainErrorOf(generateTask(w.svc(await w.actor("a", "ADMIN")), request, w.agents()));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toContain("turned off AI generation for admins");
  });

  it("is per organization: switching teachers off in one leaves another's teachers generating", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiGenerateRoles: ["ADMIN"] } });
    const task = await generateTask(w.svc(await w.actor("b", "TEACHER")), request, w.agents());
    expect(task.status).toBe("QUEUED");
    await finished(task.id);
  });
});
