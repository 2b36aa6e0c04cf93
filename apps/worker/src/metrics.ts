// The worker's Prometheus metrics: GET /metrics on WORKER_METRICS_PORT (unset: none), on
// WORKER_METRICS_HOST (default 127.0.0.1), behind METRICS_TOKEN when it is set. The series are the
// agents' (agent_executions_total, agent_execution_duration_seconds, agent_queue_size),
// database_connections_active, the caches' and Node's defaults.
import type { DatabaseHandle } from "@toolboxai/db";
import { type MetricsEnv, platformMetrics, startMetricsServer } from "@toolboxai/observability/metrics";
import type { Logger } from "pino";

export interface WorkerMetrics {
  /** Where the listener answers, e.g. http://127.0.0.1:9464/metrics. */
  url: string;
  close(): Promise<void>;
}

export async function startWorkerMetrics(
  env: MetricsEnv,
  database: DatabaseHandle,
  logger: Pick<Logger, "info">,
): Promise<WorkerMetrics | null> {
  if (!env.worker) return null;
  const unobserve = platformMetrics().observeDatabasePool(() => database.connection.openConnections());
  const server = await startMetricsServer({ ...env.worker, token: env.token });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.worker.port;
  const url = `http://${env.worker.host}:${port}/metrics`;
  logger.info({ url, token: env.token !== null }, "metrics listening");
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        unobserve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
