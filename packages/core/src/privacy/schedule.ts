// The data-protection schedule: jobs that enforce the organizations' policies on their own
// (retention now; the erasure purge joins it) run every `intervalMs`. With Redis each job is a
// BullMQ repeatable job (a job scheduler), so however many processes start the schedule, each
// interval runs a job once, in whichever process takes it. Without Redis (the embedded mode, one
// process) a timer runs them. Either way every job runs once soon after the start, then each
// interval; a job that fails is logged and tried again at the next interval.
import type { Database } from "@toolboxai/db";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { applyRetentionAll } from "./retention";

export interface DataProtectionJob {
  /** Unique within the schedule: the BullMQ job name and scheduler id, and what logs say. */
  name: string;
  run(db: Database, now: Date): Promise<unknown>;
}

interface ScheduleLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DataProtectionScheduleOptions {
  db: Database;
  /** Redis: a BullMQ repeatable job; null or absent: a timer in this process. */
  redisUrl?: string | null | undefined;
  /** How often each job runs (default DATA_PROTECTION_INTERVAL_MS). */
  intervalMs?: number | undefined;
  jobs: readonly DataProtectionJob[];
  /** Redis key prefix, so tests and deployments can share a server (default "toolboxai"). */
  prefix?: string | undefined;
  logger?: ScheduleLogger | undefined;
  /** Called after each run, with what the job returned (tests, metrics). */
  onRun?: ((name: string, result: unknown) => void) | undefined;
}

export interface DataProtectionSchedule {
  kind: "bullmq" | "timer";
  /** Stops running jobs here (a job in hand finishes first). The Redis schedule stays for other processes. */
  stop(): Promise<void>;
}

/** Hourly: a period is counted in days, so a row outlives it by at most an hour. */
export const DATA_PROTECTION_INTERVAL_MS = 60 * 60 * 1000;
export const DATA_PROTECTION_QUEUE = "data-protection";

/** The retention job: every organization's periods applied (see ./retention.ts). */
export const retentionJob: DataProtectionJob = {
  name: "retention",
  run: (db, now) => applyRetentionAll(db, now),
};

const silent: ScheduleLogger = { info() {}, error() {} };

/**
 * The ids of what a job's result says failed (a `failed` array, as the erasure purge returns), or
 * null when nothing did. Ids only: an error's message may quote the person's data.
 */
function failedIdsOf(result: unknown): unknown[] | null {
  if (!result || typeof result !== "object") return null;
  const { failed } = result as { failed?: unknown };
  if (!Array.isArray(failed) || failed.length === 0) return null;
  return failed.map((f) => {
    if (typeof f === "string" || typeof f === "number") return f;
    const { requestId, id } = (f ?? {}) as { requestId?: unknown; id?: unknown };
    return requestId ?? id ?? null;
  });
}

export async function startDataProtectionSchedule(
  options: DataProtectionScheduleOptions,
): Promise<DataProtectionSchedule> {
  const names = new Set(options.jobs.map((j) => j.name));
  if (names.size !== options.jobs.length) throw new Error("data-protection jobs need distinct names");
  const intervalMs = options.intervalMs ?? DATA_PROTECTION_INTERVAL_MS;
  const log = options.logger ?? silent;
  const runJob = async (job: DataProtectionJob) => {
    const started = Date.now();
    const result = await job.run(options.db, new Date());
    log.info({ job: job.name, durationMs: Date.now() - started }, "data-protection job ran");
    const failedIds = failedIdsOf(result);
    if (failedIds) {
      log.error({ job: job.name, failed: failedIds.length, failedIds }, "data-protection job failed for some items");
    }
    options.onRun?.(job.name, result);
    return result;
  };
  return options.redisUrl
    ? startOnBullmq(options.redisUrl, options, intervalMs, runJob, log)
    : startOnTimer(options.jobs, intervalMs, runJob, log);
}

function startOnTimer(
  jobs: readonly DataProtectionJob[],
  intervalMs: number,
  runJob: (job: DataProtectionJob) => Promise<unknown>,
  log: ScheduleLogger,
): DataProtectionSchedule {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    // A round still running when the next is due is not overlapped: the next one is skipped.
    if (running || stopped) return;
    running = (async () => {
      for (const job of jobs) {
        if (stopped) break;
        try {
          await runJob(job);
        } catch (err) {
          log.error({ err, job: job.name }, "data-protection job failed");
        }
      }
    })().finally(() => {
      running = null;
    });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, intervalMs);
  first.unref?.();
  timer.unref?.();
  return {
    kind: "timer",
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}

async function startOnBullmq(
  redisUrl: string,
  options: DataProtectionScheduleOptions,
  intervalMs: number,
  runJob: (job: DataProtectionJob) => Promise<unknown>,
  log: ScheduleLogger,
): Promise<DataProtectionSchedule> {
  const prefix = options.prefix ?? "toolboxai";
  const byName = new Map(options.jobs.map((j) => [j.name, j]));
  // The worker's blocking commands wait for Redis however long it takes; the queue's fail fast.
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
  const consumer = new Redis(redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  const onError = (err: unknown) => log.error({ err }, "data-protection queue error");
  producer.on("error", () => {});
  consumer.on("error", () => {});
  const queue = new Queue(DATA_PROTECTION_QUEUE, { connection: producer, prefix });
  queue.on("error", onError);
  // One scheduler per job, keyed by its name: starting again (another process, a restart) updates
  // it instead of adding a second.
  for (const job of options.jobs) {
    await queue.upsertJobScheduler(
      job.name,
      { every: intervalMs },
      { name: job.name, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
  const worker = new Worker(
    DATA_PROTECTION_QUEUE,
    async (bullJob) => {
      const job = byName.get(bullJob.name);
      // A job another process schedules and this one does not know: leave it alone.
      if (!job) return { skipped: `unknown job ${bullJob.name}` };
      try {
        return await runJob(job);
      } catch (err) {
        log.error({ err, job: job.name }, "data-protection job failed");
        throw err;
      }
    },
    { connection: consumer, prefix, concurrency: 1 },
  );
  worker.on("error", onError);
  return {
    kind: "bullmq",
    async stop() {
      await worker.close();
      await queue.close();
      producer.disconnect();
      consumer.disconnect();
    },
  };
}
