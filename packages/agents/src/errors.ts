// The errors of a model call, and which of them are worth another try. The resilience policies
// retry a call on `isRetryable`; the pipeline retries a whole task attempt on it.
import { BrokenCircuitError, TaskCancelledError as CockatielCancelledError } from "cockatiel";
import { APIConnectionError, APIError, APIUserAbortError } from "openai";
import type { TokenUsage } from "./types";

/** One problem with a model's answer, as fed back to the model. */
export type OutputProblem = string;

/** The model's answer stayed invalid after every repair round. Never retried: the same prompt fails the same way. */
export class InvalidModelOutputError extends Error {
  override readonly name = "InvalidModelOutputError";
  readonly agent: string;
  /** The problems with the last answer (zod issues as `path: message`, then the agent's checks). */
  readonly problems: OutputProblem[];
  /** Model calls made, repairs included. */
  readonly calls: number;
  /** The last raw answer (truncated), for the logs. */
  readonly lastContent: string;
  /** Tokens spent on the failed calls, so they can still be recorded. */
  readonly usage: TokenUsage;
  readonly model: string | undefined;

  constructor(args: {
    agent: string;
    problems: OutputProblem[];
    calls: number;
    lastContent: string;
    usage?: TokenUsage | undefined;
    model?: string | undefined;
  }) {
    const shown = args.problems.slice(0, 5).join("; ");
    const more = args.problems.length > 5 ? ` (and ${args.problems.length - 5} more)` : "";
    super(`The ${args.agent} agent's answer is still invalid after ${args.calls} call(s): ${shown}${more}`);
    this.agent = args.agent;
    this.problems = args.problems;
    this.calls = args.calls;
    this.lastContent = args.lastContent.length > 4000 ? `${args.lastContent.slice(0, 4000)}…` : args.lastContent;
    this.usage = args.usage ?? { promptTokens: 0, completionTokens: 0 };
    this.model = args.model;
  }
}

/** A model call that failed for a reason of our own (not an HTTP answer); says whether to try again. */
export class ModelCallError extends Error {
  override readonly name: string = "ModelCallError";
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable;
  }
}

/**
 * The organization's AI budget refused the call (see `PipelineDeps.budget`); the message says why
 * and when it resets. Never retried: the refusal holds until then.
 */
export class BudgetExhaustedError extends ModelCallError {
  override readonly name = "BudgetExhaustedError";

  constructor(message: string) {
    super(message, { retryable: false });
  }
}

/** One attempt took longer than the resilience policy's `timeoutMs`. Retryable. */
export class ModelTimeoutError extends ModelCallError {
  override readonly name = "ModelTimeoutError";
  readonly timeoutMs: number;

  constructor(timeoutMs: number, cause?: unknown) {
    super(`The model call timed out after ${timeoutMs} ms`, { retryable: true, cause });
    this.timeoutMs = timeoutMs;
  }
}

/** The task was cancelled (by the teacher, or a shutdown): stop now, never retry. */
export class TaskCancelledError extends Error {
  override readonly name = "TaskCancelledError";

  constructor(message = "The task was cancelled") {
    super(message);
  }
}

const RETRYABLE_STATUS = new Set([408, 409, 429]);

function isAbortLike(error: unknown): boolean {
  return (
    error instanceof APIUserAbortError ||
    error instanceof CockatielCancelledError ||
    (error instanceof Error && error.name === "AbortError")
  );
}

/**
 * Whether another try may succeed: 408/409/429/5xx answers, connection failures, our timeouts and an
 * open circuit (later, after it half-opens). Not: other 4xx answers, cancellations, invalid output.
 *
 * The resilience policy itself never retries an open circuit (see resilience.ts); this `true` is for
 * the task queue, which tries the whole task again much later.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof TaskCancelledError || error instanceof InvalidModelOutputError) return false;
  if (error instanceof ModelCallError) return error.retryable;
  if (error instanceof BrokenCircuitError) return true;
  if (isAbortLike(error)) return false;
  // Before APIError: a connection error is an APIError without a status.
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) {
    const status = error.status;
    if (typeof status !== "number") return false;
    return RETRYABLE_STATUS.has(status) || status >= 500;
  }
  return false;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * How long the server asked us to wait, in ms, from an openai `APIError`'s `retry-after-ms`, or
 * `retry-after` (seconds, or an HTTP date). `undefined` when it did not say (or said nonsense).
 */
export function retryAfterMs(error: unknown, now: () => number = Date.now): number | undefined {
  if (!(error instanceof APIError)) return undefined;
  const ms = header(error.headers, "retry-after-ms");
  if (ms !== undefined && ms.trim() !== "") {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const after = header(error.headers, "retry-after")?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}

/** The error to throw for an aborted signal: its reason when that is an Error, else a TaskCancelledError. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new TaskCancelledError();
}
