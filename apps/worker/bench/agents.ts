// `pnpm bench` (agents): the orchestration's own cost. A fake model answers every call after a
// fixed latency, so what is left of a task's time is queueing, database writes, validation and
// saving the drafts. Runs the in-process queue, and BullMQ when REDIS_URL is set, at concurrency
// 1, 10 and 50, on a fresh database (PostgreSQL when DATABASE_URL is set, else in-memory PGlite).
import { agents, type ModelProvider, type PipelineDeps, processTask } from "@toolboxai/agents";
import { createBullQueue, createBullWorker } from "@toolboxai/agents/bullmq";
import { createOfflineProvider } from "@toolboxai/agents/providers/offline";
import { createInProcessQueue } from "@toolboxai/agents/queue/in-process";
import { createTestDatabase } from "@toolboxai/db/testing";
import { generateRequestSchema } from "@toolboxai/validators";
import { Redis } from "ioredis";
import { materializeDrafts } from "~/server/services/generated-content";

const LATENCY_MS = Number(process.env.BENCH_MODEL_LATENCY_MS ?? 50);
const LEVELS = (process.env.BENCH_LEVELS ?? "1,10,50").split(",").map(Number);
const tasksFor = (concurrency: number) => Math.max(10, concurrency * 2);
const redisUrl = process.env.REDIS_URL;

const t = await createTestDatabase();
const org = await t.db.organization.create({ data: { name: "Bench School", slug: `bench-${Date.now()}` } });
const user = await t.db.user.create({
  data: {
    organizationId: org.id,
    email: `bench-${Date.now()}@bench.test`,
    name: "Bench",
    role: "TEACHER",
    passwordHash: "x",
  },
});

/** The offline drafts, answered after a fixed delay: a model whose time we know exactly. */
function fakeModel(): ModelProvider & { calls: number } {
  const offline = createOfflineProvider(agents);
  const model = {
    name: "fake",
    model: `fixed-${LATENCY_MS}ms`,
    calls: 0,
    async chat(request: Parameters<ModelProvider["chat"]>[0]) {
      model.calls += 1;
      await new Promise((r) => setTimeout(r, LATENCY_MS));
      return offline.chat(request);
    },
  };
  return model;
}

const request = generateRequestSchema.parse({
  topic: "Photosynthesis",
  subject: "Life Science",
  gradeLevel: "7",
  parts: ["lesson", "quiz", "environment"],
  questionCount: 5,
});

async function createTasks(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = await t.db.agentTask.create({
      data: { organizationId: org.id, createdById: user.id, request, provider: "fake", model: "fixed" },
    });
    ids.push(row.id);
  }
  return ids;
}

interface Row {
  queue: string;
  concurrency: number;
  tasks: number;
  seconds: number;
  perSecond: number;
  overheadMs: number;
  modelMs: number;
}

async function run(kind: "in-process" | "bullmq", concurrency: number): Promise<Row> {
  const model = fakeModel();
  const deps: PipelineDeps = { db: t.db, provider: model, materialize: materializeDrafts, publisher: { publish() {} } };
  const processor = (job: { taskId: string; attempt: number; maxAttempts: number }) =>
    processTask(deps, job.taskId, { number: job.attempt, max: job.maxAttempts });
  const ids = await createTasks(tasksFor(concurrency));
  const prefix = `bench-${process.pid}-${concurrency}-${Date.now().toString(36)}`;
  let close: () => Promise<void>;
  let enqueue: (id: string) => Promise<void>;
  if (kind === "in-process") {
    const queue = createInProcessQueue(processor, { concurrency, attempts: 1 });
    enqueue = (id) => queue.enqueue(id);
    close = () => queue.close();
  } else {
    const url = redisUrl as string;
    const queue = createBullQueue({ redisUrl: url, prefix, concurrency, attempts: 1 });
    const worker = createBullWorker(processor, { redisUrl: url, prefix, concurrency, attempts: 1 });
    enqueue = (id) => queue.enqueue(id);
    close = async () => {
      await worker.close();
      await queue.close();
      const redis = new Redis(url);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    };
  }

  const started = performance.now();
  for (const id of ids) await enqueue(id);
  for (;;) {
    const done = await t.db.agentTask.count({ where: { id: { in: ids }, status: { in: ["COMPLETED", "FAILED"] } } });
    if (done === ids.length) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  await close();

  const rows = await t.db.agentTask.findMany({
    where: { id: { in: ids } },
    select: { status: true, startedAt: true, finishedAt: true },
  });
  const failed = rows.filter((r) => r.status !== "COMPLETED").length;
  if (failed > 0) throw new Error(`${failed} tasks failed`);
  const busyMs = rows.reduce((sum, r) => sum + ((r.finishedAt?.getTime() ?? 0) - (r.startedAt?.getTime() ?? 0)), 0);
  const modelMs = (model.calls * LATENCY_MS) / ids.length;
  return {
    queue: kind,
    concurrency,
    tasks: ids.length,
    seconds,
    perSecond: ids.length / seconds,
    overheadMs: busyMs / ids.length - modelMs,
    modelMs,
  };
}

const results: Row[] = [];
for (const kind of ["in-process", "bullmq"] as const) {
  if (kind === "bullmq" && !redisUrl) {
    console.log("bullmq: skipped (set REDIS_URL to a Redis server to measure it)");
    continue;
  }
  for (const concurrency of LEVELS) {
    const row = await run(kind, concurrency);
    results.push(row);
    console.log(
      `${kind.padEnd(10)} concurrency ${String(concurrency).padStart(2)}: ${row.tasks} tasks in ${row.seconds.toFixed(2)} s` +
        ` = ${row.perSecond.toFixed(1)} tasks/s; per task ${row.modelMs.toFixed(0)} ms model + ${row.overheadMs.toFixed(0)} ms orchestration`,
    );
  }
}

console.log(`\nagents benchmark (fake model: ${LATENCY_MS} ms per call; database: ${t.kind})`);
console.table(
  results.map((r) => ({
    queue: r.queue,
    concurrency: r.concurrency,
    tasks: r.tasks,
    "tasks/s": Number(r.perSecond.toFixed(2)),
    "model ms/task": Math.round(r.modelMs),
    "overhead ms/task": Math.round(r.overheadMs),
    "overhead / model": Number((r.overheadMs / r.modelMs).toFixed(2)),
  })),
);
const base = results.find((r) => r.queue === "in-process" && r.concurrency === 1);
const bull = results.find((r) => r.queue === "bullmq" && r.concurrency === 1);
if (base && bull)
  console.log(`bullmq / in-process overhead at concurrency 1: ${(bull.overheadMs / base.overheadMs).toFixed(2)}x`);
await t.close();
process.exit(0);
