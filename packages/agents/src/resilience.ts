// A model provider behind cockatiel's policies: a timeout per attempt, retries with backoff (the
// server's Retry-After when it gives one), and a circuit breaker shared by every call through it.
// The policies themselves (`createResilience`) are reusable: the assistants' streamed conversations
// (conversation/resilient.ts) go through the same ones, so they share the breaker with the agents'
// calls to the same upstream.
//
// Composition: wrap(retry, breaker, timeout), outermost first.
// - The timeout is innermost, so it limits one attempt (not the whole call with its retries) and a
//   timed-out attempt counts as a failure for the breaker.
// - The breaker sits inside the retry, so every attempt, retries included, goes through it: it sees
//   each failure, and once it opens, the very next attempt fails fast with BrokenCircuitError.
// - The retry never retries BrokenCircuitError (that would only wait out the backoff and hit the
//   open circuit again); the call ends at once. The task queue may try the whole task later
//   (`isRetryable(BrokenCircuitError)` is true).
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  type IRetryBackoffContext,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";
import { exponentialBackoff } from "./backoff";
import { abortError, isRetryable, ModelTimeoutError, retryAfterMs } from "./errors";
import type { ChatReply, ChatRequest, ModelProvider } from "./types";

export type BreakerState = "closed" | "open" | "half-open";

export type ResilienceEvent =
  | {
      type: "retry";
      /** The retry about to run: 1 for the second attempt. */
      attempt: number;
      delayMs: number;
      /** Whether the delay came from the server's Retry-After. */
      fromRetryAfter: boolean;
      error: string;
      status?: number | undefined;
    }
  | { type: "timeout"; timeoutMs: number }
  | { type: "breaker"; state: BreakerState }
  | { type: "short-circuit" }
  | { type: "failed"; error: string; retryable: boolean };

export interface ResilienceOptions {
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts per call, the first one included (so `maxAttempts - 1` retries). */
  maxAttempts: number;
  /** Exponential backoff: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). */
  baseDelayMs: number;
  /** Also caps the server's Retry-After. */
  maxDelayMs: number;
  breaker: {
    /** Consecutive failed attempts (retryable errors only) that open the circuit. */
    consecutiveFailures: number;
    /** How long the circuit stays open before one trial call may go through. */
    halfOpenAfterMs: number;
  };
  /** For tests: the jitter source, in [0, 1). */
  random: () => number;
  onEvent?: ((event: ResilienceEvent) => void) | undefined;
}

export type ResilienceInput = Partial<Omit<ResilienceOptions, "breaker">> & {
  breaker?: Partial<ResilienceOptions["breaker"]> | undefined;
};

export const DEFAULT_RESILIENCE: Readonly<Omit<ResilienceOptions, "onEvent">> = Object.freeze({
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  breaker: Object.freeze({ consecutiveFailures: 5, halfOpenAfterMs: 15_000 }),
  random: Math.random,
});

export interface ResilienceStats {
  /** Calls through the policies (chat() calls, and conversations that share them). */
  calls: number;
  /** Calls that ended in an error (after their retries), cancellations excluded. */
  failures: number;
  /** Retries that reached the model (attempts after the first). */
  retries: number;
  /** Attempts that hit `timeoutMs`. */
  timeouts: number;
  /** Calls refused by the open circuit without reaching the model. */
  shortCircuited: number;
}

/** The policies, for any call: `run` one call through them. */
export interface Resilience {
  /**
   * Runs `attempt` under the policies, once per try: its `signal` aborts on this attempt's timeout
   * or when `caller` aborts. Rejects with the caller's abort error at once when `caller` aborts.
   */
  run<T>(attempt: (signal: AbortSignal) => Promise<T>, caller?: AbortSignal | undefined): Promise<T>;
  breakerState(): BreakerState;
  stats(): ResilienceStats;
}

