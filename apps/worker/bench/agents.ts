// `pnpm bench` (agents): the orchestration's own cost per task, and tasks per second.
//
// A fake model answers every call after a fixed latency (plus the time it takes to draft the answer,
// which is the model's work too). Everything else a task spends, from the moment its row is created
// and it is queued until the row says it finished, is orchestration: the enqueue and the pickup, the
// database writes, the resilience policies, the response cache, validation and saving the drafts.
//
// The pieces are wired as apps/worker's runtime wires them (packages/agents/src/runtime.ts): the
// model behind createResilientProvider with the production defaults, a response cache (in memory
// without Redis, Redis with it), the real materializer, and the in-process queue or BullMQ.
//
// Load is a closed loop: `concurrency` clients each create a task, queue it, wait for it to finish,
// and go again; the queue runs `concurrency` tasks at once. No task ever waits for a free slot, so
// queuedAt -> startedAt is the queue's own pickup latency, not a backlog.

import { cpus, loadavg } from "node:os";
import {
  agents,
  createMemoryCache,
  createRedisCache,
  createResilientProvider,
  DEFAULT_RESILIENCE,
  type ModelProvider,
  type PipelineDeps,
  processTask,
  type ResponseCache,
  readAgentEnv,
} from "@toolboxai/agents";
import { createBullQueue, createBullWorker } from "@toolboxai/agents/bullmq";
import { createOfflineProvider } from "@toolboxai/agents/providers/offline";
import { createInProcessQueue } from "@toolboxai/agents/queue/in-process";
import { materializeDrafts } from "@toolboxai/core";
import { createTestDatabase } from "@toolboxai/db/testing";
import { generateRequestSchema } from "@toolboxai/validators";
import { Redis } from "ioredis";

// Not among the package's exports: the same Redis cache and resilience layer the runtime builds.

