// Wires the agents for one process from its configuration: the provider (OpenAI or offline)
// behind the resilience policies, the assistants' conversation model (the same upstream, behind
// the same policies), the response cache, the queue and the pipeline.
import { hostname } from "node:os";
import type { Database } from "@toolboxai/db";
import { traceQueueJob } from "@toolboxai/observability/tracing";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { agents } from "./agents";
import {
  type BreakerBoard,
  createMemoryBreakerBoard,
  createRedisBreakerBoard,
  type ProcessRole,
  worstBreakerState,
} from "./breaker-board";
import { createMemoryCache, createRedisCache, type ResponseCache } from "./cache";
import { createOfflineConversationModel } from "./conversation/offline";
import { createOpenAIConversationModel } from "./conversation/openai";
import { resilientConversationModel } from "./conversation/resilient";
import type { ConversationModel } from "./conversation/types";
import type { TaskCorrelation } from "./correlation";
import type { TaskEventPublisher } from "./events";
import { processTask } from "./pipeline";
import type { BudgetGate, PipelineDeps } from "./pipeline-context";
import { createOfflineProvider } from "./providers/offline";
import { createOpenAIProvider } from "./providers/openai";
import { createBullQueue, createBullWorker, QUEUE_NAME } from "./queue/bullmq";
import { createInProcessQueue } from "./queue/in-process";
import type { QueueCounts, TaskJob, TaskQueue } from "./queue/types";
import { throttledErrorLog } from "./quiet-errors";
import { type BreakerState, createResilientProvider, type ResilienceInput } from "./resilience";
import type { Materializer } from "./task-types";
import type { ModelProvider } from "./types";

export interface AgentConfig {
  openai: { apiKey?: string | undefined; model: string; baseURL?: string | undefined };
  /** The offline model's simulated latency per call (ms), for demos and the e2e suite. */
  offlineLatencyMs?: number | undefined;
  /**
   * The offline model's hold file (OFFLINE_MODEL_HOLD_FILE), for tests: while it exists, offline
   * calls wait before answering (see `createOfflineProvider`).
   */
  offlineHoldFile?: string | undefined;
  /** The offline conversation model's wait between two streamed words (ms). */
  offlineTokenDelayMs?: number | undefined;
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
  /** The worst breaker state among the processes that run tasks ("closed" when none reported). */
  breaker: BreakerState;
  /**
   * Every process that runs tasks and reported lately, with its own breaker; null when the board
   * could not be read. Empty with Redis means no worker is running: queued tasks wait.
   */
  processes: { name: string; role: ProcessRole; breaker: BreakerState; reportedAt: number }[] | null;
  cache: { hits: number; misses: number } | null;
}

export interface AgentRuntime {
  provider: ModelProvider & { breakerState(): AgentStatus["breaker"] };
  /**
   * The assistants' streamed replies, from the same model as `provider` and behind the same
   * policies (timeout, retries before the first event, and the very same breaker).
   */
  conversation: ConversationModel;
  queue: TaskQueue;
  cache: ResponseCache;
  deps: PipelineDeps;
  /** Queues every task that is not finished (after a restart, or a lost enqueue). */
  resumeUnfinished(): Promise<number>;
  status(): Promise<AgentStatus>;
  close(): Promise<void>;
}

const STATUS_WAIT_MS = 1500;
/** How often a task-running process re-reports its breaker (its heartbeat on the board). */
const BREAKER_HEARTBEAT_MS = 10_000;