export interface ResilientProvider extends ModelProvider {
  breakerState(): BreakerState;
  stats(): ResilienceStats;
  /** The policies behind `chat`, for other calls to the same upstream (the conversations). */
  resilience: Resilience;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // The openai SDK's errors keep the name "Error"; their class says more (RateLimitError…).
  const name = error.name === "Error" && error.constructor.name ? error.constructor.name : error.name;
  return `${name}: ${error.message}`;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** The delay before retry `attempt` (1-based): the server's Retry-After, else jittered exponential. */
export function backoffDelay(
  options: Pick<ResilienceOptions, "baseDelayMs" | "maxDelayMs" | "random">,
  attempt: number,
  error: unknown,
): { delayMs: number; fromRetryAfter: boolean } {
  const asked = retryAfterMs(error);
  if (asked !== undefined) return { delayMs: Math.min(asked, options.maxDelayMs), fromRetryAfter: true };
  const delayMs = exponentialBackoff(
    attempt,
    { baseMs: options.baseDelayMs, maxMs: options.maxDelayMs },
    options.random,
  );
  return { delayMs, fromRetryAfter: false };
}

export function createResilience(input: ResilienceInput = {}): Resilience {
  const defined = <T extends object>(o: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  const options: ResilienceOptions = {
    ...DEFAULT_RESILIENCE,
    ...defined(input),
    breaker: { ...DEFAULT_RESILIENCE.breaker, ...defined(input.breaker) },
  };
  const emit = (event: ResilienceEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A logging hook never breaks a model call.
    }
  };
  const counters: ResilienceStats = { calls: 0, failures: 0, retries: 0, timeouts: 0, shortCircuited: 0 };

  const breakerPolicy = circuitBreaker(handleWhen(isRetryable), {
    halfOpenAfter: options.breaker.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
  });
  let openedAt = 0;
  breakerPolicy.onBreak(() => {
    openedAt = Date.now();
    emit({ type: "breaker", state: "open" });
  });
  breakerPolicy.onHalfOpen(() => emit({ type: "breaker", state: "half-open" }));
  breakerPolicy.onReset(() => emit({ type: "breaker", state: "closed" }));

  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
    // The breaker opened on that failure: no point waiting, the next attempt fails fast.
    if (breakerPolicy.state === CircuitState.Open) return 0;
    const error = "error" in context.result ? context.result.error : undefined;
    const { delayMs, fromRetryAfter } = backoffDelay(options, context.attempt, error);
    emit({
      type: "retry",
      attempt: context.attempt,
      delayMs,
      fromRetryAfter,
      error: errorText(error),
      status: statusOf(error),
    });
    return delayMs;
  });
  const retryPolicy = retry(
    handleWhen((error) => isRetryable(error) && !(error instanceof BrokenCircuitError)),
    { maxAttempts: Math.max(0, options.maxAttempts - 1), backoff },
  );

  const timeoutPolicy = timeout(options.timeoutMs, TimeoutStrategy.Cooperative);
  const policy = wrap(retryPolicy, breakerPolicy, timeoutPolicy);

  async function attempt<T>(
    fn: (signal: AbortSignal) => Promise<T>,
    caller: AbortSignal | undefined,
    signal: AbortSignal,
    call: { tries: number },
  ): Promise<T> {
    // A retry that was already waiting when the caller aborted: send nothing.
    if (caller?.aborted) throw abortError(caller);
    call.tries += 1;
    if (call.tries > 1) counters.retries += 1;
    try {
      return await fn(signal);
    } catch (error) {
      if (caller?.aborted) throw abortError(caller);
      if (signal.aborted) {
        // Only the timeout aborts this signal besides the caller.
        counters.timeouts += 1;
        emit({ type: "timeout", timeoutMs: options.timeoutMs });
        throw new ModelTimeoutError(options.timeoutMs, error);
      }
      throw error;
    }
  }

  async function run<T>(fn: (signal: AbortSignal) => Promise<T>, caller?: AbortSignal | undefined): Promise<T> {
    counters.calls += 1;
    if (caller?.aborted) throw abortError(caller);
    const call = { tries: 0 };
    const running = policy.execute(({ signal }) => attempt(fn, caller, signal, call), caller);
    let stopListening = () => {};
    try {
      if (!caller) return await running;
      // cockatiel waits out a retry's backoff even when the signal aborts; the caller does not wait.
      running.catch(() => {});
      const aborted = new Promise<never>((_, reject) => {
        const onAbort = () => reject(abortError(caller));
        caller.addEventListener("abort", onAbort, { once: true });
        stopListening = () => caller.removeEventListener("abort", onAbort);
      });
      return await Promise.race([running, aborted]);
    } catch (error) {
      if (caller?.aborted) throw abortError(caller);
      if (error instanceof BrokenCircuitError) {
        if (call.tries === 0) counters.shortCircuited += 1;
        emit({ type: "short-circuit" });
        const last = breakerPolicy.lastFailure;
        const cause = last && "error" in last ? last.error : undefined;
        counters.failures += 1;
        throw new BrokenCircuitError(
          `The model is unavailable: the circuit is open after repeated failures${cause ? ` (last: ${errorText(cause)})` : ""}`,
        );
      }
      counters.failures += 1;
      emit({ type: "failed", error: errorText(error), retryable: isRetryable(error) });
      throw error;
    } finally {
      stopListening();
    }
  }

  return {
    run,
    breakerState(): BreakerState {
      switch (breakerPolicy.state) {
        case CircuitState.Closed:
          return "closed";
        case CircuitState.HalfOpen:
          return "half-open";
        case CircuitState.Open:
          // cockatiel only moves to half-open on the next call; report what that call will meet.
          return Date.now() - openedAt >= options.breaker.halfOpenAfterMs ? "half-open" : "open";
        default:
          return "open";
      }
    },
    stats: () => ({ ...counters }),
  };
}

export function createResilientProvider(provider: ModelProvider, input: ResilienceInput = {}): ResilientProvider {
  const resilience = createResilience(input);
  return {
    name: provider.name,
    model: provider.model,
    chat: (request: ChatRequest): Promise<ChatReply> =>
      resilience.run((signal) => provider.chat({ ...request, signal }), request.signal),
    breakerState: () => resilience.breakerState(),
    stats: () => resilience.stats(),
    resilience,
  };
}
