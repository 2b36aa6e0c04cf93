// The offline model: each agent's deterministic draft (`agent.offline`, written in this folder),
// answered through the same interface as a real model (so the pipeline, validation and repair run
// unchanged without an API key).
import { readFile } from "node:fs/promises";
import { traceModelCalls } from "@toolboxai/observability/tracing";
import { abortError } from "../../errors";
import type { AnyAgent, ChatReply, ChatRequest, ModelProvider } from "../../types";

export const OFFLINE_MODEL = "offline-drafts-v1";

/** How often a held call looks at the hold file again (ms). */
export const OFFLINE_HOLD_POLL_MS = 50;

/** Rough token count for a text: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Waits `ms`, or rejects when the signal aborts first (or has already aborted). */
export function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Whether the hold file holds a call of this agent: it exists and is blank (every call is held),
 * or it lists the agent's name (names separated by spaces, commas or new lines).
 */
async function isHeld(holdFile: string, agent: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(holdFile, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Gone (or its folder is): released. Any other error means it is there but unreadable: held.
    return !(code === "ENOENT" || code === "ENOTDIR");
  }
  const names = text.split(/[\s,]+/).filter(Boolean);
  return names.length === 0 || names.includes(agent);
}

export interface OfflineProviderOptions {
  /**
   * Simulated thinking time per call (OFFLINE_MODEL_LATENCY_MS), so demos and the e2e suite can
   * watch a generation's progress step by step; 0 answers at once.
   */
  latencyMs?: number | undefined;
  /**
   * The hold control (OFFLINE_MODEL_HOLD_FILE), for tests that must catch a task while a step
   * runs (the e2e cancel test): while this file exists, each call waits before answering,
   * looking again every `holdPollMs`. A blank file holds every call; a file that lists agent names
   * (e.g. "content") holds only those agents' calls, so the steps before them finish. A held call
   * still ends when its signal aborts (the task is cancelled, or the per-call timeout passes).
   * Unset in production: no file is read.
   */
  holdFile?: string | undefined;
  holdPollMs?: number | undefined;
}

/** The offline provider over a registry of agents (normally `agents`), answering with each one's `offline` draft. */
export function createOfflineProvider(
  registry: Record<string, AnyAgent>,
  options: OfflineProviderOptions = {},
): ModelProvider {
  const latencyMs = options.latencyMs ?? 0;
  const { holdFile } = options;
  const holdPollMs = options.holdPollMs ?? OFFLINE_HOLD_POLL_MS;
  // Each call is a "model.call" span (provider, model, agent, tokens) when tracing is on.
  return traceModelCalls({
    name: "offline",
    model: OFFLINE_MODEL,
    async chat(request: ChatRequest): Promise<ChatReply> {
      if (request.signal?.aborted) throw abortError(request.signal);
      if (holdFile) {
        while (await isHeld(holdFile, request.agent)) await delay(holdPollMs, request.signal);
      }
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
  });
}
