// The OpenTelemetry SDK, loaded by tracing.ts only when tracing is on. NodeSDK registers the tracer
// provider, the AsyncLocalStorage context manager and the W3C trace-context propagator globally,
// where Next's own spans (one per request, render and route handler) and @prisma/instrumentation
// (one per query, under each Prisma operation; it reads the global when the client runs a query, so
// it works with Prisma 7's driver adapters, PGlite and pg alike) find them.
import { context, propagation, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { NodeSDK } from "@opentelemetry/sdk-node";
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace";
import { PrismaInstrumentation } from "@prisma/instrumentation";

export interface StartTracingOptions {
  serviceName: string;
  /** The OTLP/HTTP collector (spans go to `<endpoint>/v1/traces`); null or absent: tracing stays off. */
  endpoint?: string | null;
  /** Tests: send spans here instead (the SDK's InMemorySpanExporter), one at a time as they end. */
  exporter?: SpanExporter;
}

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
    processor = new SimpleSpanProcessor({ exporter: options.exporter });
  } else if (options.endpoint) {
    processor = new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: tracesUrl(options.endpoint) }) });
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
