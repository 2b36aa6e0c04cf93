// The offline model: each agent's deterministic draft, answered through the same interface as a
// real model (so the pipeline, validation and repair run unchanged without an API key).
import { abortError } from "../errors";
import type { AnyAgent, ChatReply, ChatRequest, ModelProvider } from "../types";

export const OFFLINE_MODEL = "offline-drafts-v1";

/** Rough token count for a text: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Waits `ms`, or rejects when the signal aborts first. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(abortError(signal));
      },
      { once: true },
    );
  });
}

/**
 * `latencyMs` simulates a model's thinking time per call (OFFLINE_MODEL_LATENCY_MS), so demos and
 * the e2e suite can watch a generation's progress step by step; 0 answers at once.
 */
export function createOfflineProvider(
  registry: Record<string, AnyAgent>,
  options: { latencyMs?: number } = {},
): ModelProvider {
  const latencyMs = options.latencyMs ?? 0;
  return {
    name: "offline",
    model: OFFLINE_MODEL,
    async chat(request: ChatRequest): Promise<ChatReply> {
      if (request.signal?.aborted) throw abortError(request.signal);
      if (latencyMs > 0) await delay(latencyMs, request.signal);
      const agent = registry[request.agent];
      if (!agent) throw new Error(`The offline model has no agent named "${request.agent}"`);
      const content = JSON.stringify(agent.offline(request.input));
      const prompt = request.messages.map((m) => m.content).join("\n");
      return {
        content,
        usage: { promptTokens: estimateTokens(prompt), completionTokens: estimateTokens(content) },
        model: OFFLINE_MODEL,
      };
    },
  };
}
