// waitForTask: poll an agent task (GET /agents/tasks/{taskId}) until it has finished.
import type { ToolboxClientCore } from "./core";
import { ToolboxApiError } from "./errors";

type AgentTask = Awaited<ReturnType<typeof getTask>>;

/** The statuses after which a task changes no more. */
export const FINISHED_TASK_STATUSES = ["COMPLETED", "FAILED", "CANCELLED"] as const;

export interface WaitForTaskOptions {
  /** Time between two polls (default 1000 ms). */
  intervalMs?: number;
  /** Give up after this long (default 10 minutes): the promise rejects with a TaskTimeoutError. */
  timeoutMs?: number;
  /** Called with the task after every poll whose status, progress or current step changed. */
  onProgress?: (task: AgentTask) => void;
  /** Stops waiting (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** Waiting for a task took longer than `timeoutMs`; `task` is what the last poll saw. */
export class TaskTimeoutError extends Error {
  override readonly name = "TaskTimeoutError";
  constructor(
    readonly task: AgentTask,
    timeoutMs: number,
  ) {
    super(`Task ${task.id} was still ${task.status} after ${timeoutMs} ms.`);
  }
}

function getTask(client: ToolboxClientCore, taskId: string) {
  return client.get("/agents/tasks/{taskId}", { params: { path: { taskId } } });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

function fingerprint(task: AgentTask): string {
  return `${task.status} ${task.progress} ${task.currentStep ?? ""}`;
}

/**
 * Polls the task until it is COMPLETED, FAILED or CANCELLED, and resolves to it (a failed task
 * resolves too: read `status` and `error`). A 429 while polling waits the Retry-After and goes on.
 */
export async function waitForTask(
  client: ToolboxClientCore,
  taskId: string,
  options: WaitForTaskOptions = {},
): Promise<AgentTask> {
  const intervalMs = options.intervalMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const deadline = Date.now() + timeoutMs;
  let last: AgentTask | undefined;
  let seen = "";
  for (;;) {
    options.signal?.throwIfAborted();
    let wait = intervalMs;
    try {
      const task = await getTask(client, taskId);
      last = task;
      const now = fingerprint(task);
      if (now !== seen) {
        seen = now;
        options.onProgress?.(task);
      }
      if ((FINISHED_TASK_STATUSES as readonly string[]).includes(task.status)) return task;
    } catch (error) {
      if (!(error instanceof ToolboxApiError && error.status === 429)) throw error;
      wait = Math.max(intervalMs, (error.rateLimit.retryAfterSeconds ?? 1) * 1000);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      if (last) throw new TaskTimeoutError(last, timeoutMs);
      throw new Error(`Task ${taskId} could not be read within ${timeoutMs} ms (rate limited).`);
    }
    await sleep(Math.min(wait, left), options.signal);
  }
}
