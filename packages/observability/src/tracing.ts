// Tracing (OpenTelemetry). This module uses only @opentelemetry/api, so importing it costs nothing:
// until `startTracing` registers the SDK (when OTEL_EXPORTER_OTLP_ENDPOINT is set), every span
// below is the API's non-recording span and no SDK code is even loaded. The helpers put the
// platform's own spans around model calls and queue jobs; Next emits the request spans and
// @prisma/instrumentation the database ones (see tracing-sdk.ts).
import { type Attributes, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { withErrorTags } from "./error-tracking";
import type { StartTracingOptions, TracingHandle } from "./tracing-sdk";

export type { StartTracingOptions, TracingHandle };

/** The name of the tracer the platform's own spans come from. */
export const TRACER_NAME = "toolboxai";

const KEY = Symbol.for("toolboxai.tracing");
type Holder = { [KEY]?: Promise<TracingHandle> };

/**
 * Starts the OpenTelemetry SDK once per process (later calls get the same handle) when an endpoint
 * or an exporter is given; otherwise returns null and registers nothing.
 */
export function startTracing(options: StartTracingOptions): Promise<TracingHandle | null> {
  if (!options.endpoint && !options.exporter) return Promise.resolve(null);
  const holder = globalThis as Holder;
  holder[KEY] ??= import("./tracing-sdk").then((sdk) => sdk.startTracingSdk(options));
  return holder[KEY];
}

/** Stops the SDK started by `startTracing` (tests; a process that ends flushes through this). */
export async function stopTracing(): Promise<void> {
  const holder = globalThis as Holder;
  const started = holder[KEY];
  delete holder[KEY];
  await (await started)?.shutdown();
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `fn` in a new active span (a child of the current one), ended when `fn` settles; a thrown
 * error is recorded on the span, which is marked as failed, and rethrown.
 */
export function withSpan<T>(
  name: string,
  options: { attributes?: Attributes; kind?: SpanKind },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, options, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : errorMessage(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** What a model call answers that its span records. */
interface ModelReply {
  model: string;
  usage: { promptTokens: number; completionTokens: number };
}

/**
 * A model call's span, "model.call", with OpenTelemetry's generative-AI attribute names: the
 * provider (`openai`, `offline`), the model asked for and the one that answered, the agent, and
 * the tokens used.
 */
export function traceModelCall<R extends ModelReply>(
  call: { provider: string; model: string; agent: string },
  fn: () => Promise<R>,
): Promise<R> {
  const attributes = {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": call.provider,
    "gen_ai.request.model": call.model,
    "gen_ai.agent.name": call.agent,
  };
  return withSpan("model.call", { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const reply = await fn();
    span.setAttributes({
      "gen_ai.response.model": reply.model,
      "gen_ai.usage.input_tokens": reply.usage.promptTokens,
      "gen_ai.usage.output_tokens": reply.usage.completionTokens,
    });
    return reply;
  });
}

/** A model provider as far as tracing sees it: its name and model, and `chat` naming the agent. */
interface TraceableProvider {
  readonly name: string;
  readonly model: string;
  chat(request: { agent: string }): Promise<ModelReply>;
}

/** The provider with each `chat` call in a "model.call" span (traceModelCall). */
export function traceModelCalls<P extends TraceableProvider>(provider: P): P {
  const chat = provider.chat.bind(provider);
  return {
    ...provider,
    chat: (request: Parameters<P["chat"]>[0]) =>
      traceModelCall({ provider: provider.name, model: provider.model, agent: request.agent }, () => chat(request)),
  };
}

/**
 * One delivery of a queued task: a consumer span "queue.job <queue>" carrying the task, the attempt
 * and the correlation id of the request that queued it. Errors reported meanwhile (error-tracking)
 * carry the same ids as tags.
 */
export function traceQueueJob<T>(
  job: { queue: string; taskId: string; attempt: number; maxAttempts: number; correlationId: string | null },
  fn: () => Promise<T>,
): Promise<T> {
  const attributes: Attributes = {
    "messaging.system": "toolboxai",
    "messaging.destination.name": job.queue,
    "messaging.operation.type": "process",
    "messaging.message.id": job.taskId,
    "toolboxai.task_id": job.taskId,
    "toolboxai.attempt": job.attempt,
    "toolboxai.max_attempts": job.maxAttempts,
  };
  if (job.correlationId) attributes["toolboxai.correlation_id"] = job.correlationId;
  const tags = { task_id: job.taskId, ...(job.correlationId ? { correlation_id: job.correlationId } : {}) };
  return withSpan(`queue.job ${job.queue}`, { kind: SpanKind.CONSUMER, attributes }, () => withErrorTags(tags, fn));
}

/** The ids of the active span for a log line (`trace_id`, `span_id`), none outside a recorded span. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !trace.isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

/** A pino `mixin` that adds the active span's ids to what `mixin` (e.g. the correlation ids) returns. */
export function withTraceFields<F extends object>(mixin: () => F): () => F & { trace_id?: string; span_id?: string } {
  return () => ({ ...mixin(), ...traceLogFields() });
}
