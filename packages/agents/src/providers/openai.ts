// OpenAI (or any OpenAI-compatible server, via `baseURL`) behind the ModelProvider interface. One
// attempt per call: retries, timeouts and the circuit breaker live in resilience.ts.
import { traceModelCalls } from "@toolboxai/observability/tracing";
import OpenAI from "openai";
import { ModelCallError } from "../errors";
import type { ChatReply, ChatRequest, ModelProvider } from "../types";

export interface OpenAIProviderOptions {
  apiKey: string;
  model: string;
  /** An OpenAI-compatible server, e.g. `http://127.0.0.1:8080/v1`. Default: OpenAI's API. */
  baseURL?: string | undefined;
  organization?: string | undefined;
  /**
   * The SDK's own ceiling per request, a backstop only (default 10 minutes): the resilience
   * policy's much shorter timeout aborts the call through `request.signal` first.
   */
  sdkTimeoutMs?: number | undefined;
  /** Extra headers for each call, read when it is made (the current request's correlation ids). */
  headers?: (() => Record<string, string>) | undefined;
}

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

export function createOpenAIProvider(options: OpenAIProviderOptions): ModelProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Explicit, so the SDK never picks up OPENAI_BASE_URL / OPENAI_ORG_ID from the environment behind our back.
    baseURL: options.baseURL ?? OPENAI_DEFAULT_BASE_URL,
    organization: options.organization ?? null,
    maxRetries: 0,
    timeout: options.sdkTimeoutMs ?? 10 * 60_000,
  });

  // Each call is a "model.call" span (provider, model, agent, tokens) when tracing is on.
  return traceModelCalls({
    name: "openai",
    model: options.model,
    async chat(request: ChatRequest): Promise<ChatReply> {
      const completion = await client.chat.completions.create(
        {
          model: options.model,
          messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
          response_format: {
            type: "json_schema",
            json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: false },
          },
        },
        { signal: request.signal, maxRetries: 0, ...(options.headers ? { headers: options.headers() } : {}) },
      );
      const message = completion.choices[0]?.message;
      if (!message) throw new ModelCallError("The model returned no choices", { retryable: true });
      if (message.refusal && !message.content) {
        throw new ModelCallError(`The model refused: ${message.refusal}`, { retryable: false });
      }
      return {
        content: message.content ?? "",
        usage: {
          promptTokens: completion.usage?.prompt_tokens ?? 0,
          completionTokens: completion.usage?.completion_tokens ?? 0,
        },
        model: completion.model || options.model,
      };
    },
  });
}
