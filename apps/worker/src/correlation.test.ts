// A task queued by a request carries that request's correlation id into the worker (real Redis,
// real PostgreSQL, a worker process, the real openai SDK against the local fake server): the
// worker's log lines for the task and its calls to the model server carry it.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
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
if (process.env.CI && (!redisUrl || !databaseUrl)) {
  throw new Error("The worker tests need REDIS_URL and DATABASE_URL (CI must provide both)");
}

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prefix = `test-worker-corr-${process.pid}-${Date.now().toString(36)}`;
const CHAIN = "sis-roster-sync-20261202";

type LogLine = { msg?: string; taskId?: string; correlationId?: string; requestId?: string };

let t: TestDatabase;
let fake: FakeOpenAI;
let worker: ChildProcess | undefined;
const lines: LogLine[] = [];

describe.runIf(redisUrl && databaseUrl)("a task queued by a request, run by a worker", () => {
  let taskId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startFakeOpenAI();
    fake.setDefault({ respond: offlineResponder(agents) });
    const org = await t.db.organization.create({ data: { name: "Trace School", slug: "trace" } });
    const user = await t.db.user.create({
      data: { organizationId: org.id, email: "t@trace.test", name: "Teacher", role: "TEACHER", passwordHash: "x" },
    });
    const queue = createBullQueue({ redisUrl: redisUrl as string, prefix });
    // What the agents.generate procedure hands the service: the request's correlation id.
    const ctx = { db: scopeToOrganization(t.db, org.id), actor: toActor(user), correlationId: CHAIN };
    const task = await generateTask(
      ctx,
      {
        topic: "Erosion",
        subject: "Earth Science",
        gradeLevel: "5",
        durationMinutes: 30,
        readingLevel: "ON_GRADE",
        standards: [],
        parts: ["lesson"],
        questionCount: 3,
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

    worker = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: workerDir,
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        REDIS_URL: redisUrl,
        AGENT_QUEUE_PREFIX: prefix,
        OPENAI_API_KEY: "test-key",
        OPENAI_BASE_URL: fake.url,
        OPENAI_MODEL: "fake-model",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    createInterface({ input: worker.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line
      }
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const row = await t.db.agentTask.findUniqueOrThrow({ where: { id: taskId } });
      if (row.status === "COMPLETED" || row.status === "FAILED") break;
      if (Date.now() > deadline) throw new Error("timed out waiting for the task to finish");
      await new Promise((r) => setTimeout(r, 100));
    }
    // The attempt's last line is written just after the row's last update.
    const until = Date.now() + 5_000;
    while (!lines.some((l) => l.msg === "agent task attempt finished") && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker?.once("exit", resolve));
    }
    await fake?.close();
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await t?.close();
  });

  it("stores the queuing request's correlation id on the task, which completes", async () => {
    const row = await t.db.agentTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(row).toMatchObject({ status: "COMPLETED", correlationId: CHAIN });
  });

  it("logs every line about the task with that correlation id and the attempt's own request id", () => {
    const about = lines.filter((l) => l.taskId === taskId);
    expect(about.map((l) => l.msg)).toContain("agent task attempt finished");
    for (const line of about) {
      expect(line.correlationId).toBe(CHAIN);
      expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("sends the correlation id to the model server on every call, naming the attempt as the parent", () => {
    expect(fake.received.length).toBeGreaterThan(0);
    const attempt = lines.find((l) => l.taskId === taskId && l.msg === "agent task attempt finished");
    for (const { headers } of fake.received) {
      expect(headers["x-correlation-id"]).toBe(CHAIN);
      expect(headers["x-parent-correlation-id"]).toBe(attempt?.requestId);
      expect(headers["x-service-name"]).toBe("worker");
      expect(headers["x-chain-depth"]).toBe("1");
    }
  });
});
