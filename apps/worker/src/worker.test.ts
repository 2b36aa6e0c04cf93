// A worker process killed in the middle of a task (real Redis, real PostgreSQL, the real openai
// SDK against a local OpenAI-compatible server): another worker finishes the task, exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { agents } from "@toolboxai/agents";
import { createBullQueue } from "@toolboxai/agents/bullmq";
import { type FakeOpenAI, offlineResponder, startFakeOpenAI } from "@toolboxai/agents/testing";
import { generateTask, toActor } from "@toolboxai/core";
import { scopeToOrganization } from "@toolboxai/db";
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const redisUrl = process.env.REDIS_URL;
const databaseUrl = process.env.DATABASE_URL;
// CI provides both; there, a missing one is a broken set-up, not a reason to skip.
if (process.env.CI && (!redisUrl || !databaseUrl)) {
  throw new Error("The worker tests need REDIS_URL and DATABASE_URL (CI must provide both)");
}

const dir = path.dirname(fileURLToPath(import.meta.url));
const workerDir = path.resolve(dir, "..");
const prefix = `test-worker-${process.pid}-${Date.now().toString(36)}`;

let t: TestDatabase;
let fake: FakeOpenAI;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  // Node itself with tsx's loader (not the .bin/tsx wrapper), so a SIGKILL kills the worker.
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: workerDir,
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      REDIS_URL: redisUrl,
      AGENT_QUEUE_PREFIX: prefix,
      AGENT_LOCK_MS: "2000",
      AGENT_CONCURRENCY: "2",
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: fake.url,
      OPENAI_MODEL: "fake-model",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  workers.push(child);
  return child;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(redisUrl && databaseUrl)("a BullMQ worker killed in the middle of a task", () => {
  let taskId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startFakeOpenAI();
    // Every model call takes a while, so the kill lands mid-task.
    fake.setDefault({ respond: offlineResponder(agents), latencyMs: 400 });

    const org = await t.db.organization.create({ data: { name: "Kill School", slug: "kill" } });
    const user = await t.db.user.create({
      data: { organizationId: org.id, email: "t@kill.test", name: "Teacher", role: "TEACHER", passwordHash: "x" },
    });
    const queue = createBullQueue({ redisUrl: redisUrl as string, prefix });
    const ctx = { db: scopeToOrganization(t.db, org.id), actor: toActor(user) };
    const task = await generateTask(
      ctx,
      {
        topic: "Photosynthesis",
        subject: "Life Science",
        gradeLevel: "7",
        durationMinutes: 40,
        readingLevel: "ON_GRADE",
        standards: [],
        parts: ["lesson", "quiz", "environment"],
        questionCount: 4,
        notes: "",
      },
      {
        queue,
        provider: { name: "openai", model: "fake-model" } as never,
        status: () => {
          throw new Error("unused");
        },
      },
    );
    taskId = task.id;
    await queue.close();
  });

  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    await fake?.close();
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await t?.close();
  });

  it("completes the task once, with every step recorded once", async () => {
    const first = startWorker();
    await until(
      () => t.db.agentExecution.count({ where: { taskId, status: "SUCCEEDED" } }),
      (n) => n >= 2,
      "two finished steps",
    );
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const stepsBeforeKill = await t.db.agentExecution.findMany({ where: { taskId, status: "SUCCEEDED" } });

    startWorker();
    const task = await until(
      () => t.db.agentTask.findUniqueOrThrow({ where: { id: taskId } }),
      (row) => row.status === "COMPLETED" || row.status === "FAILED",
      "the task to finish",
    );
    expect(task.status).toBe("COMPLETED");
    expect(task.progress).toBe(100);
    expect(task.attempts).toBeGreaterThanOrEqual(2);

    const executions = await t.db.agentExecution.findMany({ where: { taskId } });
    const plan = (task.plan as { step: string }[]).map((s) => s.step);
    expect(executions.map((e) => e.step).sort()).toEqual([...plan].sort());
    expect(executions.every((e) => e.status === "SUCCEEDED" && e.provider === "openai")).toBe(true);

    // Steps finished before the kill were not run again.
    for (const before of stepsBeforeKill) {
      const after = executions.find((e) => e.step === before.step);
      expect(after?.finishedAt?.getTime()).toBe(before.finishedAt?.getTime());
    }

    const items = await t.db.contentItem.findMany({ where: { agentTaskId: taskId } });
    expect(items.map((i) => i.type).sort()).toEqual(["ENVIRONMENT", "LESSON", "QUIZ"]);
    const questions = await t.db.question.count({ where: { draftTaskId: taskId } });
    expect(questions).toBe(4);
  });
});
