// Next's instrumentation hook: register() runs once per server before it takes requests, and
// onRequestError for every error Next catches while serving one. Both load the telemetry module in
// the Node.js runtime only; it starts OpenTelemetry (OTEL_EXPORTER_OTLP_ENDPOINT) and Sentry
// (SENTRY_DSN) when configured, and nothing otherwise. Next's own request spans join our tracer
// provider once it is registered.
import type { Instrumentation } from "next";

// biome-ignore lint/style/noProcessEnv: NEXT_RUNTIME is set by Next itself (and inlined per runtime at build time).
const nodeRuntime = () => process.env.NEXT_RUNTIME === "nodejs";

export async function register(): Promise<void> {
  if (!nodeRuntime()) return;
  const { startTelemetry } = await import("./server/telemetry/telemetry");
  await startTelemetry();
  // Retention, the erasure purge and expired exports run on their own (see server/data-protection).
  const { startWebDataProtection } = await import("./server/data-protection");
  startWebDataProtection();
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (!nodeRuntime()) return;
  const { reportRequestError } = await import("./server/telemetry/telemetry");
  await reportRequestError(error, request, context);
};
