// Wires the agents for one process from its configuration: the provider (OpenAI or offline)
// behind the resilience policies, the response cache, the queue and the pipeline.
import type { Database } from "@toolboxai/db";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { agents } from "./agents";
import { createMemoryCache, createRedisCache, type ResponseCache } from "./cache";
import type { TaskEventPublisher } from "./events";
import { type Materializer, type PipelineDeps, processTask } from "./pipeline";
import { createOfflineProvider } from "./providers/offline";
import { createOpenAIProvider } from "./providers/openai";
import { createBullQueue, createBullWorker } from "./queue/bullmq";
import { createInProcessQueue } from "./queue/in-process";
import type { QueueCounts, TaskJob, TaskQueue } from "./queue/types";
import { createResilientProvider, type ResilienceInput } from "./resilience";
import type { ModelProvider } from "./types";

export interface AgentConfig {
  openai: { apiKey?: string | undefined; model: string; baseURL?: string | undefined };
  /** The offline model's simulated latency per call (ms), for demos and the e2e suite. */
  offlineLatencyMs?: number | undefined;
  redisUrl?: string | undefined;
  /** Tasks run at once per process. */
  concurrency: number;
  /** Deliveries per task before it is marked FAILED. */
  attempts: number;
  /** Per model call. */
  timeoutMs: number;
  queuePrefix?: string | undefined;
  resilience?: ResilienceInput | undefined;
  backoffMs?: number | undefined;
}

export interface AgentStatus {
  provider: string;
  model: string;
  offline: boolean;
  queue: TaskQueue["kind"];
  /** Null when the queue could not be read in time (Redis unreachable). */
  counts: QueueCounts | null;
  breaker: "closed" | "open" | "half-open";
  cache: { hits: number; misses: number } | null;
}

export interface AgentRuntime {
  provider: ModelProvider & { breakerState(): AgentStatus["breaker"] };
  queue: TaskQueue;
  cache: ResponseCache;
  deps: PipelineDeps;
  /** Queues every task that is not finished (after a restart, or a lost enqueue). */
  resumeUnfinished(): Promise<number>;
  status(): Promise<AgentStatus>;
  close(): Promise<void>;
}

const STATUS_WAIT_MS = 1500;

/** The promise's value, or null when it fails or takes longer than `ms`. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise.catch(() => null), late]).finally(() => clearTimeout(timer));
}

export function createProvider(config: AgentConfig): ModelProvider {
  if (config.openai.apiKey) {
    return createOpenAIProvider({
      apiKey: config.openai.apiKey,
      model: config.openai.model,
      baseURL: config.openai.baseURL,
    });
  }
  return createOfflineProvider(agents, { latencyMs: config.offlineLatencyMs ?? 0 });
}

/**
 * `consume`: whether this process runs tasks. The in-process queue always does; with Redis the
 * web app only enqueues (unless told to consume) and `apps/worker` processes consume.
 */
export function createAgentRuntime(options: {
  db: Database;
  config: AgentConfig;
  materialize: Materializer;
  publisher: TaskEventPublisher;
  logger?: Logger | undefined;
  consume?: boolean;
  /** BullMQ job lock: how soon another worker takes over a dead worker's task. */
  lockDurationMs?: number;
}): AgentRuntime {
  const { db, config, logger } = options;
  const provider = createResilientProvider(createProvider(config), {
    timeoutMs: config.timeoutMs,
    ...config.resilience,
    onEvent: (event) => logger?.info({ event }, "model call"),
  });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
  const cache = redis ? createRedisCache(redis) : createMemoryCache();
  const deps: PipelineDeps = {
    db,
    provider,
    cache,
    publisher: options.publisher,
    materialize: options.materialize,
    logger,
  };
  const runJob = (job: TaskJob) =>
    processTask(deps, job.taskId, { number: job.attempt, max: job.maxAttempts }).then((outcome) => {
      logger?.info({ taskId: job.taskId, attempt: job.attempt, outcome }, "agent task attempt finished");
    });
  const queueOptions = {
    concurrency: config.concurrency,
    attempts: config.attempts,
    ...(config.backoffMs ? { backoffMs: config.backoffMs } : {}),
  };

  let queue: TaskQueue;
  let worker: ReturnType<typeof createBullWorker> | null = null;
  if (config.redisUrl) {
    queue = createBullQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix, ...queueOptions });
    if (options.consume) {
      const lock = options.lockDurationMs ?? 30_000;
      worker = createBullWorker(runJob, {
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix,
        lockDurationMs: lock,
        stalledIntervalMs: Math.max(500, Math.floor(lock / 2)),
        ...queueOptions,
      });
      worker.on("error", (err) => logger?.error({ err }, "queue worker error"));
    }
  } else {
    queue = createInProcessQueue(runJob, queueOptions);
  }

  return {
    provider,
    queue,
    cache,
    deps,
    async resumeUnfinished() {
      const unfinished = await db.agentTask.findMany({
        where: { status: { in: ["QUEUED", "PROCESSING", "RETRYING"] } },
        select: { id: true },
        orderBy: { queuedAt: "asc" },
      });
      for (const task of unfinished) await queue.enqueue(task.id);
      return unfinished.length;
    },
    async status() {
      // Informational: a part that can't be read in time is reported as unknown, never thrown.
      const [counts, stats] = await Promise.all([
        within(STATUS_WAIT_MS, queue.counts()),
        within(STATUS_WAIT_MS, cache.stats()),
      ]);
      return {
        provider: provider.name,
        model: provider.model,
        offline: provider.name === "offline",
        queue: queue.kind,
        counts,
        breaker: provider.breakerState(),
        cache: stats ? { hits: stats.hits, misses: stats.misses } : null,
      };
    },
    async close() {
      await worker?.close();
      await queue.close();
      redis?.disconnect();
    },
  };
}