const LATENCY_MS = Number(process.env.BENCH_MODEL_LATENCY_MS ?? 50);
const LEVELS = (process.env.BENCH_LEVELS ?? "1,10,50").split(",").map(Number);
const tasksFor = (concurrency: number) => Math.max(10, concurrency * 2);
const warmUpFor = (concurrency: number) => Math.min(concurrency, 5);
const redisUrl = process.env.REDIS_URL?.trim() || undefined;
const agentEnv = readAgentEnv();
const HOW_TO_BULLMQ =
  "REDIS_URL=redis://127.0.0.1:6379 DATABASE_URL=postgresql://user@host:5432/db pnpm --filter @toolboxai/worker bench";

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "default port"}`;
}

const t = await createTestDatabase();
const stamp = Date.now().toString(36);
const org = await t.db.organization.create({ data: { name: "Bench School", slug: `bench-${stamp}` } });
const user = await t.db.user.create({
  data: {
    organizationId: org.id,
    email: `bench-${stamp}@bench.test`,
    name: "Bench",
    role: "TEACHER",
    passwordHash: "x",
  },
});

/** The offline drafts after a fixed delay, timing its own work: a model whose time we know exactly. */
function fakeModel() {
  const offline = createOfflineProvider(agents);
  const usage = { calls: 0, draftingMs: 0 };
  const model: ModelProvider = {
    name: "fake",
    model: `fixed-${LATENCY_MS}ms`,
    async chat(request) {
      usage.calls += 1;
      await new Promise((r) => setTimeout(r, LATENCY_MS));
      const started = performance.now();
      const reply = await offline.chat(request);
      usage.draftingMs += performance.now() - started;
      return reply;
    },
  };
  return { model, usage };
}

let sequence = 0;
/** A new task row, queued now. Each topic is unique, so every step misses the cache and calls the model. */
async function createTask(): Promise<string> {
  sequence += 1;
  const request = generateRequestSchema.parse({
    topic: `Photosynthesis ${sequence}`,
    subject: "Life Science",
    gradeLevel: "7",
    parts: ["lesson", "quiz", "environment"],
    questionCount: 5,
  });
  const row = await t.db.agentTask.create({
    data: {
      organizationId: org.id,
      createdById: user.id,
      request,
      provider: "fake",
      model: "fixed",
      queuedAt: new Date(),
    },
    select: { id: true },
  });
  return row.id;
}

interface Row {
  queue: "in-process" | "bullmq";
  concurrency: number;
  tasks: number;
  perSecond: number;
  modelMs: number;
  overheadMs: number;
  pickupMs: number;
  p95LatencyMs: number;
  cacheHits: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function run(kind: Row["queue"], concurrency: number): Promise<Row> {
  const { model, usage } = fakeModel();
  const provider = createResilientProvider(model, { timeoutMs: agentEnv.timeoutMs });
  const prefix = `bench-${process.pid}-${kind}-${concurrency}-${stamp}`;
  const redis = kind === "bullmq" ? new Redis(redisUrl as string) : null;
  const cache: ResponseCache = redis ? createRedisCache(redis, { prefix: `${prefix}:cache` }) : createMemoryCache();
  const deps: PipelineDeps = { db: t.db, provider, cache, materialize: materializeDrafts, publisher: { publish() {} } };

  // Each client waits for its own task: the processor says when a task's attempt is over.
  const waiters = new Map<string, () => void>();
  const processor = async (job: { taskId: string; attempt: number; maxAttempts: number }) => {
    try {
      return await processTask(deps, job.taskId, { number: job.attempt, max: job.maxAttempts });
    } finally {
      waiters.get(job.taskId)?.();
    }
  };

  let enqueue: (id: string) => Promise<void>;
  let close: () => Promise<void>;
  if (kind === "in-process") {
    const queue = createInProcessQueue(processor, { concurrency, attempts: 1 });
    enqueue = (id) => queue.enqueue(id);
    close = () => queue.close();
  } else {
    const url = redisUrl as string;
    const queue = createBullQueue({ redisUrl: url, prefix, concurrency, attempts: 1 });
    const worker = createBullWorker(processor, { redisUrl: url, prefix, concurrency, attempts: 1 });
    await worker.waitUntilReady();
    enqueue = (id) => queue.enqueue(id);
    close = async () => {
      await worker.close();
      await queue.close();
      const keys = await redis?.keys(`${prefix}:*`);
      if (keys && keys.length > 0) await redis?.del(...keys);
      redis?.disconnect();
    };
  }

  const runOne = async (): Promise<string> => {
    const id = await createTask();
    const finished = new Promise<void>((resolve) => waiters.set(id, resolve));
    await enqueue(id);
    await finished;
    waiters.delete(id);
    return id;
  };
  const clients = async (count: number, total: number): Promise<string[]> => {
    const ids: string[] = [];
    let started = 0;
    await Promise.all(
      Array.from({ length: count }, async () => {
        while (started < total) {
          started += 1;
          ids.push(await runOne());
        }
      }),
    );
    return ids;
  };

  // Warm-up (connections, JIT, the queue's first poll): run, then not counted.
  await clients(warmUpFor(concurrency), warmUpFor(concurrency));
  const callsBefore = usage.calls;
  const draftingBefore = usage.draftingMs;
  const hitsBefore = (await cache.stats()).hits;

  const total = tasksFor(concurrency);
  const began = performance.now();
  const ids = await clients(concurrency, total);
  const seconds = (performance.now() - began) / 1000;
  const calls = usage.calls - callsBefore;
  const draftingMs = usage.draftingMs - draftingBefore;
  const cacheHits = (await cache.stats()).hits - hitsBefore;
  await close();

  const rows = await t.db.agentTask.findMany({
    where: { id: { in: ids } },
    select: { status: true, error: true, queuedAt: true, startedAt: true, finishedAt: true },
  });
  const failed = rows.filter((r) => r.status !== "COMPLETED");
  if (failed.length > 0) throw new Error(`${failed.length} tasks did not complete: ${failed[0]?.error ?? "?"}`);
  const latencies = rows.map((r) => (r.finishedAt?.getTime() ?? 0) - r.queuedAt.getTime());
  const pickups = rows.map((r) => (r.startedAt?.getTime() ?? 0) - r.queuedAt.getTime());
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const modelMs = (calls * LATENCY_MS + draftingMs) / ids.length;
  return {
    queue: kind,
    concurrency,
    tasks: ids.length,
    perSecond: ids.length / seconds,
    modelMs,
    overheadMs: sum(latencies) / ids.length - modelMs,
    pickupMs: sum(pickups) / ids.length,
    p95LatencyMs: percentile(latencies, 95),
    cacheHits,
  };
}

const databaseLine =
  t.kind === "postgresql"
    ? `PostgreSQL at ${describeUrl(process.env.DATABASE_URL as string)} (DATABASE_URL; a throwaway database, dropped afterwards)`
    : "PGlite in memory (DATABASE_URL is not set). Production runs on PostgreSQL: set DATABASE_URL for figures that match it.";
console.log("agents benchmark");
console.log(`  database: ${databaseLine}`);
console.log(
  `  machine:  ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the start` +
    " (anything else running on the machine inflates the overhead)",
);
console.log(
  `  model:    fake, ${LATENCY_MS} ms per call plus its drafting time (both counted as model time), through` +
    ` createResilientProvider (timeout ${agentEnv.timeoutMs} ms, ${DEFAULT_RESILIENCE.maxAttempts} tries,` +
    ` breaker ${DEFAULT_RESILIENCE.breaker.consecutiveFailures} failures / ${DEFAULT_RESILIENCE.breaker.halfOpenAfterMs} ms)`,
);
console.log(
  "  cache:    in memory for in-process, Redis for BullMQ (as the runtime); every request unique, so every step misses",
);
console.log(
  "  load:     closed loop, `concurrency` clients each create a task, queue it and wait for it; warm-up tasks not counted",
);
console.log("  overhead: per task, (finishedAt - queuedAt) - model time; pickup = startedAt - queuedAt (included)");
console.log("");

const results: Row[] = [];
try {
  const header = `${"queue".padEnd(10)} ${"conc".padStart(4)} ${"tasks".padStart(5)} ${"tasks/s".padStart(8)} ${"model ms".padStart(9)} ${"overhead ms".padStart(11)} ${"pickup ms".padStart(9)} ${"p95 ms".padStart(7)}`;
  console.log(header);
  for (const kind of ["in-process", "bullmq"] as const) {
    if (kind === "bullmq" && !redisUrl) {
      console.log(`bullmq     NOT MEASURED: REDIS_URL is not set. To measure it: ${HOW_TO_BULLMQ}`);
      continue;
    }
    for (const concurrency of LEVELS) {
      const r = await run(kind, concurrency);
      results.push(r);
      if (r.cacheHits > 0) throw new Error(`${r.cacheHits} cache hits: the model time would be understated`);
      console.log(
        `${kind.padEnd(10)} ${String(concurrency).padStart(4)} ${String(r.tasks).padStart(5)} ${r.perSecond.toFixed(1).padStart(8)}` +
          ` ${r.modelMs.toFixed(0).padStart(9)} ${r.overheadMs.toFixed(0).padStart(11)} ${r.pickupMs.toFixed(1).padStart(9)}` +
          ` ${r.p95LatencyMs.toFixed(0).padStart(7)}`,
      );
    }
  }
  if (redisUrl)
    console.log(
      `\nbullmq: Redis at ${describeUrl(redisUrl)}; its worker runs in this process next to the producer (apps/worker runs it in a process of its own)`,
    );

  const base = results.find((r) => r.queue === "in-process" && r.concurrency === 1);
  const bull = results.find((r) => r.queue === "bullmq" && r.concurrency === 1);
  if (base && bull)
    console.log(
      `at concurrency 1, overhead per task: bullmq ${bull.overheadMs.toFixed(0)} ms, in-process ${base.overheadMs.toFixed(0)} ms` +
        ` (pickup ${bull.pickupMs.toFixed(1)} ms vs ${base.pickupMs.toFixed(1)} ms)`,
    );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await t.close();
}
process.exit();
