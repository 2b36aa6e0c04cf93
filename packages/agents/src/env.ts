// The agents' configuration: the only place in packages/agents that reads process.env. The web
// app and the worker both build their runtime from it, so they always agree.
//
// Every variable is optional: unset or blank means its default. A value that is set but wrong (a
// number that is not a whole number, or out of its range) is refused, with one error that lists
// every problem, instead of being replaced by a default without a word.
import { z } from "zod";
import type { AgentConfig } from "./runtime";

/** Unset and blank (after trimming) both mean "not set". */
const blank = (value: unknown) => {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
};

/** An optional text value, trimmed. */
const text = () => z.preprocess(blank, z.string().optional());

/** A whole number from `min` to `max`; `fallback` when unset or blank. */
const wholeNumber = (fallback: number, min: number, max: number) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `must be a whole number from ${min} to ${max}` })
      .int({ error: `must be a whole number from ${min} to ${max}` })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

const agentEnvSchema = z.object({
  OPENAI_API_KEY: text(),
  OPENAI_MODEL: text(),
  OPENAI_BASE_URL: text(),
  OFFLINE_MODEL_LATENCY_MS: wholeNumber(0, 0, 60_000),
  /** The offline assistant's wait between two streamed words, so its replies visibly stream. */
  OFFLINE_MODEL_TOKEN_DELAY_MS: wholeNumber(20, 0, 5_000),
  /**
   * The offline model's hold control, for tests (see `createOfflineProvider`): while this file
   * exists, offline model calls wait before answering. Leave unset outside tests.
   */
  OFFLINE_MODEL_HOLD_FILE: text(),
  REDIS_URL: text(),
  AGENT_CONCURRENCY: wholeNumber(4, 1, 100),
  AGENT_ATTEMPTS: wholeNumber(3, 1, 10),
  AGENT_TIMEOUT_MS: wholeNumber(60_000, 1_000, 600_000),
  AGENT_QUEUE_PREFIX: text(),
  AGENT_RUN_IN_WEB: text(),
});

export interface AgentEnv extends AgentConfig {
  /** Whether the web process runs queued tasks itself (always true without Redis). */
  runInWeb: boolean;
}

/** The agents' configuration from `env`; throws one Error naming every variable that is set but invalid. */
export function readAgentEnv(env: NodeJS.ProcessEnv = process.env): AgentEnv {
  const parsed = agentEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid agent configuration in the environment:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  return {
    openai: {
      apiKey: e.OPENAI_API_KEY,
      model: e.OPENAI_MODEL ?? "gpt-4o-mini",
      baseURL: e.OPENAI_BASE_URL,
    },
    offlineLatencyMs: e.OFFLINE_MODEL_LATENCY_MS,
    offlineHoldFile: e.OFFLINE_MODEL_HOLD_FILE,
    offlineTokenDelayMs: e.OFFLINE_MODEL_TOKEN_DELAY_MS,
    redisUrl: e.REDIS_URL,
    concurrency: e.AGENT_CONCURRENCY,
    attempts: e.AGENT_ATTEMPTS,
    timeoutMs: e.AGENT_TIMEOUT_MS,
    queuePrefix: e.AGENT_QUEUE_PREFIX,
    runInWeb: !e.REDIS_URL || e.AGENT_RUN_IN_WEB !== "false",
  };
}