/** The promise's value, or null when it fails or takes longer than `ms`. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise.catch(() => null), late]).finally(() => clearTimeout(timer));
}

export function createProvider(config: AgentConfig, correlation?: TaskCorrelation): ModelProvider {
  // A base URL alone also means a real model: local servers such as Ollama need no key, but the
  // SDK insists on one, so a placeholder is sent (they ignore it).
  if (config.openai.apiKey || config.openai.baseURL) {
    return createOpenAIProvider({
      apiKey: config.openai.apiKey ?? "not-needed",
      model: config.openai.model,
      baseURL: config.openai.baseURL,
      headers: correlation ? () => correlation.outgoingHeaders() : undefined,
    });
  }
  return createOfflineProvider(agents, { latencyMs: config.offlineLatencyMs ?? 0, holdFile: config.offlineHoldFile });
}

/** The conversation model for the same configuration as `createProvider` (OpenAI, else offline). */
export function createConversationModel(config: AgentConfig, correlation?: TaskCorrelation): ConversationModel {
  if (config.openai.apiKey || config.openai.baseURL) {
    return createOpenAIConversationModel({
      apiKey: config.openai.apiKey ?? "not-needed",
      model: config.openai.model,
      baseURL: config.openai.baseURL,
      headers: correlation ? () => correlation.outgoingHeaders() : undefined,
    });
  }
  return createOfflineConversationModel({ tokenDelayMs: config.offlineTokenDelayMs ?? 0 });
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
  /** How this process shows on the breaker board; defaults to "worker" when it consumes from Redis. */
  role?: ProcessRole;
  /** The board processes report their breaker to; by default Redis (with `redisUrl`) or memory. */
  breakerBoard?: BreakerBoard;
  /** BullMQ job lock: how soon another worker takes over a dead worker's task. */
  lockDurationMs?: number;
  /**
   * Runs each attempt in the correlation of the request that queued the task (its log lines and
   * model calls carry that id): @toolboxai/core's `taskCorrelation(<service>)`.
   */
  correlation?: TaskCorrelation;
  /** Refuses model calls when the organization's AI budget is used up: @toolboxai/core's `aiBudgetGate(db)`. */
  budget?: BudgetGate;
}): AgentRuntime {
  const { db, config, logger } = options;
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
  const board =
    options.breakerBoard ??
    (redis ? createRedisBreakerBoard(redis, { prefix: config.queuePrefix, logger }) : createMemoryBreakerBoard());
  // Only processes that run tasks call the model, so only their breakers mean anything.
  const runsTasks = !config.redisUrl || options.consume === true;
  const role: ProcessRole = options.role ?? (config.redisUrl && options.consume ? "worker" : "web");
  const processName = `${role}:${hostname()}:${process.pid}`;
  const reportBreaker = () => {
    if (!runsTasks) return;
    board
      .report({ process: processName, role, state: provider.breakerState(), at: Date.now() })
      .catch((err) => logger?.debug({ err }, "could not report the circuit breaker"));
  };
  const provider = createResilientProvider(createProvider(config, options.correlation), {
    timeoutMs: config.timeoutMs,
    ...config.resilience,
    onEvent: (event) => {
      logger?.info({ event }, "model call");
      if (event.type === "breaker") reportBreaker();
    },
  });
  // Shares the provider's policies, breaker included: both call the same upstream.
  const conversation = resilientConversationModel(
    createConversationModel(config, options.correlation),
    provider.resilience,
  );
  reportBreaker();
  const heartbeat = runsTasks ? setInterval(reportBreaker, BREAKER_HEARTBEAT_MS) : null;
  heartbeat?.unref();
  const cache = redis ? createRedisCache(redis) : createMemoryCache();
  const deps: PipelineDeps = {
    db,
    provider,
    cache,
    publisher: options.publisher,
    materialize: options.materialize,
    logger,
    budget: options.budget,
  };
  const attempt = (job: TaskJob) =>
    processTask(deps, job.taskId, { number: job.attempt, max: job.maxAttempts }).then((outcome) => {
      logger?.info({ taskId: job.taskId, attempt: job.attempt, outcome }, "agent task attempt finished");
    });
  // Each delivery is a "queue.job" span (task, attempt, correlation id) when tracing is on.
  const traced = (job: TaskJob, correlationId: string | null) =>
    traceQueueJob({ queue: QUEUE_NAME, ...job, correlationId }, () => attempt(job));
  const runJob = async (job: TaskJob) => {
    const correlation = options.correlation;
    if (!correlation) return traced(job, null);
    const row = await db.agentTask.findUnique({ where: { id: job.taskId }, select: { correlationId: true } });
    const correlationId = row?.correlationId ?? null;
    return correlation.run({ id: job.taskId, correlationId }, () => traced(job, correlationId));
  };
  const queueOptions = {
    concurrency: config.concurrency,
    attempts: config.attempts,
    ...(config.backoffMs ? { backoffMs: config.backoffMs } : {}),
  };

  let queue: TaskQueue;
  let worker: ReturnType<typeof createBullWorker> | null = null;
  if (config.redisUrl) {
    queue = createBullQueue({
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      onError: throttledErrorLog(logger, "task queue: Redis error (repeats are logged once a minute)"),
      ...queueOptions,
    });
    if (options.consume) {
      const lock = options.lockDurationMs ?? 30_000;
      worker = createBullWorker(runJob, {
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix,
        lockDurationMs: lock,
        stalledIntervalMs: Math.max(500, Math.floor(lock / 2)),
        ...queueOptions,
      });
      worker.on("error", throttledErrorLog(logger, "queue worker error (repeats are logged once a minute)"));
    }
  } else {
    queue = createInProcessQueue(runJob, queueOptions);
  }

  return {
    provider,
    conversation,
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
      const [counts, stats, reports] = await Promise.all([
        within(STATUS_WAIT_MS, queue.counts()),
        within(STATUS_WAIT_MS, cache.stats()),
        within(STATUS_WAIT_MS, board.read()),
      ]);
      const processes =
        reports?.map((r) => ({ name: r.process, role: r.role, breaker: r.state, reportedAt: r.at })) ?? null;
      // This process's own breaker is always known, even if its report has not landed yet.
      const states = processes?.map((p) => p.breaker) ?? [];
      if (runsTasks) states.push(provider.breakerState());
      return {
        provider: provider.name,
        model: provider.model,
        offline: provider.name === "offline",
        queue: queue.kind,
        counts,
        breaker: worstBreakerState(states),
        processes,
        cache: stats ? { hits: stats.hits, misses: stats.misses } : null,
      };
    },
    async close() {
      if (heartbeat) clearInterval(heartbeat);
      if (runsTasks) await within(STATUS_WAIT_MS, board.remove(processName));
      await worker?.close();
      await queue.close();
      redis?.disconnect();
    },
  };
}
