// The Redis-backed queue: the web app enqueues, any number of `apps/worker` processes consume.
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { withQueueSizeGauge } from "./metrics";
import {
  backoffDelay,
  DEFAULT_QUEUE_OPTIONS,
  type QueueCounts,
  type QueueOptions,
  type TaskProcessor,
  type TaskQueue,
} from "./types";

export const QUEUE_NAME = "agent-tasks";

interface JobData {
  taskId: string;
}

export interface BullQueueOptions extends Partial<QueueOptions> {
  redisUrl: string;
  /** Redis key prefix, so tests and apps can share a server. */
  prefix?: string;
  /** Where the queue's connection errors go (without a listener, BullMQ prints each retry's). */
  onError?: (err: unknown) => void;
}

function connection(redisUrl: string, role: "producer" | "consumer"): Redis {
  // A worker's blocking commands need `maxRetriesPerRequest: null` (wait for Redis however long it
  // takes). A producer answers a teacher's request, so its commands fail after one reconnection
  // attempt instead of hanging while Redis is down.
  return new Redis(redisUrl, { maxRetriesPerRequest: role === "consumer" ? null : 1, enableOfflineQueue: true });
}

export function createBullQueue(options: BullQueueOptions): TaskQueue & { queue: Queue<JobData> } {
  const opts: QueueOptions = { ...DEFAULT_QUEUE_OPTIONS, ...options };
  const redis = connection(options.redisUrl, "producer");
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: redis, prefix: options.prefix ?? "toolboxai" });
  queue.on("error", options.onError ?? (() => {}));
  return withQueueSizeGauge({
    kind: "bullmq",
    queue,
    async enqueue(taskId) {
      // The job id is the task id: while a job for the task is waiting, running or delayed, adding
      // it again is a no-op. Finished jobs are removed, so a teacher's retry can queue it again.
      await queue.add(
        "run",
        { taskId },
        {
          jobId: taskId,
          attempts: opts.attempts,
          // The worker computes the delay with the in-process queue's formula (see createBullWorker).
          backoff: { type: "toolboxai" },
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    },
    async counts(): Promise<QueueCounts> {
      const c = await queue.getJobCounts("waiting", "active", "delayed", "completed", "failed");
      return {
        waiting: c.waiting ?? 0,
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
      };
    },
    async close() {
      await queue.close();
      redis.disconnect();
    },
  });
}

export interface BullWorkerOptions extends BullQueueOptions {
  /** How long a job's lock lasts without renewal: a killed worker's job is picked up after this. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/** A consumer: runs jobs with the processor, `concurrency` at once, in this process. */
export function createBullWorker(processor: TaskProcessor, options: BullWorkerOptions): Worker<JobData> {
  const opts: QueueOptions = { ...DEFAULT_QUEUE_OPTIONS, ...options };
  return new Worker<JobData>(
    QUEUE_NAME,
    async (job) => {
      await processor({
        taskId: job.data.taskId,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? opts.attempts,
      });
    },
    {
      connection: connection(options.redisUrl, "consumer"),
      prefix: options.prefix ?? "toolboxai",
      concurrency: opts.concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      // A job whose worker died is put back once more before it counts as failed.
      maxStalledCount: 2,
      // Exponential backoff with jitter, capped, exactly as the in-process queue does it.
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, opts) },
    },
  );
}
