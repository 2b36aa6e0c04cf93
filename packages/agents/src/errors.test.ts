// Which model-call errors are worth another try, and how long the server asked us to wait.
import { BrokenCircuitError } from "cockatiel";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import {
  InvalidModelOutputError,
  isRetryable,
  ModelCallError,
  ModelTimeoutError,
  retryAfterMs,
  TaskCancelledError,
} from "./errors";

const apiError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: "x" } }, undefined, new Headers(headers));

describe("isRetryable", () => {
  it.each([408, 409, 429, 500, 502, 503, 504])("retries an HTTP %i", (status) => {
    expect(isRetryable(apiError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])("does not retry an HTTP %i", (status) => {
    expect(isRetryable(apiError(status))).toBe(false);
  });

  it("retries connection failures and timeouts", () => {
    expect(isRetryable(new APIConnectionError({ message: "refused" }))).toBe(true);
    expect(isRetryable(new APIConnectionTimeoutError())).toBe(true);
    expect(isRetryable(new ModelTimeoutError(200))).toBe(true);
  });

  it("does not retry cancellations", () => {
    expect(isRetryable(new TaskCancelledError())).toBe(false);
    expect(isRetryable(new APIUserAbortError())).toBe(false);
    expect(isRetryable(new DOMException("aborted", "AbortError"))).toBe(false);
  });

  it("does not retry an answer that stayed invalid", () => {
    const error = new InvalidModelOutputError({
      agent: "quiz",
      problems: ["title: Required"],
      calls: 3,
      lastContent: "{}",
    });
    expect(isRetryable(error)).toBe(false);
  });

  it("lets the task queue retry an open circuit later", () => {
    expect(isRetryable(new BrokenCircuitError())).toBe(true);
  });

  it("follows a ModelCallError's own verdict, and never retries unknown errors", () => {
    expect(isRetryable(new ModelCallError("x", { retryable: true }))).toBe(true);
    expect(isRetryable(new ModelCallError("x", { retryable: false }))).toBe(false);
    expect(isRetryable(new Error("bug"))).toBe(false);
    expect(isRetryable("string")).toBe(false);
  });
});

describe("retryAfterMs", () => {
  it("reads retry-after in seconds", () => {
    expect(retryAfterMs(apiError(429, { "retry-after": "2" }))).toBe(2000);
  });

  it("reads retry-after as an HTTP date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    const error = apiError(503, { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" });
    expect(retryAfterMs(error, () => now)).toBe(5000);
  });

  it("prefers retry-after-ms", () => {
    expect(retryAfterMs(apiError(429, { "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
  });

  it("is undefined without the headers, with nonsense, or for other errors", () => {
    expect(retryAfterMs(apiError(429))).toBeUndefined();
    expect(retryAfterMs(apiError(429, { "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMs(new Error("x"))).toBeUndefined();
  });
});

describe("InvalidModelOutputError", () => {
  it("carries the last problems and names them in its message", () => {
    const error = new InvalidModelOutputError({
      agent: "quiz",
      problems: ["questions: Required", "title: Too short"],
      calls: 3,
      lastContent: "{}",
      usage: { promptTokens: 30, completionTokens: 6 },
    });
    expect(error.problems).toEqual(["questions: Required", "title: Too short"]);
    expect(error.message).toContain("questions: Required");
    expect(error.usage).toEqual({ promptTokens: 30, completionTokens: 6 });
  });
});
