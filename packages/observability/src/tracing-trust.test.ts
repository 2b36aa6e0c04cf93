// With OTEL_TRUST_INCOMING_TRACE (trustIncomingTrace), a request carrying a W3C `traceparent`
// continues the caller's trace: its span has the caller's trace id and the caller's span as parent.
import { context, propagation, SpanKind } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSpan } from "./tracing";
import { type RecordedSpans, recordSpans } from "./tracing-testing";

let recorded: RecordedSpans;
beforeAll(async () => {
  recorded = await recordSpans("toolboxai-trust-test", { trustIncomingTrace: true });
});
afterAll(() => recorded.stop());

describe("an incoming traceparent, when trusted", () => {
  it("makes the request's span a child of the caller's span, in the caller's trace", async () => {
    const incoming = propagation.extract(context.active(), {
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    });
    await context.with(incoming, () => withSpan("GET /api/v1/content", { kind: SpanKind.SERVER }, async () => {}));
    const [span] = await recorded.spans();
    expect(span?.spanContext().traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(span?.parentSpanContext?.spanId).toBe("00f067aa0ba902b7");
  });
});
