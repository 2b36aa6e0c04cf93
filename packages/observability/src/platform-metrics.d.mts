import type client from "prom-client";

/** An agent queue's counts, as its `counts()` answers them. */
export interface QueueSizes {
  waiting: number;
  active: number;
  delayed: number;
}

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
  /** agent_queue_size reads `read()` at each scrape (summed over queues) until the returned function is called. */
  observeQueue(read: () => Promise<QueueSizes>): () => void;
  /** database_connections_active reads `read()` at each scrape (summed over pools) until the returned function is called. */
  observeDatabasePool(read: () => number): () => void;
}

export function platformMetrics(): PlatformMetrics;
