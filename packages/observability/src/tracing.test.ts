import { Writable } from "node:stream";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { traceLogFields, traceModelCall, traceQueueJob, withSpan, withTraceFields } from "./tracing";
import { type RecordedSpans, recordSpans } from "./tracing-testing";

let recorded: RecordedSpans;
beforeAll(async () => {
  recorded = await recordSpans("toolboxai-test");
});
afterAll(() => recorded.stop());
beforeEach(() => recorded.reset());

function captureLines() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = (mixin: () => object) => pino({ base: null, mixin }, stream);
  return { lines, logger };
}

describe("spans", () => {
  it("records a span with the service name, nested under the span it started in", async () => {
    await withSpan("outer", {}, () => withSpan("inner", { attributes: { n: 1 } }, async () => {}));
    const [inner, outer] = await recorded.spans();
    expect(inner?.name).toBe("inner");
    expect(inner?.attributes).toEqual({ n: 1 });
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(inner?.resource.attributes["service.name"]).toBe("toolboxai-test");
  });

  it("marks a span whose work threw as failed, with the exception, and rethrows", async () => {
    await expect(withSpan("broken", {}, async () => Promise.reject(new Error("disk full")))).rejects.toThrow(
      "disk full",
    );
    const [span] = await recorded.named("broken");
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: "disk full" });
    expect(span?.events.map((e) => [e.name, e.attributes?.["exception.message"]])).toEqual([
      ["exception", "disk full"],
    ]);
  });

  it("gives a model call a client span with the provider, models, agent and tokens", async () => {
    const reply = { content: "{}", model: "gpt-4o-2024-08-06", usage: { promptTokens: 120, completionTokens: 45 } };
    await traceModelCall({ provider: "openai", model: "gpt-4o", agent: "quiz" }, async () => reply);
    const [span] = await recorded.named("model.call");
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.attributes).toMatchObject({
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.agent.name": "quiz",
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": 45,
    });
  });

  it("gives a queue job a consumer span carrying the task and the correlation id", async () => {
    const job = { queue: "agent-tasks", taskId: "task_1", attempt: 2, maxAttempts: 3, correlationId: "corr-42" };
    await traceQueueJob(job, async () => "done");
    const [span] = await recorded.named("queue.job agent-tasks");
    expect(span?.kind).toBe(SpanKind.CONSUMER);
    expect(span?.attributes).toMatchObject({
      "toolboxai.task_id": "task_1",
      "toolboxai.correlation_id": "corr-42",
      "toolboxai.attempt": 2,
      "messaging.message.id": "task_1",
    });
  });
});

describe("trace ids in log lines", () => {
  it("puts the active span's trace_id and span_id in a line logged inside it", async () => {
    const { lines, logger } = captureLines();
    const log = logger(withTraceFields(() => ({ correlationId: "corr-1" })));
    await withSpan("request", {}, async () => log.info("inside"));
    const [span] = await recorded.named("request");
    expect(lines[0]).toMatchObject({
      msg: "inside",
      correlationId: "corr-1",
      trace_id: span?.spanContext().traceId,
      span_id: span?.spanContext().spanId,
    });
    expect(lines[0]?.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("adds nothing to a line logged outside any span", () => {
    const { lines, logger } = captureLines();
    logger(withTraceFields(() => ({}))).info("outside");
    expect(lines[0]).not.toHaveProperty("trace_id");
    expect(traceLogFields()).toEqual({});
  });
});
