// The instrumentation hook (src/instrumentation.ts) as Next calls it: register() starts nothing
// without configuration; onRequestError reports to Sentry, when it is on, with the request's
// correlation id as a tag (a local stand-in for Sentry's ingest receives the envelope).
import { type ProxyTracerProvider, trace } from "@opentelemetry/api";
import { stopErrorTracking } from "@toolboxai/observability/errors";
import { type FakeSentry, startFakeSentry } from "@toolboxai/observability/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onRequestError, register } from "~/instrumentation";
import { requestCorrelationId, startTelemetry } from "./telemetry";

const context = {
  routerKind: "App Router",
  routePath: "/api/v1/[...path]",
  routeType: "route",
  renderSource: "react-server-components",
  revalidateReason: undefined,
  renderType: "dynamic",
} as const;

let sentry: FakeSentry;
beforeAll(async () => {
  process.env.NEXT_RUNTIME = "nodejs";
  sentry = await startFakeSentry();
});
afterAll(async () => {
  await stopErrorTracking();
  await sentry.close();
});

describe("register() without OTEL_EXPORTER_OTLP_ENDPOINT or SENTRY_DSN", () => {
  it("registers no tracer provider and reports nothing", async () => {
    await register();
    const provider = trace.getTracerProvider() as ProxyTracerProvider;
    expect(provider.getDelegate().constructor.name).toBe("NoopTracerProvider");
    await onRequestError(new Error("unreported"), { path: "/x", method: "GET", headers: {} }, context);
    expect(sentry.paths()).toEqual([]);
  });
});

describe("onRequestError with SENTRY_DSN", () => {
  it("reports the error with its message and the request's correlation id, method and route as tags", async () => {
    expect(await startTelemetry({ SENTRY_DSN: sentry.dsn })).toEqual({ tracing: false, errorTracking: true });
    const headers = {
      "x-toolboxai-correlation": JSON.stringify({ correlationId: "corr-web-1", requestId: "req-1" }),
    };
    await onRequestError(
      new Error("The dashboard query failed"),
      { path: "/api/v1/x", method: "GET", headers },
      context,
    );
    const [event] = sentry.events();
    expect(event?.exception?.values[0]).toMatchObject({ type: "Error", value: "The dashboard query failed" });
    expect(event?.tags).toMatchObject({
      correlation_id: "corr-web-1",
      "http.method": "GET",
      "next.route": "/api/v1/[...path]",
      service: "toolboxai-web",
    });
  });
});

describe("requestCorrelationId", () => {
  it("takes the id the production server chose", () => {
    expect(requestCorrelationId({ "x-toolboxai-correlation": JSON.stringify({ correlationId: "corr-a" }) })).toBe(
      "corr-a",
    );
  });

  it("falls back to a sane X-Correlation-ID, and refuses one that is not", () => {
    expect(requestCorrelationId({ "x-toolboxai-correlation": "{not json", "x-correlation-id": "corr-b" })).toBe(
      "corr-b",
    );
    expect(requestCorrelationId({ "x-correlation-id": "bad id\n" })).toBeNull();
  });
});
