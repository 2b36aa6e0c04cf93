// The offline conversation model: the assistants without an API key. Its replies follow plain rules
// (offline-replies.ts), so tests and demos get the same reply for the same conversation, and it
// streams them the way a real model does (a word at a time, tool calls after the text, then
// `done`), so the chat's streaming, stop and tool cards are exercised without a model.
import { abortError } from "../errors";
import { delay, estimateTokens } from "../providers/offline";
import { offlineReply } from "./offline-replies";
import { traceConversations } from "./tracing";
import type { ConversationEvent, ConversationModel, ConversationRequest } from "./types";

export const OFFLINE_CONVERSATION_MODEL = "offline-assistant-v1";

export interface OfflineConversationOptions {
  /** The wait between two words of a reply (OFFLINE_MODEL_TOKEN_DELAY_MS); 0 streams at once. */
  tokenDelayMs?: number | undefined;
}

/** The text a word at a time, each with the spaces after it. */
function wordsOf(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [];
}

export function createOfflineConversationModel(options: OfflineConversationOptions = {}): ConversationModel {
  const tokenDelayMs = options.tokenDelayMs ?? 0;
  // Each reply is a "model.call" span (provider, model, purpose, tokens) when tracing is on.
  return traceConversations({
    name: "offline",
    model: OFFLINE_CONVERSATION_MODEL,
    async *converse(request: ConversationRequest): AsyncIterable<ConversationEvent> {
      const { signal } = request;
      if (signal?.aborted) throw abortError(signal);
      const reply = offlineReply(request);
      for (const [i, word] of wordsOf(reply.text).entries()) {
        if (i > 0 && tokenDelayMs > 0) await delay(tokenDelayMs, signal);
        else if (signal?.aborted) throw abortError(signal);
        yield { type: "text", delta: word };
      }
      if (signal?.aborted) throw abortError(signal);
      // Deterministic ids, distinct per reply of a conversation (its length grows with each).
      const calls = reply.toolCalls.map((c, i) => ({
        id: `call_offline_${request.messages.length}_${i + 1}`,
        name: c.name,
        arguments: JSON.stringify(c.arguments),
      }));
      for (const call of calls) yield { type: "tool_call", call };
      const prompt = [
        ...request.messages.map((m) => m.content),
        ...request.tools.map((t) => `${t.name}: ${t.description}`),
      ].join("\n");
      yield {
        type: "done",
        usage: {
          promptTokens: estimateTokens(prompt),
          completionTokens: estimateTokens(reply.text + calls.map((c) => c.arguments).join("")),
        },
        model: OFFLINE_CONVERSATION_MODEL,
        finishReason: calls.length > 0 ? "tool_calls" : "stop",
      };
    },
  });
}
