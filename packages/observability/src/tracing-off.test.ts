import { ProxyTracerProvider, trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { readTracingEnv } from "./env";
import { startTracing, traceLogFields, withSpan } from "./tracing";

describe("tracing without OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  it("reads no endpoint, so tracing is off", () => {
    expect(readTracingEnv("toolboxai-web", {})).toEqual({
      endpoint: null,
      serviceName: "toolboxai-web",
      trustIncomingTrace: false,
    });
  });

  it("starts no SDK: no tracer provider is registered", async () => {
    expect(await startTracing({ serviceName: "toolboxai-web", endpoint: null })).toBeNull();
    const provider = trace.getTracerProvider();
    expect(provider).toBeInstanceOf(ProxyTracerProvider);
    // The API's default: the no-op provider, whose spans record nothing.
    expect((provider as ProxyTracerProvider).getDelegate().constructor.name).toBe("NoopTracerProvider");
  });

  it("runs spans as no-ops: nothing records, log lines get no trace ids", async () => {
    const seen = await withSpan("work", {}, async (span) => ({ recording: span.isRecording(), ids: traceLogFields() }));
    expect(seen).toEqual({ recording: false, ids: {} });
  });
});

describe("readTracingEnv", () => {
  it("takes the endpoint and the service name", () => {
    expect(
      readTracingEnv("toolboxai-web", {
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_SERVICE_NAME: "school-web",
      }),
    ).toEqual({ endpoint: "http://collector:4318", serviceName: "school-web", trustIncomingTrace: false });
  });

  it("trusts an incoming traceparent only when OTEL_TRUST_INCOMING_TRACE is true", () => {
    expect(readTracingEnv("toolboxai-web", { OTEL_TRUST_INCOMING_TRACE: "true" }).trustIncomingTrace).toBe(true);
    expect(() => readTracingEnv("toolboxai-web", { OTEL_TRUST_INCOMING_TRACE: "yes" })).toThrow(
      /OTEL_TRUST_INCOMING_TRACE="yes": expected true or false/,
    );
  });

  it("refuses an endpoint that is not an http(s) URL, naming the variable", () => {
    expect(() => readTracingEnv("toolboxai-web", { OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318": expected an http\(s\) URL/,
    );
  });
});
