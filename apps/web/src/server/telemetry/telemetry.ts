// The web server's tracing and error tracking, started by src/instrumentation.ts's register() in
// the Node.js runtime. Both are off unless configured (OTEL_EXPORTER_OTLP_ENDPOINT, SENTRY_DSN):
// then neither SDK is loaded. Not "server-only": the instrumentation hook is bundled apart from the
// React Server Components graph.
import { readErrorTrackingEnv, readTracingEnv } from "@toolboxai/observability/env";
import { captureError, flushErrors, startErrorTracking } from "@toolboxai/observability/errors";
import { startTracing } from "@toolboxai/observability/tracing";

export const WEB_SERVICE_NAME = "toolboxai-web";

type Vars = Record<string, string | undefined>;

/** Starts what is configured; returns which parts are on. */
export async function startTelemetry(env?: Vars): Promise<{ tracing: boolean; errorTracking: boolean }> {
  const tracing = readTracingEnv(WEB_SERVICE_NAME, env);
  const errors = readErrorTrackingEnv(env);
  const [tracer, errorTracking] = await Promise.all([
    startTracing({
      serviceName: tracing.serviceName,
      endpoint: tracing.endpoint,
      trustIncomingTrace: tracing.trustIncomingTrace,
    }),
    startErrorTracking({
      dsn: errors.dsn,
      serviceName: tracing.serviceName,
      environment: errors.environment,
      release: errors.release,
    }),
  ]);
  return { tracing: tracer !== null, errorTracking };
}

/** As CORRELATION_HEADER in packages/core/src/correlation/ids.ts (core is not loaded in this hook's bundle). */
const CORRELATION_HEADER = "x-toolboxai-correlation";
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The correlation id of a request as the production server chose it (the JSON it hands the app in
 * CORRELATION_HEADER), else the client's X-Correlation-ID when sane.
 */
export function requestCorrelationId(headers: Headers): string | null {
  const chosen = header(headers, CORRELATION_HEADER);
  if (chosen) {
    try {
      const id = (JSON.parse(chosen) as { correlationId?: unknown }).correlationId;
      if (typeof id === "string" && SANE_ID.test(id)) return id;
    } catch {
      // Not the server's JSON: fall back to the client's header.
    }
  }
  const given = header(headers, "x-correlation-id");
  return given && SANE_ID.test(given) ? given : null;
}

export interface RequestErrorInfo {
  path: string;
  method: string;
  headers: Headers;
}

export interface RequestErrorContext {
  routePath: string;
  routeType: string;
}

/**
 * Next's onRequestError: reports the error (when error tracking is on) tagged with the request's
 * correlation id, method and route, and waits until it is sent.
 */
export async function reportRequestError(
  error: unknown,
  request: RequestErrorInfo,
  context: RequestErrorContext,
): Promise<void> {
  const correlationId = requestCorrelationId(request.headers);
  const id = captureError(error, {
    ...(correlationId ? { correlation_id: correlationId } : {}),
    "http.method": request.method,
    "next.route": context.routePath,
    "next.route_type": context.routeType,
  });
  if (id) await flushErrors();
}
