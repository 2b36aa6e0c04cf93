import { exponentialBackoff } from "../backoff";

/** One delivery of a task to a consumer: which attempt this is, out of how many. */
export interface TaskJob {
  taskId: string;
  attempt: number;
  maxAttempts: number;
}

/** Runs a job; throwing asks the queue to retry it later (with backoff), until attempts run out. */
export type TaskProcessor = (job: TaskJob) => Promise<unknown>;

export interface QueueOptions {
  /** Tasks run at once, per process. */
  concurrency: number;
  /** Deliveries per task, the first included. */
  attempts: number;
  /** First retry delay; doubles per attempt, with jitter, capped at `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  concurrency: 4,
  attempts: 3,
  backoffMs: 2_000,
  maxBackoffMs: 60_000,
};

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

/**
 * The agent task queue: BullMQ on Redis when REDIS_URL is set, otherwise in-process, with the
 * same semantics (bounded concurrency, retries with backoff and jitter, one delivery at a time
 * per task).
 */
export interface TaskQueue {
  readonly kind: "in-process" | "bullmq";
  /** Queues a task; a task already waiting or running is not queued twice. */
  enqueue(taskId: string): Promise<void>;
  counts(): Promise<QueueCounts>;
  close(): Promise<void>;
}

/** The delay before delivering `attempt` + 1 of a task (see ../backoff). */
export function backoffDelay(attempt: number, options: QueueOptions, random: () => number = Math.random): number {
  return exponentialBackoff(attempt, { baseMs: options.backoffMs, maxMs: options.maxBackoffMs }, random);
}
