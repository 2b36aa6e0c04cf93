import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readErrorTrackingEnv } from "./env";
import {
  captureError,
  errorTrackingEnabled,
  flushErrors,
  startErrorTracking,
  stopErrorTracking,
  withErrorTags,
} from "./error-tracking";
import { type FakeSentry, startFakeSentry } from "./error-tracking-testing";

let sentry: FakeSentry;
beforeAll(async () => {
  sentry = await startFakeSentry();
});
afterAll(async () => {
  await stopErrorTracking();
  await sentry.close();
});

describe("error tracking without SENTRY_DSN", () => {
  it("stays off: nothing is loaded and capturing reports nothing", async () => {
    expect(readErrorTrackingEnv({}).dsn).toBeNull();
    expect(await startErrorTracking({ dsn: null, serviceName: "toolboxai-web" })).toBe(false);
    expect(errorTrackingEnabled()).toBe(false);
    expect(captureError(new Error("unseen"))).toBeNull();
    expect(await flushErrors()).toBe(true);
    expect(sentry.paths()).toEqual([]);
  });
});

describe("readErrorTrackingEnv", () => {
  it("refuses a DSN that is not an http(s) URL, naming the variable", () => {
    expect(() => readErrorTrackingEnv({ SENTRY_DSN: "public@sentry" })).toThrow(/SENTRY_DSN="public@sentry"/);
  });
});

describe("error tracking with SENTRY_DSN", () => {
  it("delivers a captured error to Sentry with its message, the correlation id and the service as tags", async () => {
    expect(await startErrorTracking({ dsn: sentry.dsn, serviceName: "toolboxai-worker", environment: "test" })).toBe(
      true,
    );
    const id = withErrorTags({ correlation_id: "corr-7", task_id: "task_9" }, () =>
      captureError(new TypeError("The quiz step failed: no questions")),
    );
    expect(await flushErrors(5_000)).toBe(true);
    expect(sentry.paths()).toEqual(["/api/1/envelope/"]);
    const [event] = sentry.events();
    expect(event?.event_id).toBe(id);
    expect(event?.exception?.values[0]).toMatchObject({
      type: "TypeError",
      value: "The quiz step failed: no questions",
    });
    expect(event?.tags).toMatchObject({ correlation_id: "corr-7", task_id: "task_9", service: "toolboxai-worker" });
  });
});
