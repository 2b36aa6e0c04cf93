// The process's Prometheus metrics (prom-client): one registry per process, kept on globalThis.
// Plain JavaScript so that the web app's server (apps/web/scripts/serve.mjs, run by Node without
// TypeScript) and the bundled app create and find the same registry, whichever comes first; the
// TypeScript side (./metrics.ts) re-exports it with its types (./platform-metrics.d.mts).
// prom-client itself is one module instance: the web app keeps it out of its bundle
// (next.config.ts serverExternalPackages), so both resolve to the same file.
import client from "prom-client";

const KEY = Symbol.for("toolboxai.platformMetrics");

/** @typedef {import("./platform-metrics.d.mts").PlatformMetrics} PlatformMetrics */
/** @typedef {import("./platform-metrics.d.mts").QueueSizes} QueueSizes */

/** How long a scrape waits for a queue's counts. */
const QUEUE_READ_MS = 2_000;

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

/** @returns {PlatformMetrics} */
function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  /** @type {Set<() => Promise<QueueSizes>>} */
  const queues = new Set();
  /** @type {Set<() => number>} */
  const pools = new Set();
  return {
    registry,
    httpRequestsTotal: new client.Counter({
      name: "http_requests_total",
      help: "HTTP requests served, by method, route pattern and status code",
      labelNames: ["method", "route", "status"],
      registers,
    }),
    httpRequestDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "Time from a request's arrival to its response's end, in seconds",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    databaseConnectionsActive: new client.Gauge({
      name: "database_connections_active",
      help: "Database connections this process holds open at the scrape (its pg pool, which closes a connection idle for 10 s; PGlite: 1)",
      registers,
      collect() {
        if (pools.size === 0) return;
        let open = 0;
        for (const read of pools) open += read();
        this.set(open);
      },
    }),
    redisCacheHitsTotal: new client.Counter({
      name: "redis_cache_hits_total",
      help: "Cache lookups answered from the cache (Redis, or memory without it), by cache",
      labelNames: ["cache"],
      registers,
    }),
    redisCacheMissesTotal: new client.Counter({
      name: "redis_cache_misses_total",
      help: "Cache lookups that had to compute the answer, by cache",
      labelNames: ["cache"],
      registers,
    }),
    apiKeyUsageTotal: new client.Counter({
      name: "api_key_usage_total",
      help: "Requests made with an API key, by response status class (2xx, 4xx, 429, 5xx)",
      labelNames: ["status"],
      registers,
    }),
    agentExecutionsTotal: new client.Counter({
      name: "agent_executions_total",
      help: "Agent runs finished, by agent and status",
      labelNames: ["agent", "status"],
      registers,
    }),
    agentExecutionDuration: new client.Histogram({
      name: "agent_execution_duration_seconds",
      help: "How long an agent run took, in seconds",
      labelNames: ["agent", "status"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
    agentQueueSize: new client.Gauge({
      name: "agent_queue_size",
      help: "Agent tasks in the queue, by state (waiting, active, delayed)",
      labelNames: ["state"],
      registers,
      async collect() {
        if (queues.size === 0) return;
        const total = { waiting: 0, active: 0, delayed: 0 };
        // A queue that does not answer in time (Redis down) is left out rather than stalling the scrape.
        const counts = await Promise.allSettled([...queues].map((read) => withTimeout(read(), QUEUE_READ_MS)));
        for (const c of counts) {
          if (c.status !== "fulfilled") continue;
          total.waiting += c.value.waiting;
          total.active += c.value.active;
          total.delayed += c.value.delayed;
        }
        for (const [state, value] of Object.entries(total)) this.set({ state }, value);
      },
    }),
    observeQueue(read) {
      queues.add(read);
      return () => void queues.delete(read);
    },
    observeDatabasePool(read) {
      pools.add(read);
      return () => void pools.delete(read);
    },
  };
}

/** @returns {PlatformMetrics} this process's metrics, created on first use. */
export function platformMetrics() {
  /** @type {Record<symbol, PlatformMetrics | undefined>} */
  const holder = /** @type {never} */ (globalThis);
  holder[KEY] ??= create();
  return holder[KEY];
}
