import { robloxEnvironmentSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const request = {
  topic: "Photosynthesis",
  subject: "Life Science",
  gradeLevel: "7" as const,
  durationMinutes: 40,
  parts: ["lesson", "quiz", "environment"] as ("lesson" | "quiz" | "environment")[],
  standards: ["MS-LS1-6"],
  questionCount: 5,
};

async function teacher() {
  return w.caller(await w.actor("a", "TEACHER"));
}

/** A lesson-only task of the organization's teacher, written straight to the table in `status`. */
function lessonTaskRow(status: "QUEUED" | "PROCESSING") {
  return w.scoped("a").agentTask.create({
    data: {
      organizationId: w.orgs.a,
      createdById: w.users.a.TEACHER.id,
      request: { ...request, parts: ["lesson"], standards: [] },
      status,
      provider: "offline",
      model: "offline-drafts-v1",
    },
  });
}

/** Polls the task as its teacher sees it until it has finished. */
async function finished(taskId: string) {
  const caller = await teacher();
  for (let i = 0; i < 600; i++) {
    const task = await caller.agents.get({ taskId });
    if (["COMPLETED", "FAILED", "CANCELLED"].includes(task.status)) return task;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the task did not finish");
}

describe("agents.generate with the offline model", () => {
  let taskId: string;
  let task: Awaited<ReturnType<typeof finished>>;
  beforeAll(async () => {
    const queued = await (await teacher()).agents.generate(request);
    taskId = queued.id;
    task = await finished(taskId);
  });

  it("queues the request as a task labelled with the offline provider", async () => {
    expect(task.provider).toBe("offline");
    expect(task.topic).toBe("Photosynthesis");
  });

  it("completes at 100% with every planned step recorded once and succeeded", () => {
    expect(task.status).toBe("COMPLETED");
    expect(task.progress).toBe(100);
    const planned = task.plan.map((s) => s.step);
    expect(planned.slice(0, 6)).toEqual(["supervisor", "content", "quiz", "terrain", "script", "standards"]);
    expect(planned).toContain("review");
    expect(task.executions.map((e) => e.step).sort()).toEqual([...planned].sort());
    for (const e of task.executions) {
      expect(e.status).toBe("SUCCEEDED");
      expect(e.provider).toBe("offline");
      expect(e.durationMs).not.toBeNull();
    }
  });

  it("creates a GENERATED lesson, quiz and environment linked to the task", async () => {
    const caller = await teacher();
    const items = task.result?.items ?? [];
    expect(items.map((i) => i.type)).toEqual(["LESSON", "QUIZ", "ENVIRONMENT"]);
    for (const item of items) {
      const content = await caller.content.get({ contentId: item.contentId });
      expect(content.status).toBe("GENERATED");
      expect(content.generated).toBe(true);
      expect(content.subject).toBe("Life Science");
    }
  });

  it("names the model that drafted each item, in the item and in the library", async () => {
    const caller = await teacher();
    const list = await caller.content.list({});
    for (const item of task.result?.items ?? []) {
      const content = await caller.content.get({ contentId: item.contentId });
      expect(content.generatedBy).toEqual({ provider: "offline", model: "offline-drafts-v1" });
      expect(list.items.find((i) => i.id === item.contentId)?.generatedBy).toEqual(content.generatedBy);
    }
    const written = await caller.content.create({
      type: "LESSON",
      title: "Written by hand",
      subject: "Science",
      gradeLevel: "7",
      body: { sections: [{ id: "s1", heading: "One", markdown: "Text", media: [] }] },
    });
    expect(written.generatedBy).toBeNull();
  });

  it("puts the quiz's questions, with valid answer keys, in the teacher's bank", async () => {
    const quiz = task.result?.items.find((i) => i.part === "quiz");
    expect(quiz?.answerKeyCheck).toEqual({ checked: 5, valid: 5, problems: [] });
    const questions = await (await teacher()).questions.quizQuestions({ quizId: quiz?.contentId ?? "" });
    expect(questions).toHaveLength(5);
  });

  it("stores a Roblox environment whose scripts all parse", async () => {
    const env = task.result?.items.find((i) => i.part === "environment");
    expect(env?.scriptCheck?.parsed).toBe(env?.scriptCheck?.checked);
    const content = await (await teacher()).content.get({ contentId: env?.contentId ?? "" });
    expect(robloxEnvironmentSchema.safeParse(content.body).success).toBe(true);
  });

  it("shows the evidence: reviewer verdict and the standards each item claims", () => {
    expect(task.result?.review?.verdict).toBeDefined();
    const lesson = task.result?.items.find((i) => i.part === "lesson");
    expect(lesson?.standards.map((s) => s.code)).toContain("MS-LS1-6");
  });

  it("keeps generated drafts from other teachers until published", async () => {
    const caller = w.caller(await w.newActor("a", "TEACHER", "Second Teacher"));
    const list = await caller.content.list({});
    const ids = new Set(list.items.map((i) => i.id));
    for (const item of task.result?.items ?? []) expect(ids.has(item.contentId)).toBe(false);
  });

  it("lists the task among the teacher's tasks, newest first", async () => {
    const list = await (await teacher()).agents.list({});
    expect(list.items[0]?.id).toBe(taskId);
  });

  it("hides a teacher's task from another organization", async () => {
    const outsider = w.caller(await w.actor("b", "ADMIN"));
    expect((await errorOf(outsider.agents.get({ taskId }))).code).toBe("NOT_FOUND");
  });
});

describe("agents.cancel and agents.retry", () => {
  it("refuses to cancel a finished task", async () => {
    const caller = await teacher();
    const queued = await caller.agents.generate({ ...request, parts: ["lesson"], standards: [] });
    await finished(queued.id);
    expect((await errorOf(caller.agents.cancel({ taskId: queued.id }))).code).toBe("BAD_REQUEST");
  });

  it("cancels a waiting task at once, and a retry runs it to completion", async () => {
    const caller = await teacher();
    const row = await lessonTaskRow("QUEUED");
    const cancelled = await caller.agents.cancel({ taskId: row.id });
    expect(cancelled.status).toBe("CANCELLED");
    const retried = await caller.agents.retry({ taskId: row.id });
    expect(retried.status).toBe("QUEUED");
    expect((await finished(row.id)).status).toBe("COMPLETED");
  });

  it("asks a running task to stop, leaving its worker to record it CANCELLED", async () => {
    const caller = await teacher();
    const row = await lessonTaskRow("PROCESSING");
    const answer = await caller.agents.cancel({ taskId: row.id });
    expect(answer.status).toBe("PROCESSING");
    const stored = await w.t.db.agentTask.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.cancelRequested).toBe(true);
  });

  it("refuses to retry a task that has not failed or been cancelled", async () => {
    const caller = await teacher();
    const queued = await caller.agents.generate({ ...request, parts: ["lesson"], standards: [] });
    await finished(queued.id);
    expect((await errorOf(caller.agents.retry({ taskId: queued.id }))).code).toBe("BAD_REQUEST");
  });
});

describe("agents.generate validation", () => {
  it("answers field errors for a request with no parts and a too-short topic", async () => {
    const error = await errorOf((await teacher()).agents.generate({ ...request, topic: "x", parts: [] }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("agents.status", () => {
  it("reports the offline model, the in-process queue and a closed breaker", async () => {
    const status = await (await teacher()).agents.status();
    expect(status).toMatchObject({ provider: "offline", offline: true, queue: "in-process", breaker: "closed" });
  });
});

describe("saving a task's drafts", () => {
  it("creates one item per part even when two workers save the same task at once", async () => {
    const { agents } = await import("@toolboxai/agents");
    const { materializeDrafts } = await import("@toolboxai/core");
    const { generateRequestSchema } = await import("@toolboxai/validators");
    const req = generateRequestSchema.parse({ ...request, parts: ["lesson", "environment"], standards: [] });
    const outline = agents.supervisor.offline({ request: req });
    const terrain = agents.terrain.offline({ request: req, outline, quiz: null, revision: null });
    const drafts = {
      request: req,
      outline,
      lesson: agents.content.offline({ request: req, outline, revision: null }),
      quiz: null,
      terrain,
      scripts: agents.script.offline({ request: req, terrain, revision: null }),
      standards: null,
      review: null,
      sourceSteps: {},
      revised: [],
    } as Parameters<typeof materializeDrafts>[0]["drafts"];
    const row = await w.scoped("a").agentTask.create({
      data: {
        organizationId: w.orgs.a,
        createdById: w.users.a.TEACHER.id,
        request: req,
        status: "PROCESSING",
        provider: "offline",
        model: "offline-drafts-v1",
      },
    });
    const task = { id: row.id, organizationId: w.orgs.a, createdById: w.users.a.TEACHER.id };
    const [first, second] = await Promise.all([
      materializeDrafts({ db: w.scoped("a"), task, drafts }),
      materializeDrafts({ db: w.scoped("a"), task, drafts }),
    ]);
    expect(first.map((i) => i.contentId)).toEqual(second.map((i) => i.contentId));
    expect(await w.t.db.contentItem.count({ where: { agentTaskId: row.id } })).toBe(2);
  });
});

describe("agents.standardsCatalog", () => {
  it("offers the built-in NGSS and Common Core standards, each with its subject, grades and description", async () => {
    const { standards } = await (await teacher()).agents.standardsCatalog();
    expect(standards.length).toBeGreaterThanOrEqual(30);
    expect(new Set(standards.map((s) => s.subject))).toEqual(new Set(["Science", "Math", "ELA"]));
    expect(standards.find((s) => s.code === "MS-LS1-6")).toMatchObject({
      subject: "Science",
      grades: ["6", "7", "8"],
      description: expect.stringContaining("photosynthesis"),
    });
  });

  it("lists every code once, in the upper case a generate request stores", async () => {
    const codes = (await (await teacher()).agents.standardsCatalog()).standards.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toBe(code.toUpperCase());
  });

  it("offers codes a generate request accepts, which the drafts are then aligned to", async () => {
    const caller = await teacher();
    const { standards } = await caller.agents.standardsCatalog();
    const picked = standards.find((s) => s.code === "MS-LS2-3")?.code ?? "";
    const queued = await caller.agents.generate({ ...request, parts: ["lesson"], standards: [picked] });
    const task = await finished(queued.id);
    expect(task.status).toBe("COMPLETED");
    const lesson = task.result?.items.find((i) => i.part === "lesson");
    expect(lesson?.standards.map((s) => s.code)).toEqual(["MS-LS2-3"]);
  });
});
