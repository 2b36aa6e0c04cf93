// Where /metrics is served: a listener beyond the loopback interface needs METRICS_TOKEN, and the
// process refuses to start without it, naming both variables.
import { EnvError } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { readMetricsEnv } from "./metrics-env";

const TOKEN = "metrics-token-for-the-tests-0123456789";

function refusal(env: Record<string, string>): Error {
  try {
    readMetricsEnv(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error("readMetricsEnv accepted the configuration");
}

describe("readMetricsEnv", () => {
  it("refuses METRICS_HOST beyond loopback without METRICS_TOKEN, naming both", () => {
    const error = refusal({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" });
    expect(error).toBeInstanceOf(EnvError);
    expect(error.message).toMatch(/METRICS_HOST="0\.0\.0\.0": .*METRICS_TOKEN is required/);
  });

  it("refuses WORKER_METRICS_HOST beyond loopback without METRICS_TOKEN, naming both", () => {
    const error = refusal({ WORKER_METRICS_PORT: "9465", WORKER_METRICS_HOST: "10.0.0.5" });
    expect(error).toBeInstanceOf(EnvError);
    expect(error.message).toMatch(/WORKER_METRICS_HOST="10\.0\.0\.5": .*METRICS_TOKEN is required/);
  });

  it("accepts a host beyond loopback when METRICS_TOKEN is set", () => {
    expect(readMetricsEnv({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0", METRICS_TOKEN: TOKEN }).web).toEqual({
      port: 9464,
      host: "0.0.0.0",
    });
  });

  it("accepts loopback hosts without a token", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1"]) {
      expect(readMetricsEnv({ WORKER_METRICS_PORT: "9465", WORKER_METRICS_HOST: host }).worker?.host).toBe(host);
    }
  });
});
