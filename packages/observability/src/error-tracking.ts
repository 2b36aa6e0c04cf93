// Error tracking (Sentry), fully off without SENTRY_DSN: the SDK is loaded only by
// `startErrorTracking` with a DSN, and until then `captureError` does nothing. Sentry keeps out of
// tracing (OpenTelemetry is ours, tracing.ts): it registers no tracer provider, patches no module
// and samples no transactions; it only reports errors, tagged with the ids of the work in progress.
import { AsyncLocalStorage } from "node:async_hooks";

type Sentry = typeof import("@sentry/node");
export type ErrorTags = Record<string, string>;

export interface StartErrorTrackingOptions {
  /** Sentry's DSN; null or absent: nothing is loaded and nothing is reported. */
  dsn?: string | null;
  /** Tagged on every event as `service` (toolboxai-web, toolboxai-worker). */
  serviceName: string;
  environment?: string | undefined;
  release?: string | undefined;
}

// One state per process on globalThis: Next bundles this module into several chunks
// (instrumentation, route handlers), and all of them must report through the one client.
const KEY = Symbol.for("toolboxai.errorTracking");
interface State {
  sentry: Sentry | null;
  tags: AsyncLocalStorage<ErrorTags>;
}
type Holder = { [KEY]?: State };

function state(): State {
  const holder = globalThis as Holder;
  holder[KEY] ??= { sentry: null, tags: new AsyncLocalStorage<ErrorTags>() };
  return holder[KEY];
}

/** Loads and initializes Sentry when a DSN is given; true when error tracking is on. */
export async function startErrorTracking(options: StartErrorTrackingOptions): Promise<boolean> {
  if (!options.dsn) return false;
  const s = state();
  if (s.sentry) return true;
  const sentry = await import("@sentry/node");
  sentry.init({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    initialScope: { tags: { service: options.serviceName } },
    // Errors only: no performance integrations, no tracer provider of its own (ours is tracing.ts),
    // no load-time module patching.
    defaultIntegrations: sentry.getDefaultIntegrationsWithoutPerformance(),
    enableOpenTelemetrySetup: false,
    enableRuntimeChannelInjection: false,
  });
  s.sentry = sentry;
  return true;
}

/** Whether errors are being reported (a DSN was given). */
export function errorTrackingEnabled(): boolean {
  return state().sentry !== null;
}

/**
 * Runs `fn` with `tags` added to every error reported meanwhile (by captureError), e.g. the
 * correlation id of the task in hand.
 */
export function withErrorTags<T>(tags: ErrorTags, fn: () => T): T {
  const s = state();
  return s.tags.run({ ...s.tags.getStore(), ...tags }, fn);
}

/**
 * Reports an error with the current tags (withErrorTags) and `tags`; returns the event's id, or
 * null when error tracking is off.
 */
export function captureError(error: unknown, tags: ErrorTags = {}): string | null {
  const s = state();
  if (!s.sentry) return null;
  return s.sentry.captureException(error, { tags: { ...s.tags.getStore(), ...tags } });
}

/** Waits until the reported errors are sent (or `timeoutMs` passes); true when nothing is left. */
export async function flushErrors(timeoutMs = 2_000): Promise<boolean> {
  const sentry = state().sentry;
  return sentry ? sentry.flush(timeoutMs) : true;
}

/** Flushes and turns error tracking off again (tests; a process that ends). */
export async function stopErrorTracking(timeoutMs = 2_000): Promise<void> {
  const s = state();
  const sentry = s.sentry;
  s.sentry = null;
  await sentry?.close(timeoutMs);
}
