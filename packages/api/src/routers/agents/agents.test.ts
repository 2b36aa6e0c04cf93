import { type ModelProvider, processTask } from "@toolboxai/agents";
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

  it("saves the quiz with its questions and valid answer keys", async () => {
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

describe("a generated quiz's questions", () => {
  /** A finished quiz-only task on `topic` (Earth Science): its quiz and its questions' ids. */
  async function generatedQuiz(topic: string) {
    const caller = await teacher();
    const queued = await caller.agents.generate({
      ...request,
      topic,
      subject: "Earth Science",
      parts: ["quiz"],
      standards: [],
    });
    const done = await finished(queued.id);
    const quizId = done.result?.items.find((i) => i.part === "quiz")?.contentId ?? "";
    const questions = await caller.questions.quizQuestions({ quizId });
    return { caller, quizId, ids: questions.map((q) => q.question.id) };
  }

  /** The ids of every question the teacher's bank lists (optionally with a tag). */
  async function bankIds(caller: Awaited<ReturnType<typeof teacher>>, filter: { tag?: string } = {}) {
    const page = await caller.questions.list({ scope: "mine", pageSize: 100, ...filter });
    return page.items.map((q) => q.id);
  }

  it("stay out of the question bank while the quiz is an unkept draft", async () => {
    const { caller, ids } = await generatedQuiz("Plate tectonics");
    expect(ids).toHaveLength(5);
    const listed = await bankIds(caller);
    for (const id of ids) expect(listed).not.toContain(id);
    expect(await bankIds(caller, { tag: "plate tectonics" })).toEqual([]);
  });

  it("join the bank, tagged with the teacher's topic and subject, when the quiz is published", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Volcanoes");
    await caller.content.publish({ contentId: quizId });
    const page = await caller.questions.list({ scope: "mine", pageSize: 100, tag: "volcanoes" });
    expect(page.items.map((q) => q.id).sort()).toEqual([...ids].sort());
    // The teacher's own words, never an internal id such as gen-<task id>.
    for (const question of page.items) expect(question.tags).toEqual(["volcanoes", "earth science"]);
    expect(await caller.questions.quizQuestions({ quizId })).toHaveLength(5);
  });

  it("join the bank when the teacher copies the draft quiz", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Earthquakes");
    const copy = await caller.content.duplicate({ contentId: quizId });
    expect((await caller.questions.quizQuestions({ quizId: copy.id })).map((q) => q.question.id)).toEqual(ids);
    const listed = await bankIds(caller, { tag: "earthquakes" });
    expect(listed.sort()).toEqual([...ids].sort());
  });

  it("go with the draft when the teacher deletes the generated quiz", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Erosion");
    await caller.content.delete({ contentId: quizId });
    expect(await w.t.db.question.count({ where: { id: { in: ids }, deletedAt: null } })).toBe(0);
    expect(await bankIds(caller, { tag: "erosion" })).toEqual([]);
  });

  it("come back with the generated quiz when it is restored, still out of the bank", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Weathering");
    await caller.content.delete({ contentId: quizId });
    await caller.content.restore({ contentId: quizId });
    expect((await caller.questions.quizQuestions({ quizId })).map((q) => q.question.id)).toEqual(ids);
    expect(await bankIds(caller, { tag: "weathering" })).toEqual([]);
  });

  it("can't be put in another quiz by id, so discarding the draft never empties a published quiz", async () => {
    const { caller, ids } = await generatedQuiz("Tsunamis");
    const other = await caller.content.create({
      type: "QUIZ",
      title: "My own quiz",
      description: "",
      subject: "Earth Science",
      gradeLevel: "7",
      tags: [],
      body: { instructions: "" },
    });
    const error = await errorOf(caller.questions.setQuizQuestions({ quizId: other.id, questionIds: [ids[0] ?? ""] }));
    expect(error.code).toBe("NOT_FOUND");
    expect(await caller.questions.quizQuestions({ quizId: other.id })).toEqual([]);
  });

  it("can still be reordered in the draft's own quiz", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Sand dunes");
    const reversed = [...ids].reverse();
    const after = await caller.questions.setQuizQuestions({ quizId, questionIds: reversed });
    expect(after.map((q) => q.question.id)).toEqual(reversed);
  });

  it("can't be read by id as bank questions", async () => {
    const { caller, ids } = await generatedQuiz("Caves");
    expect((await errorOf(caller.questions.get({ questionId: ids[0] ?? "" }))).code).toBe("NOT_FOUND");
  });

  it("can't be shared until the draft is kept, and can be once it is", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Deltas");
    const questionId = ids[0] ?? "";
    const refused = await errorOf(caller.questions.share({ questionId, access: "VIEW" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toContain("hasn't been kept yet");
    await caller.content.publish({ contentId: quizId });
    expect((await caller.questions.share({ questionId, access: "VIEW" })).sharedAccess).toBe("VIEW");
  });

  it("come back on restore only as the discard removed them: one the teacher removed earlier stays removed", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Geysers");
    const [removed = "", ...rest] = ids;
    await caller.questions.remove({ questionId: removed });
    await caller.content.delete({ contentId: quizId });
    await caller.content.restore({ contentId: quizId });
    expect((await caller.questions.quizQuestions({ quizId })).map((q) => q.question.id)).toEqual(rest);
    const rows = await w.t.db.question.findMany({ where: { id: { in: ids } }, select: { id: true, deletedAt: true } });
    expect(
      rows
        .filter((r) => r.deletedAt === null)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...rest].sort());
  });

  it("stay the teacher's unkept draft when an admin copies the generated quiz", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Aquifers");
    const admin = w.caller(await w.actor("a", "ADMIN"));
    const copy = await admin.content.duplicate({ contentId: quizId });
    // The admin's copy has its own copies of the questions…
    const copied = (await admin.questions.quizQuestions({ quizId: copy.id })).map((q) => q.question.id);
    expect(copied).toHaveLength(ids.length);
    for (const id of copied) expect(ids).not.toContain(id);
    // …and the teacher's draft questions are still out of the teacher's bank.
    expect(await bankIds(caller, { tag: "aquifers" })).toEqual([]);
    expect(await w.t.db.question.count({ where: { id: { in: ids }, draftTaskId: null } })).toBe(0);
  });

  it("stay in the bank when a quiz already kept is deleted later", async () => {
    const { caller, quizId, ids } = await generatedQuiz("Glaciers");
    await caller.content.publish({ contentId: quizId });
    await caller.content.delete({ contentId: quizId });
    expect((await bankIds(caller, { tag: "glaciers" })).sort()).toEqual([...ids].sort());
  });
});

