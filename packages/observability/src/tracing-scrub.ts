// What leaves the process in a span must not carry secrets that ride in URLs: Next's request span
// records the request's target (`http.target`, and newer semantic conventions `url.full`,
// `url.query`), and names the span after it until the route is known, so
// `/reset-password?token=...` or `?api_key=...` would reach the collector. Every span is
// exported with its URL attributes and its name cut at the query string (the path is kept),
// `url.query` dropped, whatever the instrumentation that set them.
import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace";

/** Attributes holding a URL, a request target or a name built from one. */
const URL_ATTRIBUTES = new Set([
  "http.target",
  "http.url",
  "url.full",
  "url.original",
  "http.request.url",
  "next.span_name",
]);
/** Attributes that are only a query string. */
const QUERY_ATTRIBUTES = new Set(["url.query"]);

/** The URL or target without its query string and fragment. */
export function withoutQuery(value: string): string {
  const cut = value.search(/[?#]/);
  return cut === -1 ? value : value.slice(0, cut);
}

/** A span name like "GET /reset-password?token=..." (a method and a target) without the query. */
function scrubName(name: string): string {
  return /(^|\s)\//.test(name) ? withoutQuery(name) : name;
}

function scrubValue(value: AttributeValue | undefined): AttributeValue | undefined {
  return typeof value === "string" ? withoutQuery(value) : value;
}

export function scrubAttributes(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (QUERY_ATTRIBUTES.has(key)) continue;
    out[key] = URL_ATTRIBUTES.has(key) ? scrubValue(value) : value;
  }
  return out;
}

/** The span as exported: the same, with its name and URL attributes scrubbed. */
export function scrubSpan(span: ReadableSpan): ReadableSpan {
  return {
    name: scrubName(span.name),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    ...(span.parentSpanContext ? { parentSpanContext: span.parentSpanContext } : {}),
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: scrubAttributes(span.attributes),
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** `exporter`, handed every span scrubbed (the OTLP exporter in production, the in-memory one in tests). */
export function scrubbingExporter(exporter: SpanExporter): SpanExporter {
  return {
    export: (spans, resultCallback) => exporter.export(spans.map(scrubSpan), resultCallback),
    shutdown: () => exporter.shutdown(),
    ...(exporter.forceFlush ? { forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve() } : {}),
  };
}
