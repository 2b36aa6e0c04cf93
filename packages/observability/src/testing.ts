// Test helpers for the packages and apps that use observability: the real tracing SDK with an
// in-memory exporter, and a local stand-in for Sentry.
export { type FakeSentry, type SentryEvent, startFakeSentry } from "./error-tracking-testing";
export { type ReadableSpan, type RecordedSpans, recordSpans, SpanKind, SpanStatusCode } from "./tracing-testing";
