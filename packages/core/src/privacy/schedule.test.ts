// The data-protection schedule runs its jobs on a timer without Redis and as BullMQ repeatable jobs
// with it; either way each job runs soon after the start and then every interval, a failing job
// does not stop the others, and stop() ends it. The retention job applies every organization's periods.
import { randomUUID } from "node:crypto";
import type { Database } from "@toolboxai/db";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainWorld, type DomainWorld } from "../testing";
import { DATA_PROTECTION_QUEUE, type DataProtectionJob, retentionJob, startDataProtectionSchedule } from "./schedule";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL: the BullMQ schedule tests need Redis");

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

/** A job that records when it ran, and resolves `ranTimes(n)` once it has run n times. */
function countingJob(name: string, fail = false) {
  const runs: Date[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const job: DataProtectionJob = {
    name,
    async run(_db: Database, now: Date) {
      runs.push(now);
      for (const waiter of waiters.filter((x) => runs.length >= x.n)) waiter.resolve();
      if (fail) throw new Error(`${name} failed on purpose`);
      return { runs: runs.length };
    },
  };
  const ranTimes = (n: number) =>
    new Promise<void>((resolve) => (runs.length >= n ? resolve() : waiters.push({ n, resolve })));
  return { job, runs, ranTimes };
}

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

describe("without Redis: a timer", () => {
  it("runs every job at the start and then each interval", async () => {
    const a = countingJob("a");
    const b = countingJob("b");
    const schedule = await startDataProtectionSchedule({ db: w.t.db, intervalMs: 50, jobs: [a.job, b.job] });
    try {
      expect(schedule.kind).toBe("timer");
      await within(5000, Promise.all([a.ranTimes(3), b.ranTimes(3)]));
    } finally {
      await schedule.stop();
    }
  });

  it("keeps running the other jobs when one fails, and logs the failure", async () => {
    const failing = countingJob("failing", true);
    const fine = countingJob("fine");
    const errors: object[] = [];
    const schedule = await startDataProtectionSchedule({
      db: w.t.db,
      intervalMs: 50,
      jobs: [failing.job, fine.job],
      logger: { info() {}, error: (obj) => errors.push(obj) },
    });
    try {
      await within(5000, Promise.all([failing.ranTimes(2), fine.ranTimes(2)]));
      expect(errors[0]).toMatchObject({ job: "failing" });
    } finally {
      await schedule.stop();
    }
  });

  it("logs at error level, with ids only, the items a job's result reports as failed", async () => {
    const partial: DataProtectionJob = {
      name: "partial",
      run: async () => ({ purged: [], failed: [{ requestId: "req-1", error: "Ada Lovelace broke it" }] }),
    };
    const errors: object[] = [];
    let ran!: () => void;
    const done = new Promise<void>((resolve) => {
      ran = resolve;
    });
    const schedule = await startDataProtectionSchedule({
      db: w.t.db,
      intervalMs: 60_000,
      jobs: [partial],
      logger: { info() {}, error: (obj) => errors.push(obj) },
      onRun: () => ran(),
    });
    try {
      await within(5000, done);
      expect(errors).toEqual([{ job: "partial", failed: 1, failedIds: ["req-1"] }]);
      expect(JSON.stringify(errors)).not.toContain("Ada");
    } finally {
      await schedule.stop();
    }
  });

  it("runs nothing after stop()", async () => {
    const a = countingJob("a");
    const schedule = await startDataProtectionSchedule({ db: w.t.db, intervalMs: 30, jobs: [a.job] });
    await within(5000, a.ranTimes(1));
    await schedule.stop();
    const count = a.runs.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(a.runs.length).toBe(count);
  });

  it("refuses two jobs with the same name", async () => {
    await expect(
      startDataProtectionSchedule({ db: w.t.db, jobs: [countingJob("x").job, countingJob("x").job] }),
    ).rejects.toThrow(/distinct names/);
  });
});

describe("the retention job", () => {
  it("applies every organization's retention periods", async () => {
    const old = new Date(Date.now() - 400 * 86_400_000);
    for (const org of ["a", "b"] as const) {
      await w.t.db.activityEvent.create({ data: { organizationId: w.orgs[org], type: "ancient", createdAt: old } });
    }
    const done = new Promise<unknown>((resolve) => {
      void startDataProtectionSchedule({
        db: w.t.db,
        jobs: [retentionJob],
        onRun: (_name, result) => resolve(result),
      }).then((s) => done.finally(() => s.stop()));
    });
    const result = (await within(10_000, done)) as Record<string, { activity: { count: number } }>;
    expect(result[w.orgs.a]?.activity.count).toBe(1);
    expect(result[w.orgs.b]?.activity.count).toBe(1);
    expect(await w.t.db.activityEvent.count({ where: { type: "ancient" } })).toBe(0);
  });
});

describe.skipIf(!redisUrl)("with Redis: a BullMQ repeatable job", () => {
  const prefix = `test-dp-${randomUUID()}`;
  afterAll(async () => {
    const connection = new Redis(redisUrl as string, { maxRetriesPerRequest: 1 });
    const queue = new Queue(DATA_PROTECTION_QUEUE, { connection, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });

  it("registers one scheduler per job and runs each job every interval", async () => {
    const a = countingJob("a");
    const b = countingJob("b");
    const schedule = await startDataProtectionSchedule({
      db: w.t.db,
      redisUrl,
      prefix,
      intervalMs: 300,
      jobs: [a.job, b.job],
    });
    try {
      expect(schedule.kind).toBe("bullmq");
      const connection = new Redis(redisUrl as string, { maxRetriesPerRequest: 1 });
      const queue = new Queue(DATA_PROTECTION_QUEUE, { connection, prefix });
      const schedulers = await queue.getJobSchedulers();
      expect(
        schedulers.map((s) => ({ key: s.key, every: s.every })).sort((x, y) => x.key.localeCompare(y.key)),
      ).toEqual([
        { key: "a", every: 300 },
        { key: "b", every: 300 },
      ]);
      await queue.close();
      connection.disconnect();
      await within(15_000, Promise.all([a.ranTimes(2), b.ranTimes(2)]));
    } finally {
      await schedule.stop();
    }
  });

  it("runs each interval's job once when two processes start the same schedule", async () => {
    const first = countingJob("shared");
    const second = countingJob("shared");
    const p2 = `${prefix}-twice`;
    const one = await startDataProtectionSchedule({
      db: w.t.db,
      redisUrl,
      prefix: p2,
      intervalMs: 400,
      jobs: [first.job],
    });
    const two = await startDataProtectionSchedule({
      db: w.t.db,
      redisUrl,
      prefix: p2,
      intervalMs: 400,
      jobs: [second.job],
    });
    const started = Date.now();
    try {
      await within(
        15_000,
        new Promise<void>((resolve) => {
          const poll = setInterval(() => {
            if (first.runs.length + second.runs.length >= 3) {
              clearInterval(poll);
              resolve();
            }
          }, 20);
        }),
      );
      const elapsed = Date.now() - started;
      // One run at the start, then one per 400 ms interval between both processes (not two).
      expect(first.runs.length + second.runs.length).toBeLessThanOrEqual(Math.floor(elapsed / 400) + 2);
    } finally {
      await one.stop();
      await two.stop();
      const connection = new Redis(redisUrl as string, { maxRetriesPerRequest: 1 });
      const queue = new Queue(DATA_PROTECTION_QUEUE, { connection, prefix: p2 });
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });

  it("stops taking jobs after stop()", async () => {
    const a = countingJob("after-stop");
    const p3 = `${prefix}-stop`;
    const schedule = await startDataProtectionSchedule({
      db: w.t.db,
      redisUrl,
      prefix: p3,
      intervalMs: 200,
      jobs: [a.job],
    });
    await within(15_000, a.ranTimes(1));
    await schedule.stop();
    const count = a.runs.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(a.runs.length).toBe(count);
    const connection = new Redis(redisUrl as string, { maxRetriesPerRequest: 1 });
    const queue = new Queue(DATA_PROTECTION_QUEUE, { connection, prefix: p3 });
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });
});
