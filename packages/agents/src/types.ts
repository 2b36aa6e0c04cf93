import type { AgentName } from "@toolboxai/validators";
import type { z } from "zod";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** One raw call to a model: messages in, the model's text out. */
export interface ChatRequest {
  agent: AgentName;
  messages: ChatMessage[];
  /** The JSON Schema the answer must follow (from the agent's zod output schema). */
  jsonSchema: Record<string, unknown>;
  schemaName: string;
  /**
   * The agent's typed input. Real models only see `messages`; the offline provider builds its
   * draft from this instead of parsing the prompt back.
   */
  input: unknown;
  signal?: AbortSignal | undefined;
}

export interface ChatReply {
  content: string;
  usage: TokenUsage;
  model: string;
}

/** A language model behind one interface: OpenAI (or any compatible server), or the offline model. */
export interface ModelProvider {
  /** `openai` or `offline`; stored on every execution and shown in the UI. */
  readonly name: string;
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatReply>;
}

/**
 * One agent as its own file defines it (`src/agents/<name>.ts`): its input and output shapes, its
 * prompt, and the checks its output must pass beyond the schema (fed back to the model like
 * schema errors).
 */
export interface AgentSpec<I = unknown, O = unknown> {
  name: AgentName;
  /** One line for the UI: what this agent does. */
  description: string;
  inputSchema: z.ZodType<I>;
  outputSchema: z.ZodType<O>;
  prompt(input: I): { system: string; user: string };
  /** Problems the schema cannot see (a script that does not parse, a station with no question). */
  check?(output: O, input: I): string[];
}

/**
 * One agent as the registry (`agents`) holds it: its spec, and the deterministic draft the offline
 * provider answers with (written in `src/providers/offline/`).
 */
export interface AgentDefinition<I = unknown, O = unknown> extends AgentSpec<I, O> {
  /** The offline provider's answer: valid, sensible and deterministic for a given input. */
  offline(input: I): unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds agents of different input/output types.
export type AnyAgent = AgentDefinition<any, any>;
