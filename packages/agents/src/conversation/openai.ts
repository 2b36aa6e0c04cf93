// OpenAI (or any OpenAI-compatible server) as a ConversationModel: one streamed chat completion with
// function calling per reply. One attempt per call, like the agents' provider: retries, timeouts
// and the breaker live in resilience.ts (see conversation/resilient.ts).
import OpenAI, { APIError } from "openai";
import type {
  ChatCompletionChunk,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { abortError, ModelCallError } from "../errors";
import { estimateTokens } from "../providers/offline";
import { OPENAI_DEFAULT_BASE_URL, type OpenAIProviderOptions } from "../providers/openai";
import { traceConversations } from "./tracing";
import type {
  ConversationEvent,
  ConversationModel,
  ConversationRequest,
  ConversationToolCall,
  ConversationTurn,
} from "./types";

type FinishReason = Extract<ConversationEvent, { type: "done" }>["finishReason"];

function toMessage(turn: ConversationTurn): ChatCompletionMessageParam {
  switch (turn.role) {
    case "tool":
      return { role: "tool", tool_call_id: turn.toolCallId, content: turn.content };
    case "assistant": {
      const calls = turn.toolCalls ?? [];
      if (calls.length === 0) return { role: "assistant", content: turn.content };
      return {
        role: "assistant",
        // OpenAI takes null, not "", beside tool calls.
        content: turn.content === "" ? null : turn.content,
        tool_calls: calls.map((c) => ({
          id: c.id,
          type: "function",
          function: { name: c.name, arguments: c.arguments },
        })),
      };
    }
    default:
      return { role: turn.role, content: turn.content };
  }
}

function finishReasonOf(raw: ChatCompletionChunk.Choice["finish_reason"] | undefined, calls: number): FinishReason {
  if (raw === "length" || raw === "content_filter") return raw;
  // Some compatible servers (Ollama) say "stop" after tool calls.
  if (raw === "tool_calls" || raw === "function_call" || calls > 0) return "tool_calls";
  return "stop";
}

export function createOpenAIConversationModel(options: OpenAIProviderOptions): ConversationModel {
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Explicit, so the SDK never picks up OPENAI_BASE_URL / OPENAI_ORG_ID from the environment behind our back.
    baseURL: options.baseURL ?? OPENAI_DEFAULT_BASE_URL,
    organization: options.organization ?? null,
    maxRetries: 0,
    timeout: options.sdkTimeoutMs ?? 10 * 60_000,
  });

  // Each reply is a "model.call" span (provider, model, purpose, tokens) when tracing is on.
  return traceConversations({
    name: "openai",
    model: options.model,
    async *converse(request: ConversationRequest): AsyncIterable<ConversationEvent> {
      const { signal } = request;
      if (signal?.aborted) throw abortError(signal);
      const tools: ChatCompletionFunctionTool[] = request.tools.map((t) => ({
        type: "function",
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }));
      // Tool calls arrive in pieces, keyed by their index: the id and name first, the arguments in parts.
      const calls = new Map<number, ConversationToolCall>();
      let text = "";
      let finish: ChatCompletionChunk.Choice["finish_reason"] | undefined;
      let usage: { promptTokens: number; completionTokens: number } | undefined;
      let model = options.model;
      try {
        const stream = await client.chat.completions.create(
          {
            model: options.model,
            messages: request.messages.map(toMessage),
            // OpenAI refuses an empty list.
            ...(tools.length > 0 ? { tools } : {}),
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal, maxRetries: 0, ...(options.headers ? { headers: options.headers() } : {}) },
        );
        for await (const chunk of stream) {
          if (chunk.model) model = chunk.model;
          if (chunk.usage) {
            usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
          }
          const choice = chunk.choices[0];
          if (!choice) continue;
          // A refusal is the model's reply too: the person reads it like any other text.
          const delta = (choice.delta.content ?? "") + (choice.delta.refusal ?? "");
          if (delta) {
            text += delta;
            yield { type: "text", delta };
          }
          for (const part of choice.delta.tool_calls ?? []) {
            const call = calls.get(part.index) ?? { id: `call_${part.index}`, name: "", arguments: "" };
            if (part.id) call.id = part.id;
            if (part.function?.name) call.name += part.function.name;
            if (part.function?.arguments) call.arguments += part.function.arguments;
            calls.set(part.index, call);
          }
          if (choice.finish_reason) finish = choice.finish_reason;
        }
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        // A connection cut while the body streams surfaces as fetch's bare TypeError ("terminated"):
        // as transient as a refused connection, so worth another try (before the first event).
        if (!(error instanceof APIError)) {
          throw new ModelCallError(`The model's stream broke off: ${(error as Error).message}`, {
            retryable: true,
            cause: error,
          });
        }
        throw error;
      }
      // The SDK ends the iteration quietly when the signal aborts: the caller must still see the abort.
      if (signal?.aborted) throw abortError(signal);
      // A stream cut short ends without a finish reason: never pass a half reply off as whole.
      if (!finish) throw new ModelCallError("The model's stream ended before the reply finished", { retryable: true });
      const complete = [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
      for (const call of complete) yield { type: "tool_call", call };
      const prompt = request.messages.map((m) => m.content).join("\n");
      yield {
        type: "done",
        // A server that ignores include_usage still counts against the budget, by estimate.
        usage: usage ?? {
          promptTokens: estimateTokens(prompt),
          completionTokens: estimateTokens(text + complete.map((c) => c.arguments).join("")),
        },
        model,
        finishReason: finishReasonOf(finish, complete.length),
      };
    },
  });
}
