// What the assistant's subscriptions send: the reply's events as the contract shapes them, and an
// unexpected failure as the stream's own last event. The SSE link opens a subscription again after
// an internal error, and opening `send` again would send the person's message a second time, so a
// failure that is not a refusal ends the stream with `{ type: "error" }` (logged here) instead.
// Refusals (DomainError, TRPCError: the budget, consent, not found) are thrown on, for the
// domain-errors middleware to map; the client does not retry them.
import { isDomainError } from "@toolboxai/core";
import { type AssistantStreamEvent, assistantStreamEventSchema } from "@toolboxai/validators";
import { TRPCError } from "@trpc/server";
import type { Logger } from "pino";

export const STREAM_FAILED = "The assistant stopped because of a problem on our side. Try again.";

export async function* assistantEvents(
  events: AsyncIterable<AssistantStreamEvent>,
  opts: { logger: Logger; signal: AbortSignal | undefined; path: string },
): AsyncGenerator<AssistantStreamEvent, void> {
  try {
    for await (const event of events) {
      // Only the contract's fields leave the server (a tool's output is whatever the service put in).
      yield assistantStreamEventSchema.parse(event);
    }
  } catch (error) {
    // A closed stream ends quietly: the service saved the reply as it stood.
    if (isDomainError(error) || error instanceof TRPCError || opts.signal?.aborted) throw error;
    opts.logger.error({ err: error, path: opts.path }, "assistant stream failed");
    yield { type: "error", message: STREAM_FAILED };
  }
}