describe("agents.cancel and agents.retry", () => {
  it("refuses to cancel a finished task as a conflict with its state (409)", async () => {
    const caller = await teacher();
    const queued = await caller.agents.generate({ ...request, parts: ["lesson"], standards: [] });
    await finished(queued.id);
    expect((await errorOf(caller.agents.cancel({ taskId: queued.id }))).code).toBe("CONFLICT");
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
    expect((await errorOf(caller.agents.retry({ taskId: queued.id }))).code).toBe("CONFLICT");
  });
});

describe("cancelling while the last step answers or the drafts are saved", () => {
  /** A quiz-only task row, queued but not handed to any queue: the test runs it itself. */
  async function quietTask() {
    const row = await w.scoped("a").agentTask.create({
      data: {
        organizationId: w.orgs.a,
        createdById: w.users.a.TEACHER.id,
        request: { ...request, topic: "Plate tectonics", parts: ["quiz"], standards: [] },
        provider: "offline",
        model: "offline-drafts-v1",
      },
    });
    return row.id;
  }

  /**
   * The real pipeline and materializer on the offline model, except that `during` runs inside the
   * call of `agent` (before it answers), and the cancel poll is too slow to notice anything.
   */
  function runWith(taskId: string, agent: string, during: () => Promise<void>) {
    const deps = w.agents().deps;
    const provider: ModelProvider = {
      name: deps.provider.name,
      model: deps.provider.model,
      async chat(call) {
        if (call.agent === agent) await during();
        return deps.provider.chat(call);
      },
    };
    return processTask({ ...deps, provider, cache: undefined, cancelPollMs: 60_000 }, taskId, { number: 1, max: 1 });
  }

  const savedDrafts = async (taskId: string) => ({
    items: await w.t.db.contentItem.count({ where: { agentTaskId: taskId } }),
    questions: await w.t.db.question.count({ where: { draftTaskId: taskId } }),
  });

  it("ends Cancelled with no drafts saved when the cancel arrives as the reviewer answers", async () => {
    const taskId = await quietTask();
    const caller = await teacher();
    let answer: string | undefined;
    const outcome = await runWith(taskId, "review", async () => {
      answer = (await caller.agents.cancel({ taskId })).status;
    });
    // The teacher was told it is stopping, and it did stop.
    expect(answer).toBe("PROCESSING");
    expect(outcome).toBe("cancelled");
    expect((await caller.agents.get({ taskId })).status).toBe("CANCELLED");
    expect(await savedDrafts(taskId)).toEqual({ items: 0, questions: 0 });
  });

  it("refuses a cancel once the drafts are being saved, and the task completes with all of them", async () => {
    const taskId = await quietTask();
    const caller = await teacher();
    const deps = w.agents().deps;
    let refusal: Awaited<ReturnType<typeof errorOf>> | undefined;
    const outcome = await processTask(
      {
        ...deps,
        cancelPollMs: 60_000,
        materialize: async (args) => {
          refusal = await errorOf(caller.agents.cancel({ taskId }));
          return deps.materialize(args);
        },
      },
      taskId,
      { number: 1, max: 1 },
    );
    expect(refusal?.code).toBe("CONFLICT");
    expect(refusal?.message).toMatch(/already being saved/);
    expect(outcome).toBe("completed");
    expect((await caller.agents.get({ taskId })).status).toBe("COMPLETED");
    expect((await savedDrafts(taskId)).items).toBe(1);
  });

  it("cancels a task whose save failed and waits to be retried, and then saves nothing", async () => {
    const taskId = await quietTask();
    const caller = await teacher();
    const deps = w.agents().deps;
    const transient = Object.assign(new Error("connection lost"), { code: "P1017" });
    await expect(
      processTask(
        {
          ...deps,
          materialize: async () => {
            throw transient;
          },
        },
        taskId,
        { number: 1, max: 2 },
      ),
    ).rejects.toBe(transient);
    expect((await caller.agents.get({ taskId })).status).toBe("RETRYING");
    await caller.agents.cancel({ taskId });
    expect(await processTask(deps, taskId, { number: 2, max: 2 })).toBe("skipped");
    expect((await caller.agents.get({ taskId })).status).toBe("CANCELLED");
    expect(await savedDrafts(taskId)).toEqual({ items: 0, questions: 0 });
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
