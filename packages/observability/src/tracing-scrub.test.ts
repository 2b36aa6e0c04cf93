// Secrets in URLs never reach the collector: spans go through the real SDK (tracing-sdk.ts) to the
// SDK's InMemorySpanExporter, as they would to OTLP, and are read back as exported.
import { context, propagation, SpanKind, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withSpan } from "./tracing";
import { type RecordedSpans, recordSpans } from "./tracing-testing";

let recorded: RecordedSpans;
beforeAll(async () => {
  recorded = await recordSpans("toolboxai-scrub-test");
});
afterAll(() => recorded.stop());
beforeEach(() => recorded.reset());

/** A request span as Next's base server starts it: named after, and carrying, the raw target. */
const requestSpan = (target: string, attributes: Record<string, string> = {}) =>
  withSpan(
    `GET ${target}`,
    { kind: SpanKind.SERVER, attributes: { "http.method": "GET", "http.target": target, ...attributes } },
    async () => {},
  );

describe("URLs in exported spans", () => {
  it("exports http.target without its query string, keeping the path", async () => {
    await requestSpan("/reset-password?token=s3cr3t-reset-token");
    const [span] = await recorded.spans();
    expect(span?.attributes["http.target"]).toBe("/reset-password");
  });

  it("exports url.full and http.url without their query strings or fragments", async () => {
    await requestSpan("/api/v1/metrics/dashboard", {
      "url.full": "https://school.example/api/v1/metrics/dashboard?api_key=tbx_live_secret#top",
      "http.url": "https://school.example/invite?code=abc123",
    });
    const [span] = await recorded.spans();
    expect(span?.attributes["url.full"]).toBe("https://school.example/api/v1/metrics/dashboard");
    expect(span?.attributes["http.url"]).toBe("https://school.example/invite");
  });

  it("exports no url.query at all", async () => {
    await requestSpan("/signin", { "url.query": "callbackUrl=%2F&token=abc" });
    const [span] = await recorded.spans();
    expect(span?.attributes).not.toHaveProperty("url.query");
  });

  it("exports a span named after a request target without the query", async () => {
    await requestSpan("/reset-password?token=s3cr3t-reset-token", { "next.span_name": "GET /reset-password?token=x" });
    const [span] = await recorded.spans();
    expect(span?.name).toBe("GET /reset-password");
    expect(span?.attributes["next.span_name"]).toBe("GET /reset-password");
  });

  it("leaves every other attribute, the ids and the parent as they were", async () => {
    await withSpan("outer", {}, () =>
      withSpan("db.query", { attributes: { "db.statement": "SELECT 1 WHERE a = '?'", n: 3 } }, async () => {}),
    );
    const [inner, outer] = await recorded.spans();
    expect(inner?.attributes).toEqual({ "db.statement": "SELECT 1 WHERE a = '?'", n: 3 });
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
  });
});

describe("an incoming traceparent, by default", () => {
  it("is ignored: the request starts a trace of its own", async () => {
    const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const incoming = propagation.extract(context.active(), {
      traceparent: `00-${callerTrace}-00f067aa0ba902b7-01`,
    });
    await context.with(incoming, () => requestSpan("/api/v1/content"));
    const [span] = await recorded.spans();
    expect(span?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span?.spanContext().traceId).not.toBe(callerTrace);
    expect(span?.parentSpanContext).toBeUndefined();
    expect(trace.getSpanContext(incoming)).toBeUndefined();
  });
});
