// A "model.call" span per streamed reply (see traceModelCall in @toolboxai/observability): open
// from the request until `done` (which gives the span its model and tokens) or the error that
// ends the stream. The agent name is the conversation's purpose, "assistant" or "tutor".
import { traceModelCall } from "@toolboxai/observability/tracing";
import type { TokenUsage } from "../types";
import type { ConversationEvent, ConversationModel, ConversationRequest } from "./types";

interface Settle {
  resolve(reply: { model: string; usage: TokenUsage }): void;
  reject(error: unknown): void;
}

export function traceConversations(model: ConversationModel): ConversationModel {
  return {
    name: model.name,
    model: model.model,
    async *converse(request: ConversationRequest): AsyncIterable<ConversationEvent> {
      let settle: Settle | undefined;
      // traceModelCall takes a promise: this one settles when the stream does.
      const span = traceModelCall(
        { provider: model.name, model: model.model, agent: request.purpose },
        () =>
          new Promise<{ model: string; usage: TokenUsage }>((resolve, reject) => {
            settle = { resolve, reject };
          }),
      );
      span.catch(() => {});
      let finished = false;
      try {
        for await (const event of model.converse(request)) {
          if (event.type === "done") {
            finished = true;
            settle?.resolve({ model: event.model, usage: event.usage });
          }
          yield event;
        }
      } catch (error) {
        finished = true;
        settle?.reject(error);
        throw error;
      } finally {
        // The reader stopped early (or the stream ended without `done`).
        if (!finished) settle?.reject(new Error("The reply ended before it finished"));
      }
    },
  };
}
