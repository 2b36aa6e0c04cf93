// The worker's tracing and error tracking, started when main.ts imports this module (before the
// database and the queue are opened). Both are off unless configured: OTEL_EXPORTER_OTLP_ENDPOINT
// sends a span per job, model call and query (service "toolboxai-worker" unless OTEL_SERVICE_NAME
// says otherwise); SENTRY_DSN reports the tasks that fail for good, tagged with their correlation id.
import { correlationLogFields } from "@toolboxai/core";
import { readErrorTrackingEnv, readTracingEnv } from "@toolboxai/observability/env";
import { startErrorTracking, stopErrorTracking } from "@toolboxai/observability/errors";
import { startTracing, stopTracing, withTraceFields } from "@toolboxai/observability/tracing";

export const WORKER_SERVICE_NAME = "toolboxai-worker";

const tracing = readTracingEnv(WORKER_SERVICE_NAME);
const errors = readErrorTrackingEnv();
await Promise.all([
  startTracing({ serviceName: tracing.serviceName, endpoint: tracing.endpoint }),
  startErrorTracking({
    dsn: errors.dsn,
    serviceName: tracing.serviceName,
    environment: errors.environment,
    release: errors.release,
  }),
]);

/**
 * The fields of every log line (pino's `mixin`): the correlation of the task attempt in hand and,
 * with tracing on, the trace_id and span_id of the span it was written in.
 */
export const logFields = withTraceFields(correlationLogFields);

/** Sends what is still buffered (spans, errors) before the process exits. */
export async function stopTelemetry(): Promise<void> {
  await Promise.all([stopTracing(), stopErrorTracking()]);
}
