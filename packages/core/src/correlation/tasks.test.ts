// A generation keeps the correlation id of the request that queued it: the task row stores it,
// and each attempt runs in its scope, so every line the attempt logs carries it (the in-process
// queue here; apps/worker's correlation test does the same through BullMQ and a worker process).
import { Writable } from "node:stream";
import { type AgentRuntime, createAgentRuntime } from "@toolboxai/agents";
import type { GenerateRequest } from "@toolboxai/validators";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { materializeDrafts } from "../agents/drafts";
import { generateTask, retryTask } from "../agents/tasks";
import { createDomainWorld, type DomainWorld } from "../testing";
import { newCorrelation } from "./ids";
import { correlationLogFields, runWithCorrelation } from "./scope";
import { taskCorrelation } from "./tasks";

type Line = { msg: string; taskId?: string; correlationId?: string; requestId?: string };

let w: DomainWorld;
let runtime: AgentRuntime;
const lines: Line[] = [];

beforeAll(async () => {
  w = await createDomainWorld();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  runtime = createAgentRuntime({
    db: w.t.db,
    config: { openai: { model: "test" }, concurrency: 2, attempts: 1, timeoutMs: 10_000 },
    materialize: materializeDrafts,
    publisher: { publish: async () => {} },
    logger: pino({ level: "info", mixin: correlationLogFields }, sink),
    correlation: taskCorrelation("worker"),
  });
});
afterAll(async () => {
  await runtime?.close();
  await w?.t.close();
});

const request: GenerateRequest = {
  topic: "Tides",
  subject: "Earth Science",
  gradeLevel: "6",
  durationMinutes: 30,
  readingLevel: "ON_GRADE",
  standards: [],
  parts: ["lesson"],
  questionCount: 3,
  notes: "",
};

async function finished(taskId: string) {
  for (let i = 0; i < 200; i++) {
    const task = await w.t.db.agentTask.findUniqueOrThrow({ where: { id: taskId } });
    if (["COMPLETED", "FAILED", "CANCELLED"].includes(task.status)) return task;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the task did not finish");
}

describe("a generation's correlation id", () => {
  it("is stored on the task, from the request that queued it", async () => {
    const teacher = await w.actor("a", "TEACHER");
    const queuing = newCorrelation("web", "lms-sync-7");
    const task = await runWithCorrelation(queuing, () =>
      generateTask({ ...w.svc(teacher), correlationId: queuing.correlationId }, request, runtime),
    );
    const row = await finished(task.id);
    expect(row.status).toBe("COMPLETED");
    expect(row.correlationId).toBe("lms-sync-7");
  });

  it("is on every line the attempt logs, with a request id of the attempt's own", async () => {
    const teacher = await w.actor("a", "TEACHER");
    const queuing = newCorrelation("web", "lms-sync-8");
    const task = await runWithCorrelation(queuing, () =>
      generateTask({ ...w.svc(teacher), correlationId: queuing.correlationId }, request, runtime),
    );
    await finished(task.id);
    const attempt = lines.filter((l) => l.taskId === task.id);
    expect(attempt.map((l) => l.msg)).toContain("agent task attempt finished");
    for (const line of attempt) {
      expect(line.correlationId).toBe("lms-sync-8");
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.requestId).not.toBe(queuing.requestId);
    }
  });

  it("is the retrying request's after a retry", async () => {
    const teacher = await w.actor("a", "TEACHER");
    const task = await generateTask({ ...w.svc(teacher), correlationId: "first-ask" }, request, runtime);
    await finished(task.id);
    await w.t.db.agentTask.update({ where: { id: task.id }, data: { status: "FAILED" } });
    await retryTask({ ...w.svc(teacher), correlationId: "second-ask" }, { taskId: task.id }, runtime);
    const row = await finished(task.id);
    expect(row.correlationId).toBe("second-ask");
    expect(lines.some((l) => l.taskId === task.id && l.correlationId === "second-ask")).toBe(true);
  });
});
