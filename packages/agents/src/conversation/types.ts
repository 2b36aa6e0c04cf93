// Conversations with a model: the assistants' streamed replies with tool calls (OpenAI function
// calling). The agents' structured calls (`ModelProvider.chat`) stay as they are; a provider that
// can converse also implements `ConversationModel`.
import type { TokenUsage } from "../types";

/** A tool the model may call: its name, what it does, and its input as JSON Schema. */
export interface ConversationTool {
  name: string;
  description: string;
  /** JSON Schema (an object schema) of the tool's input. */
  parameters: Record<string, unknown>;
}

export interface ConversationToolCall {
  /** The model's id for this call (`call_…`), echoed by the tool's result turn. */
  id: string;
  name: string;
  /** The arguments as the model wrote them: JSON text, not yet parsed or validated. */
  arguments: string;
}

export type ConversationTurn =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ConversationToolCall[] | undefined }
  | { role: "tool"; toolCallId: string; content: string };

/** Who is asking: the offline model shapes its deterministic reply by it. */
export type ConversationPurpose = "assistant" | "tutor";

export interface ConversationRequest {
  purpose: ConversationPurpose;
  messages: ConversationTurn[];
  tools: ConversationTool[];
  signal?: AbortSignal | undefined;
}

/**
 * What a streamed reply yields: text as it is generated, then each complete tool call, then one
 * `done` with the usage (always last, unless the stream throws).
 */
export type ConversationEvent =
  | { type: "text"; delta: string }
  | { type: "tool_call"; call: ConversationToolCall }
  | {
      type: "done";
      usage: TokenUsage;
      model: string;
      finishReason: "stop" | "tool_calls" | "length" | "content_filter";
    };

export interface ConversationModel {
  /** `openai` or `offline`. */
  readonly name: string;
  readonly model: string;
  /** Streams one reply. Aborting `signal` ends the stream (the iterator throws an AbortError). */
  converse(request: ConversationRequest): AsyncIterable<ConversationEvent>;
}
