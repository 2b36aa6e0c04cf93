// A conversation model behind the resilience policies (resilience.ts), normally the very ones of
// the agents' provider, so both kinds of call share one breaker per upstream.
//
// A streamed reply can only be tried again before anything of it has been shown: once a delta has
// reached the person, a second attempt would repeat or contradict it. So the policies wrap
// "open the stream and read its first event" (the timeout limits the wait for that first event,
// a 429 or 503 answer is retried with backoff, the breaker counts the outcome); after the first
// event, the stream runs on its own and an error ends it as it is.
import { abortError } from "../errors";
import type { Resilience } from "../resilience";
import type { ConversationEvent, ConversationModel, ConversationRequest } from "./types";

interface Opened {
  iterator: AsyncIterator<ConversationEvent>;
  first: IteratorResult<ConversationEvent>;
}

export function resilientConversationModel(model: ConversationModel, resilience: Resilience): ConversationModel {
  return {
    name: model.name,
    model: model.model,
    async *converse(request: ConversationRequest): AsyncIterable<ConversationEvent> {
      const caller = request.signal;
      const open = async (attemptSignal: AbortSignal): Promise<Opened> => {
        // The policy's signal is aborted once the attempt returns (cockatiel's timeout does so), so
        // the stream gets its own, which only the timeout (before the first event) or the caller end.
        const stream = new AbortController();
        const onTimeout = () => stream.abort(attemptSignal.reason);
        attemptSignal.addEventListener("abort", onTimeout, { once: true });
        if (attemptSignal.aborted) stream.abort(attemptSignal.reason);
        const signal = caller ? AbortSignal.any([caller, stream.signal]) : stream.signal;
        try {
          const iterator = model.converse({ ...request, signal })[Symbol.asyncIterator]();
          return { iterator, first: await iterator.next() };
        } finally {
          attemptSignal.removeEventListener("abort", onTimeout);
        }
      };
      const { iterator, first } = await resilience.run(open, caller);
      if (first.done) return;
      yield first.value;
      try {
        // `yield*` hands an early `return()` (the consumer stopped reading) on to the stream.
        yield* { [Symbol.asyncIterator]: () => iterator };
      } catch (error) {
        if (caller?.aborted) throw abortError(caller);
        throw error;
      }
    },
  };
}
