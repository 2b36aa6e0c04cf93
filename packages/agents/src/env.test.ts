// The agents' configuration from the environment: defaults when unset, and one clear error for
// values that are set but invalid (never a silent default).
import { describe, expect, it } from "vitest";
import { readAgentEnv } from "./env";

describe("readAgentEnv", () => {
  it("uses the defaults when nothing is set", () => {
    expect(readAgentEnv({})).toStrictEqual({
      openai: { apiKey: undefined, model: "gpt-4o-mini", baseURL: undefined },
      offlineLatencyMs: 0,
      offlineHoldFile: undefined,
      offlineTokenDelayMs: 20,
      redisUrl: undefined,
      concurrency: 4,
      attempts: 3,
      timeoutMs: 60_000,
      queuePrefix: undefined,
      runInWeb: true,
    });
  });

  it("treats blank values as unset", () => {
    const env = readAgentEnv({
      OPENAI_API_KEY: "  ",
      OPENAI_MODEL: "",
      REDIS_URL: " ",
      AGENT_CONCURRENCY: "",
      AGENT_ATTEMPTS: "   ",
      AGENT_TIMEOUT_MS: "",
      OFFLINE_MODEL_LATENCY_MS: "",
      OFFLINE_MODEL_HOLD_FILE: " ",
      OFFLINE_MODEL_TOKEN_DELAY_MS: "",
    });
    expect(env).toMatchObject({
      openai: { apiKey: undefined, model: "gpt-4o-mini" },
      redisUrl: undefined,
      concurrency: 4,
      attempts: 3,
      timeoutMs: 60_000,
      offlineLatencyMs: 0,
      offlineHoldFile: undefined,
      offlineTokenDelayMs: 20,
    });
  });

  it("reads every variable, trimmed", () => {
    const env = readAgentEnv({
      OPENAI_API_KEY: " sk-test ",
      OPENAI_MODEL: "gpt-4.1-mini",
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      OFFLINE_MODEL_LATENCY_MS: "500",
      OFFLINE_MODEL_HOLD_FILE: " /tmp/model-hold ",
      OFFLINE_MODEL_TOKEN_DELAY_MS: "0",
      REDIS_URL: "redis://localhost:6379",
      AGENT_CONCURRENCY: " 8 ",
      AGENT_ATTEMPTS: "1",
      AGENT_TIMEOUT_MS: "600000",
      AGENT_QUEUE_PREFIX: "e2e",
      AGENT_RUN_IN_WEB: "false",
    });
    expect(env).toStrictEqual({
      openai: { apiKey: "sk-test", model: "gpt-4.1-mini", baseURL: "http://localhost:11434/v1" },
      offlineLatencyMs: 500,
      offlineHoldFile: "/tmp/model-hold",
      offlineTokenDelayMs: 0,
      redisUrl: "redis://localhost:6379",
      concurrency: 8,
      attempts: 1,
      timeoutMs: 600_000,
      queuePrefix: "e2e",
      runInWeb: false,
    });
  });

  it("runs tasks in the web process without Redis, whatever AGENT_RUN_IN_WEB says", () => {
    expect(readAgentEnv({ AGENT_RUN_IN_WEB: "false" }).runInWeb).toBe(true);
    expect(readAgentEnv({ REDIS_URL: "redis://localhost:6379" }).runInWeb).toBe(true);
  });

  it("refuses AGENT_CONCURRENCY=abc with a message naming the variable", () => {
    expect(() => readAgentEnv({ AGENT_CONCURRENCY: "abc" })).toThrow(/AGENT_CONCURRENCY/);
    expect(() => readAgentEnv({ AGENT_CONCURRENCY: "abc" })).toThrow(/must be a whole number from 1 to 100/);
  });

  it.each([
    ["AGENT_CONCURRENCY", "0", /must be at least 1/],
    ["AGENT_CONCURRENCY", "101", /must be at most 100/],
    ["AGENT_CONCURRENCY", "2.5", /whole number/],
    ["AGENT_CONCURRENCY", "12abc", /whole number/],
    ["AGENT_ATTEMPTS", "11", /must be at most 10/],
    ["AGENT_TIMEOUT_MS", "999", /must be at least 1000/],
    ["OFFLINE_MODEL_LATENCY_MS", "-1", /must be at least 0/],
    ["OFFLINE_MODEL_TOKEN_DELAY_MS", "-1", /must be at least 0/],
    ["OFFLINE_MODEL_TOKEN_DELAY_MS", "fast", /whole number/],
  ])("refuses %s=%s instead of clamping it", (name, value, message) => {
    let error: unknown;
    try {
      readAgentEnv({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toMatch(message);
  });

  it("lists every invalid variable in one error", () => {
    let error: unknown;
    try {
      readAgentEnv({ AGENT_CONCURRENCY: "abc", AGENT_TIMEOUT_MS: "5" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/AGENT_CONCURRENCY/);
    expect(message).toMatch(/AGENT_TIMEOUT_MS/);
    expect(message).toMatch(/must be at least 1000/);
  });
});
