import { EnvError } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { readWorkerEnv } from "./env";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readWorkerEnv(env);
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
  throw new Error("expected readWorkerEnv to throw an EnvError");
}

describe("the worker's configuration", () => {
  it("holds a job's lock for 30 s and sweeps every minute when nothing is set", () => {
    const env = readWorkerEnv({});
    expect(env.lockDurationMs).toBe(30_000);
    expect(env.sweepIntervalMs).toBe(60_000);
    expect(env.logLevel).toBe("info");
  });

  it("treats a blank variable as unset", () => {
    expect(readWorkerEnv({ AGENT_LOCK_MS: "  " }).lockDurationMs).toBe(30_000);
  });

  it("refuses a lock duration that is not a number instead of using the default", () => {
    expect(problemsOf({ AGENT_LOCK_MS: "abc" })).toEqual([
      'AGENT_LOCK_MS="abc": expected a whole number from 1000 to 3600000',
    ]);
  });

  it("lists every invalid variable at once", () => {
    expect(problemsOf({ AGENT_LOCK_MS: "5", AGENT_SWEEP_MS: "soon", LOG_LEVEL: "loud" })).toHaveLength(3);
  });
});
