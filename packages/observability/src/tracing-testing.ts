// For tests: the real SDK started as in production (tracing-sdk.ts), with the SDK's own
// InMemorySpanExporter in place of OTLP, so a test reads the spans its code produced.
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { startTracing, stopTracing } from "./tracing";

export { SpanKind, SpanStatusCode } from "@opentelemetry/api";
export type { ReadableSpan };

export interface RecordedSpans {
  /** The spans ended so far, oldest first (after the processor has handed them all over). */
  spans(): Promise<ReadableSpan[]>;
  /** The ended spans called `name`. */
  named(name: string): Promise<ReadableSpan[]>;
  reset(): void;
  /** Unregisters the SDK (call in afterAll). */
  stop(): Promise<void>;
}

/** Starts tracing in this process with an in-memory exporter. */
export async function recordSpans(
  serviceName = "toolboxai-test",
  options: { trustIncomingTrace?: boolean } = {},
): Promise<RecordedSpans> {
  const exporter = new InMemorySpanExporter();
  const handle = await startTracing({ serviceName, exporter, ...options });
  // Spans reach the exporter once the resource's attributes are detected: flush before reading.
  const spans = async () => {
    await handle?.forceFlush();
    return exporter.getFinishedSpans();
  };
  return {
    spans,
    named: async (name) => (await spans()).filter((span) => span.name === name),
    reset: () => exporter.reset(),
    stop: stopTracing,
  };
}
