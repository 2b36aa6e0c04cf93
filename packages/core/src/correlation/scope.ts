// The correlation of the work in progress, without passing it down by hand: the web server
// (apps/web/scripts/serve.mjs) enters a scope per request, the worker one per task attempt, and
// whatever runs inside (log lines through pino's `mixin`, calls to the model server and to
// Pusher) reads the ids from here.
//
// One AsyncLocalStorage per process, kept on globalThis under a registered symbol: Next bundles
// its own copy of this module, and serve.mjs (plain Node, not bundled) enters the scope through
// the same symbol, so every copy reads the same store.
import { AsyncLocalStorage } from "node:async_hooks";
import { type Correlation, correlationOutgoingHeaders } from "./ids";

/** The globalThis key of the store; apps/web/scripts/serve-correlation.mjs uses the same one. */
export const CORRELATION_SCOPE_KEY = Symbol.for("toolboxai.correlation.scope");

type GlobalWithScope = typeof globalThis & { [CORRELATION_SCOPE_KEY]?: AsyncLocalStorage<Correlation> };

function store(): AsyncLocalStorage<Correlation> {
  const g = globalThis as GlobalWithScope;
  g[CORRELATION_SCOPE_KEY] ??= new AsyncLocalStorage<Correlation>();
  return g[CORRELATION_SCOPE_KEY];
}

/** Runs `fn` (and everything it starts: promises, timers, callbacks) with `correlation` current. */
export function runWithCorrelation<T>(correlation: Correlation, fn: () => T): T {
  return store().run(correlation, fn);
}

/** The correlation of the request or task being served; null outside any scope. */
export function currentCorrelation(): Correlation | null {
  return store().getStore() ?? null;
}

/**
 * The fields every log line carries inside a scope (pino's `mixin`), none outside one. Fields the
 * line sets itself win (pino merges the mixin first).
 */
export function correlationLogFields(): { correlationId?: string; requestId?: string } {
  const c = currentCorrelation();
  return c ? { correlationId: c.correlationId, requestId: c.requestId } : {};
}

/** The headers an outgoing call sends from inside a scope (see correlationOutgoingHeaders); none outside one. */
export function currentOutgoingHeaders(): Record<string, string> {
  const c = currentCorrelation();
  return c ? correlationOutgoingHeaders(c) : {};
}
