// The agents' configuration: the only place in packages/agents that reads process.env. The web
// app and the worker both build their runtime from it, so they always agree.
import type { AgentConfig } from "./runtime";

function int(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number.parseInt(value?.trim() ?? "", 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

export interface AgentEnv extends AgentConfig {
  /** Whether the web process runs queued tasks itself (always true without Redis). */
  runInWeb: boolean;
}

export function readAgentEnv(env: NodeJS.ProcessEnv = process.env): AgentEnv {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  return {
    openai: {
      apiKey: env.OPENAI_API_KEY?.trim() || undefined,
      model: env.OPENAI_MODEL?.trim() || "gpt-4o-mini",
      baseURL: env.OPENAI_BASE_URL?.trim() || undefined,
    },
    offlineLatencyMs: int(env.OFFLINE_MODEL_LATENCY_MS, 0, 0, 60_000),
    redisUrl,
    concurrency: int(env.AGENT_CONCURRENCY, 4, 1, 100),
    attempts: int(env.AGENT_ATTEMPTS, 3, 1, 10),
    timeoutMs: int(env.AGENT_TIMEOUT_MS, 60_000, 1_000, 600_000),
    queuePrefix: env.AGENT_QUEUE_PREFIX?.trim() || undefined,
    runInWeb: !redisUrl || env.AGENT_RUN_IN_WEB?.trim() !== "false",
  };
}
