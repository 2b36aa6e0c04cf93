// `aiAdmin`: the AI page's usage, task console and worker breakers, through the server-side
// caller on a real database; and the AI controls as `agents.generate` enforces them.
import type { Role } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const request = { topic: "Photosynthesis", subject: "Science", gradeLevel: "7", parts: ["lesson"] };

const as = async (org: "a" | "b", role: Role) => w.caller(await w.actor(org, role));

let counter = 0;
/** A task of `createdById`'s written straight to the table, optionally with one model call's tokens today. */
async function taskRow(
  org: "a" | "b",
  status: "QUEUED" | "PROCESSING" | "RETRYING" | "FAILED" | "COMPLETED" | "CANCELLED",
  options: { createdById?: string; tokens?: number } = {},
) {
  counter += 1;
  const task = await w.t.db.agentTask.create({
    data: {
      organizationId: w.orgs[org],
      createdById: options.createdById ?? w.users[org].TEACHER.id,
      request: { ...request, topic: `Topic ${counter}` },
      status,
      provider: "offline",
      model: "offline-drafts-v1",
      ...(status === "FAILED" ? { error: "The content step failed: the model timed out", finishedAt: new Date() } : {}),
    },
  });
  if (options.tokens) {
    await w.t.db.agentExecution.create({
      data: {
        organizationId: w.orgs[org],
        taskId: task.id,
        step: "supervisor",
        agent: "supervisor",
        status: "SUCCEEDED",
        input: {},
        provider: "offline",
        model: "offline-drafts-v1",
        promptTokens: Math.floor(options.tokens / 2),
        completionTokens: options.tokens - Math.floor(options.tokens / 2),
        calls: 1,
      },
    });
  }
  return task;
}

async function clear() {
  await w.t.db.agentTask.deleteMany({});
  await w.t.db.organization.updateMany({ data: { aiDailyTokenBudget: null, aiGenerateRoles: ["ADMIN", "TEACHER"] } });
}

describe("aiAdmin.usage", () => {
  beforeAll(clear);

  it("shows an admin today's tokens against the budget, per day and per teacher", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiDailyTokenBudget: 10_000 } });
    await taskRow("a", "COMPLETED", { tokens: 3000 });
    await taskRow("a", "COMPLETED", { tokens: 1000, createdById: w.users.a.ADMIN.id });
    await taskRow("b", "COMPLETED", { tokens: 99_000 });
    const usage = await (await as("a", "ADMIN")).aiAdmin.usage({ days: 14 });
    expect(usage.days).toHaveLength(14);
    expect(usage.today.tokens).toBe(4000);
    expect(usage.days.at(-1)?.tokens).toBe(4000);
    expect(usage).toMatchObject({ budget: 10_000, remaining: 6000, exhausted: false });
    expect(usage.generateRoles.sort()).toEqual(["ADMIN", "TEACHER"]);
    expect(usage.teachers.map((t) => [t.name, t.tokens])).toEqual([
      ["TEACHER A", 3000],
      ["ADMIN A", 1000],
    ]);
  });

  it.each(["TEACHER", "STUDENT", "PARENT"] as const)("is refused to a %s", async (role) => {
    expect((await errorOf((await as("a", role)).aiAdmin.usage({ days: 7 }))).code).toBe("FORBIDDEN");
  });

  it("refuses more than 90 days", async () => {
    expect((await errorOf((await as("a", "ADMIN")).aiAdmin.usage({ days: 91 }))).code).toBe("BAD_REQUEST");
  });
});

