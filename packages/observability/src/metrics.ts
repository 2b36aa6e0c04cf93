// The process's Prometheus metrics (prom-client): one registry per process, kept on globalThis so
// that every copy of this module (Next bundles server code apart from the custom server's own
// import) counts into the same series. Names and labels are the platform's published ones.
import client from "prom-client";

export interface PlatformMetrics {
  registry: client.Registry;
  httpRequestsTotal: client.Counter<"method" | "route" | "status">;
  httpRequestDuration: client.Histogram<"method" | "route" | "status">;
  databaseConnectionsActive: client.Gauge;
  redisCacheHitsTotal: client.Counter<"cache">;
  redisCacheMissesTotal: client.Counter<"cache">;
  apiKeyUsageTotal: client.Counter<"status">;
  agentExecutionsTotal: client.Counter<"agent" | "status">;
  agentExecutionDuration: client.Histogram<"agent" | "status">;
  agentQueueSize: client.Gauge<"state">;
}

const KEY = Symbol.for("toolboxai.platformMetrics");
type Holder = { [KEY]?: PlatformMetrics };

function create(): PlatformMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
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
      help: "Database connections open in this process's pool",
      registers,
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
    }),
  };
}

/** This process's metrics, created on first use. */
export function platformMetrics(): PlatformMetrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= create();
  return holder[KEY];
}
