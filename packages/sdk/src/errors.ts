// What a refused call throws: the API's RFC 9457 problem (application/problem+json) as an Error
// with typed fields, plus the ids and rate-limit numbers the response's headers carried.
import type { components } from "./generated/schema";

/** The body of every 4xx and 5xx the REST API answers (RFC 9457), as the document declares it. */
export type Problem = components["schemas"]["Problem"];

/** One invalid input member, as a JSON Pointer into the request ("/title", "/body/sections"). */
export type ProblemFieldError = NonNullable<Problem["errors"]>[number];

/** The X-RateLimit-* headers of a response (nulls when the endpoint is not limited). */
export interface RateLimitInfo {
  /** Requests allowed in the current window. */
  limit: number | null;
  /** Requests left in it. */
  remaining: number | null;
  /** When it resets, in Unix time (seconds). */
  resetAt: number | null;
  /** Seconds to wait before retrying (a 429's Retry-After). */
  retryAfterSeconds: number | null;
}

function numberHeader(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** The rate-limit headers of any response (nulls when the endpoint is not limited). */
export function rateLimitOf(response: Response): RateLimitInfo {
  return {
    limit: numberHeader(response.headers, "x-ratelimit-limit"),
    remaining: numberHeader(response.headers, "x-ratelimit-remaining"),
    resetAt: numberHeader(response.headers, "x-ratelimit-reset"),
    retryAfterSeconds: numberHeader(response.headers, "retry-after"),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * A refused call. `status`, `code` and `detail` say what happened; `fieldErrors` maps each invalid
 * input field to its messages; `requestId` is what to quote to support.
 */
export class ToolboxApiError extends Error {
  override readonly name = "ToolboxApiError";
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly instance: string | undefined;
  readonly requestId: string | null;
  readonly correlationId: string | null;
  readonly fieldErrors: Record<string, string[]>;
  readonly errors: ProblemFieldError[];
  readonly rateLimit: RateLimitInfo;
  /** The parsed body as received (a Problem when the server answered; anything when a proxy did). */
  readonly body: unknown;

  constructor(response: Response, body: unknown) {
    const problem = isRecord(body) ? body : {};
    const status = typeof problem.status === "number" ? problem.status : response.status;
    const title = str(problem.title) ?? (response.statusText || `HTTP ${response.status}`);
    const detail = str(problem.detail) ?? (typeof body === "string" && body.length < 500 ? body : undefined);
    super(`${status} ${title}${detail ? `: ${detail}` : ""}`);
    this.status = status;
    this.code = str(problem.code) ?? `HTTP_${response.status}`;
    this.title = title;
    this.detail = detail;
    this.type = str(problem.type);
    this.instance = str(problem.instance);
    this.requestId = str(problem.requestId) ?? response.headers.get("x-request-id");
    this.correlationId = str(problem.correlationId) ?? response.headers.get("x-correlation-id");
    this.fieldErrors = {};
    if (isRecord(problem.fieldErrors)) {
      for (const [field, messages] of Object.entries(problem.fieldErrors)) {
        if (Array.isArray(messages)) this.fieldErrors[field] = messages.filter((m) => typeof m === "string");
      }
    }
    this.errors = Array.isArray(problem.errors)
      ? problem.errors.filter(
          (e): e is ProblemFieldError => isRecord(e) && typeof e.pointer === "string" && typeof e.detail === "string",
        )
      : [];
    this.rateLimit = rateLimitOf(response);
    this.body = body;
  }
}
