import { withQueueSizeGauge } from "./metrics";
import {
  backoffDelay,
  DEFAULT_QUEUE_OPTIONS,
  type QueueCounts,
  type QueueOptions,
  type TaskJob,
  type TaskProcessor,
  type TaskQueue,
} from "./types";

/**
 * The queue when there is no Redis: jobs wait in memory and run in this process, at most
 * `concurrency` at once; a failed job is retried after a jittered exponential backoff. Tasks
 * are rows in the database, so a restart loses nothing: the runtime re-queues unfinished tasks.
 */
export function createInProcessQueue(
  processor: TaskProcessor,
  options: Partial<QueueOptions> & { random?: () => number } = {},
): TaskQueue & { idle(): Promise<void> } {
  const opts: QueueOptions = { ...DEFAULT_QUEUE_OPTIONS, ...options };
  const waiting: TaskJob[] = [];
  const known = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closed = false;
  const counts = { completed: 0, failed: 0, delayed: 0 };
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (waiting.length === 0 && running.size === 0 && counts.delayed === 0) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  };

  const pump = () => {
    while (!closed && running.size < opts.concurrency && waiting.length > 0) {
      const job = waiting.shift() as TaskJob;
      const work = (async () => {
        try {
          await processor(job);
          counts.completed += 1;
          known.delete(job.taskId);
        } catch {
          if (job.attempt < job.maxAttempts && !closed) {
            counts.delayed += 1;
            const timer = setTimeout(
              () => {
                timers.delete(timer);
                counts.delayed -= 1;
                waiting.push({ ...job, attempt: job.attempt + 1 });
                pump();
              },
              backoffDelay(job.attempt, opts, options.random),
            );
            timers.add(timer);
          } else {
            counts.failed += 1;
            known.delete(job.taskId);
          }
        }
      })();
      running.add(work);
      void work.finally(() => {
        running.delete(work);
        pump();
        settleIdle();
      });
    }
  };

  return withQueueSizeGauge({
    kind: "in-process",
    async enqueue(taskId) {
      if (closed) throw new Error("The task queue is closed");
      if (known.has(taskId)) return;
      known.add(taskId);
      waiting.push({ taskId, attempt: 1, maxAttempts: opts.attempts });
      pump();
    },
    async counts(): Promise<QueueCounts> {
      return { waiting: waiting.length, active: running.size, ...counts };
    },
    /** Resolves when nothing is waiting, running or scheduled for retry (for tests and benchmarks). */
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      waiting.length = 0;
      await Promise.allSettled([...running]);
    },
  });
}
