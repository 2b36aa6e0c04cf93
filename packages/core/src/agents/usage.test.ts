// The organization's model usage: calls and tokens per UTC day and per person who asked for the
// tasks, and today's tokens against the daily budget; on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { createDomainWorld, type DomainWorld } from "../testing";
import { aiUsage } from "./usage";

let w: DomainWorld;
let admin: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  admin = await w.actor("a", "ADMIN");
});
afterAll(() => w.t.close());

let counter = 0;
/** A task of `userId`'s with one execution per entry, each started at `at` with its tokens and calls. */
async function taskWithCalls(
  org: "a" | "b",
  userId: string,
  steps: { at: string; prompt: number; completion: number; calls?: number }[],
) {
  counter += 1;
  const task = await w.t.db.agentTask.create({
    data: {
      organizationId: w.orgs[org],
      createdById: userId,
      request: { topic: `Topic ${counter}`, subject: "Science", gradeLevel: "7", parts: ["lesson"] },
      status: "COMPLETED",
      provider: "offline",
      model: "offline-drafts-v1",
    },
  });
  for (const [i, s] of steps.entries()) {
    await w.t.db.agentExecution.create({
      data: {
        organizationId: w.orgs[org],
        taskId: task.id,
        step: `step-${i}`,
        agent: "content",
        status: "SUCCEEDED",
        input: {},
        provider: "offline",
        model: "offline-drafts-v1",
        promptTokens: s.prompt,
        completionTokens: s.completion,
        calls: s.calls ?? 1,
        startedAt: new Date(s.at),
      },
    });
  }
  return task.id;
}

describe("AI usage", () => {
  const now = new Date("2031-03-10T15:00:00Z");

  beforeAll(async () => {
    const teacher = w.users.a.TEACHER.id;
    const colleague = (await w.newActor("a", "TEACHER", "Colleague A")).userId;
    await taskWithCalls("a", teacher, [
      { at: "2031-03-09T23:59:59Z", prompt: 100, completion: 50, calls: 2 },
      { at: "2031-03-10T00:00:00Z", prompt: 200, completion: 100 },
    ]);
    await taskWithCalls("a", colleague, [{ at: "2031-03-10T09:00:00Z", prompt: 1000, completion: 500, calls: 3 }]);
    // Outside the window, and another organization's.
    await taskWithCalls("a", teacher, [{ at: "2031-02-01T09:00:00Z", prompt: 9999, completion: 9999 }]);
    await taskWithCalls("b", w.users.b.TEACHER.id, [{ at: "2031-03-10T09:00:00Z", prompt: 7777, completion: 7777 }]);
  });

  it("counts calls and tokens per UTC day, oldest first, with zeros for days without calls", async () => {
    const usage = await aiUsage(w.svc(admin), { days: 7 }, { now });
    expect(usage.days.map((d) => d.day)).toEqual([
      "2031-03-04",
      "2031-03-05",
      "2031-03-06",
      "2031-03-07",
      "2031-03-08",
      "2031-03-09",
      "2031-03-10",
    ]);
    expect(usage.days.at(-2)).toEqual({
      day: "2031-03-09",
      calls: 2,
      promptTokens: 100,
      completionTokens: 50,
      tokens: 150,
    });
    expect(usage.days.at(-1)).toEqual({
      day: "2031-03-10",
      calls: 4,
      promptTokens: 1200,
      completionTokens: 600,
      tokens: 1800,
    });
    expect(usage.days.slice(0, 5).every((d) => d.calls === 0 && d.tokens === 0)).toBe(true);
  });

  it("counts per person who asked for the tasks, most tokens first", async () => {
    const usage = await aiUsage(w.svc(admin), { days: 7 }, { now });
    expect(usage.teachers.map((t) => ({ name: t.name, tasks: t.tasks, calls: t.calls, tokens: t.tokens }))).toEqual([
      { name: "Colleague A", tasks: 1, calls: 3, tokens: 1500 },
      { name: "TEACHER A", tasks: 1, calls: 3, tokens: 450 },
    ]);
    expect(usage.teachers[1]).toMatchObject({ userId: w.users.a.TEACHER.id, email: "teacher@a.test", role: "TEACHER" });
  });

  it("shows today's tokens against the budget and when the count resets", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiDailyTokenBudget: 2000 } });
    const usage = await aiUsage(w.svc(admin), { days: 7 }, { now });
    expect(usage.today.tokens).toBe(1800);
    expect(usage).toMatchObject({ budget: 2000, remaining: 200, exhausted: false });
    expect(usage.resetsAt.toISOString()).toBe("2031-03-11T00:00:00.000Z");

    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiDailyTokenBudget: 1800 } });
    expect(await aiUsage(w.svc(admin), { days: 7 }, { now })).toMatchObject({ remaining: 0, exhausted: true });
  });

  it("has no remaining count without a budget, and lists the roles that may generate", async () => {
    await w.t.db.organization.update({
      where: { id: w.orgs.a },
      data: { aiDailyTokenBudget: null, aiGenerateRoles: ["ADMIN"] },
    });
    const usage = await aiUsage(w.svc(admin), { days: 1 }, { now });
    expect(usage).toMatchObject({ budget: null, remaining: null, exhausted: false, generateRoles: ["ADMIN"] });
    expect(usage.days).toHaveLength(1);
  });

  it("counts only the organization's own calls", async () => {
    const usage = await aiUsage(w.svc(await w.actor("b", "ADMIN")), { days: 7 }, { now });
    expect(usage.today.tokens).toBe(15554);
    expect(usage.teachers.map((t) => t.userId)).toEqual([w.users.b.TEACHER.id]);
  });
});

describe("AI usage of the assistants", () => {
  const now = new Date("2032-05-20T12:00:00Z");

  beforeAll(async () => {
    const student = await w.newActor("a", "STUDENT", "Student Chat");
    const conversation = await w.t.db.conversation.create({
      data: { organizationId: w.orgs.a, userId: student.userId, kind: "TUTOR", title: "Fractions" },
    });
    for (const [at, prompt, completion] of [
      ["2032-05-19T10:00:00Z", 40, 10],
      ["2032-05-20T08:00:00Z", 300, 100],
    ] as const) {
      await w.t.db.conversationMessage.create({
        data: {
          organizationId: w.orgs.a,
          conversationId: conversation.id,
          role: "ASSISTANT",
          content: "A hint.",
          promptTokens: prompt,
          completionTokens: completion,
          createdAt: new Date(at),
        },
      });
    }
  });

  it("counts each reply as a call on the day it was written, for the conversation's owner", async () => {
    const usage = await aiUsage(w.svc(admin), { days: 2 }, { now });
    expect(usage.days).toEqual([
      { day: "2032-05-19", calls: 1, promptTokens: 40, completionTokens: 10, tokens: 50 },
      { day: "2032-05-20", calls: 1, promptTokens: 300, completionTokens: 100, tokens: 400 },
    ]);
    expect(usage.teachers).toEqual([
      expect.objectContaining({ name: "Student Chat", role: "STUDENT", tasks: 0, calls: 2, tokens: 450 }),
    ]);
  });
});
