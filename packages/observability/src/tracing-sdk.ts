// The OpenTelemetry SDK, loaded by tracing.ts only when tracing is on. NodeSDK registers the tracer
// provider, the AsyncLocalStorage context manager and the propagator globally, where Next's own
// spans (one per request, render and route handler) and @prisma/instrumentation (one per query,
// under each Prisma operation; it reads the global when the client runs a query, so it works with
// Prisma 7's driver adapters, PGlite and pg alike) find them. Spans leave through
// ./tracing-scrub.ts (URLs without their query strings); an incoming `traceparent` is honoured only
// with `trustIncomingTrace`.
import { context, propagation, type TextMapPropagator, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { NodeSDK } from "@opentelemetry/sdk-node";
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { scrubbingExporter } from "./tracing-scrub";

export interface StartTracingOptions {
  serviceName: string;
  /** The OTLP/HTTP collector (spans go to `<endpoint>/v1/traces`); null or absent: tracing stays off. */
  endpoint?: string | null;
  /** Tests: send spans here instead (the SDK's InMemorySpanExporter), one at a time as they end. */
  exporter?: SpanExporter;
  /**
   * Whether a request's incoming `traceparent` (W3C trace context) makes the request's span a child
   * of the caller's trace (OTEL_TRUST_INCOMING_TRACE). Off by default: any client could otherwise
   * choose the trace ids the platform records under (or join a trace of someone else's); turn it on
   * behind a proxy or gateway that starts the traces and strips the header from outside callers.
   */
  trustIncomingTrace?: boolean;
}

/**
 * A propagator that reads nothing from incoming headers (and writes nothing: the platform's calls
 * to other services carry correlation ids, not trace context), so every request starts its own trace.
 */
const IGNORE_INCOMING_TRACE: TextMapPropagator = {
  inject: () => {},
  extract: (ctx) => ctx,
  fields: () => [],
};

export interface TracingHandle {
  /** Sends the spans still waiting in the batch. */
  forceFlush(): Promise<void>;
  /** Flushes, then unregisters the SDK. */
  shutdown(): Promise<void>;
}

/** `<endpoint>/v1/traces`, as the OTLP/HTTP specification derives it from OTEL_EXPORTER_OTLP_ENDPOINT. */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, "")}/v1/traces`;
}

export function startTracingSdk(options: StartTracingOptions): TracingHandle {
  let processor: SpanProcessor;
  if (options.exporter) {
    processor = new SimpleSpanProcessor({ exporter: scrubbingExporter(options.exporter) });
  } else if (options.endpoint) {
    const otlp = new OTLPTraceExporter({ url: tracesUrl(options.endpoint) });
    processor = new BatchSpanProcessor({ exporter: scrubbingExporter(otlp) });
  } else {
    throw new Error("startTracingSdk needs an endpoint or an exporter");
  }
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: [processor],
    // Traces only: metrics are Prometheus' (metrics.ts), logs are pino's lines on stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [new PrismaInstrumentation()],
    // Absent: the SDK's default (W3C trace context and baggage, or OTEL_PROPAGATORS).
    ...(options.trustIncomingTrace ? {} : { textMapPropagator: IGNORE_INCOMING_TRACE }),
  });
  sdk.start();
  return {
    forceFlush: () => processor.forceFlush(),
    async shutdown() {
      await sdk.shutdown();
      // NodeSDK leaves its (now shut down) globals registered; clear them so tracing can start again.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
