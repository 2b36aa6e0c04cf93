// One contract, two queues: the in-process queue and BullMQ on a real Redis behave the same.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createBullQueue, createBullWorker } from "./bullmq";
import { createInProcessQueue } from "./in-process";
import { backoffDelay, type QueueOptions, type TaskJob, type TaskProcessor, type TaskQueue } from "./types";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL: the BullMQ queue tests need a real Redis");

interface Harness {
  queue: TaskQueue;
  close(): Promise<void>;
}
type Factory = (processor: TaskProcessor, options: Partial<QueueOptions>) => Harness;

const prefixes: string[] = [];
const factories: [string, Factory][] = [
  [
    "in-process",
    (processor, options) => {
      const queue = createInProcessQueue(processor, options);
      return { queue, close: () => queue.close() };
    },
  ],
];
if (redisUrl) {
  factories.push([
    "bullmq",
    (processor, options) => {
      const prefix = `test-queue-${process.pid}-${prefixes.length}-${Date.now().toString(36)}`;
      prefixes.push(prefix);
      const queue = createBullQueue({ redisUrl, prefix, ...options });
      const worker = createBullWorker(processor, { redisUrl, prefix, ...options });
      return {
        queue,
        close: async () => {
          await worker.close();
          await queue.close();
        },
      };
    },
  ]);
}

afterAll(async () => {
  if (!redisUrl || prefixes.length === 0) return;
  const redis = new Redis(redisUrl);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
});

async function until(ok: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(factories)("the %s queue", (_name, make) => {
  it("runs every queued task once", async () => {
    const seen: string[] = [];
    const h = make(
      async (job) => {
        seen.push(job.taskId);
      },
      { concurrency: 2 },
    );
    for (const id of ["a", "b", "c"]) await h.queue.enqueue(id);
    await until(() => seen.length === 3);
    await h.close();
    expect(seen.sort()).toEqual(["a", "b", "c"]);
  });

  it("does not queue a task twice while it is waiting or running", async () => {
    const seen: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const h = make(
      async (job) => {
        seen.push(job.taskId);
        await gate;
      },
      { concurrency: 1 },
    );
    await h.queue.enqueue("same");
    await until(() => seen.length === 1);
    await h.queue.enqueue("same");
    release();
    await new Promise((r) => setTimeout(r, 300));
    await h.close();
    expect(seen).toEqual(["same"]);
  });

  it("never runs more tasks at once than its concurrency", async () => {
    let running = 0;
    let peak = 0;
    let done = 0;
    const h = make(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 40));
        running -= 1;
        done += 1;
      },
      { concurrency: 3 },
    );
    for (let i = 0; i < 12; i++) await h.queue.enqueue(`task-${i}`);
    await until(() => done === 12);
    await h.close();
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  it("retries a failing task with growing delays, then gives up after its attempts", async () => {
    const attempts: { job: TaskJob; at: number }[] = [];
    const h = make(
      async (job) => {
        attempts.push({ job, at: Date.now() });
        throw new Error("boom");
      },
      { concurrency: 1, attempts: 3, backoffMs: 200, maxBackoffMs: 2_000 },
    );
    await h.queue.enqueue("flaky");
    await until(() => attempts.length === 3);
    await new Promise((r) => setTimeout(r, 600));
    await h.close();
    expect(attempts.map((a) => a.job.attempt)).toEqual([1, 2, 3]);
    expect(attempts.every((a) => a.job.maxAttempts === 3)).toBe(true);
    const [first, second, third] = attempts.map((a) => a.at) as [number, number, number];
    // Equal jitter: a retry waits at least half of base * 2^(attempt - 1).
    expect(second - first).toBeGreaterThanOrEqual(100 - 10);
    expect(third - second).toBeGreaterThanOrEqual(200 - 10);
  });

  it("succeeds on a later attempt without further retries", async () => {
    const attempts: number[] = [];
    const h = make(
      async (job) => {
        attempts.push(job.attempt);
        if (job.attempt < 2) throw new Error("transient");
      },
      { concurrency: 1, attempts: 5, backoffMs: 20 },
    );
    await h.queue.enqueue("eventually");
    await until(() => attempts.length === 2);
    await new Promise((r) => setTimeout(r, 300));
    await h.close();
    expect(attempts).toEqual([1, 2]);
  });
});

describe("backoffDelay", () => {
  const options: QueueOptions = { concurrency: 1, attempts: 5, backoffMs: 1_000, maxBackoffMs: 5_000 };

  it("doubles the ceiling per attempt and caps it", () => {
    expect(backoffDelay(1, options, () => 1)).toBe(1_000);
    expect(backoffDelay(2, options, () => 1)).toBe(2_000);
    expect(backoffDelay(5, options, () => 1)).toBe(5_000);
  });

  it("spreads retries over the upper half of the ceiling", () => {
    expect(backoffDelay(2, options, () => 0)).toBe(1_000);
    expect(backoffDelay(2, options, () => 0.5)).toBe(1_500);
  });
});