describe("aiAdmin.tasks", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    await clear();
    const colleague = await w.newActor("a", "TEACHER", "Colleague A");
    ids.queued = (await taskRow("a", "QUEUED")).id;
    ids.retrying = (await taskRow("a", "RETRYING", { createdById: colleague.userId })).id;
    ids.running = (await taskRow("a", "PROCESSING", { tokens: 500 })).id;
    ids.failed = (await taskRow("a", "FAILED", { createdById: colleague.userId })).id;
    ids.completed = (await taskRow("a", "COMPLETED")).id;
    ids.otherOrg = (await taskRow("b", "FAILED")).id;
  });

  it("lists every task of the organization, newest first, with who asked for it and its tokens", async () => {
    const list = await (await as("a", "ADMIN")).aiAdmin.tasks({});
    expect(list.items.map((t) => t.id)).toEqual([ids.completed, ids.failed, ids.running, ids.retrying, ids.queued]);
    const failed = list.items.find((t) => t.id === ids.failed);
    expect(failed).toMatchObject({
      status: "FAILED",
      error: "The content step failed: the model timed out",
      requestedBy: { name: "Colleague A", role: "TEACHER" },
    });
    expect(list.items.find((t) => t.id === ids.running)?.tokens).toBe(500);
    expect(list.counts).toEqual({ all: 5, waiting: 2, running: 1, failed: 1, completed: 1, cancelled: 0 });
  });

  it.each([
    ["waiting", ["retrying", "queued"]],
    ["running", ["running"]],
    ["failed", ["failed"]],
    ["cancelled", []],
  ] as const)("filters the %s tasks", async (status, expected) => {
    const list = await (await as("a", "ADMIN")).aiAdmin.tasks({ status });
    expect(list.items.map((t) => t.id)).toEqual(expected.map((k) => ids[k]));
  });

  it("pages with a cursor", async () => {
    const caller = await as("a", "ADMIN");
    const first = await caller.aiAdmin.tasks({ limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await caller.aiAdmin.tasks({ limit: 3, cursor: first.nextCursor });
    expect(second.items.map((t) => t.id)).toEqual([ids.retrying, ids.queued]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows another organization's admin only their own tasks", async () => {
    const list = await (await as("b", "ADMIN")).aiAdmin.tasks({});
    expect(list.items.map((t) => t.id)).toEqual([ids.otherOrg]);
  });

  it("is refused to a teacher, even for their own tasks", async () => {
    expect((await errorOf((await as("a", "TEACHER")).aiAdmin.tasks({}))).code).toBe("FORBIDDEN");
  });

  it("lets the admin retry a teacher's failed task and cancel a teacher's waiting one (agents.retry, agents.cancel)", async () => {
    const admin = await as("a", "ADMIN");
    const cancelled = await admin.agents.cancel({ taskId: ids.queued as string });
    expect(cancelled.status).toBe("CANCELLED");
    const retried = await admin.agents.retry({ taskId: ids.failed as string });
    expect(retried.status).toBe("QUEUED");
    expect(retried.error).toBeNull();
    // Acting on someone else's task is an admin action: both are on the audit trail.
    const audited = await w.t.db.auditLog.findMany({
      where: { organizationId: w.orgs.a, actorId: w.users.a.ADMIN.id, targetType: "AgentTask" },
      select: { action: true, targetId: true },
    });
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: "ai.task_cancelled", targetId: ids.queued },
        { action: "ai.task_retried", targetId: ids.failed },
      ]),
    );
  });

  it("does not let another organization's admin retry or cancel the tasks", async () => {
    const other = await as("b", "ADMIN");
    expect((await errorOf(other.agents.cancel({ taskId: ids.retrying as string }))).code).toBe("NOT_FOUND");
    const failed = await taskRow("a", "FAILED");
    expect((await errorOf(other.agents.retry({ taskId: failed.id }))).code).toBe("NOT_FOUND");
  });
});

describe("aiAdmin.breakers", () => {
  it("shows each process that runs tasks, with its host, breaker state and when it last reported", async () => {
    const before = Date.now() - 60_000;
    const breakers = await (await as("a", "ADMIN")).aiAdmin.breakers();
    expect(breakers.queue).toBe("in-process");
    expect(breakers.breaker).toBe("closed");
    expect(breakers.processes).toHaveLength(1);
    const [p] = breakers.processes ?? [];
    expect(p).toMatchObject({ role: "web", breaker: "closed", pid: String(process.pid) });
    expect(p?.name).toBe(`web:${p?.host}:${process.pid}`);
    expect(p?.lastSeenAt?.getTime()).toBeGreaterThan(before);
  });

  it("is refused to a teacher", async () => {
    expect((await errorOf((await as("a", "TEACHER")).aiAdmin.breakers())).code).toBe("FORBIDDEN");
  });
});

describe("the AI controls through agents.generate", () => {
  beforeAll(clear);

  it("answers TOO_MANY_REQUESTS with the budget's message once today's tokens reach it", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiDailyTokenBudget: 2000 } });
    await taskRow("a", "COMPLETED", { tokens: 2000 });
    const error = await errorOf((await as("a", "TEACHER")).agents.generate(request as never));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/daily AI budget of 2,000 tokens is used up.*resets at midnight UTC/);
    const usage = await (await as("a", "ADMIN")).aiAdmin.usage({ days: 1 });
    expect(usage).toMatchObject({ exhausted: true, remaining: 0 });
  });

  it("answers FORBIDDEN with a clear message to a role the organization switched off", async () => {
    await clear();
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiGenerateRoles: ["ADMIN"] } });
    const error = await errorOf((await as("a", "TEACHER")).agents.generate(request as never));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe(
      "Your organization has turned off AI generation for teachers. An admin can allow it in Settings.",
    );
  });
});
