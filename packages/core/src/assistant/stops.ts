// Stopping a reply while it streams. The stream runs in the process that serves the person's
// subscription; Stop arrives as its own request, so the running replies are kept here by message
// id, each with the controller that aborts its model call. One process only: with several web
// instances, a Stop that lands on another instance finds nothing here and answers
// `{ stopped: false }` (the reply still stops when the person's stream closes); reaching it would
// need a broadcast between instances (Redis pub/sub on the message id).
import type { ServiceContext } from "../context";
import { notFound } from "../errors";

const running = new Map<string, AbortController>();

/** Registers a reply that is streaming here; the returned function forgets it once it ends. */
export function registerRunningReply(messageId: string, controller: AbortController): () => void {
  running.set(messageId, controller);
  return () => {
    if (running.get(messageId) === controller) running.delete(messageId);
  };
}

/** Whether the reply is streaming in this process. */
export function isRunningHere(messageId: string): boolean {
  return running.has(messageId);
}

/** Stops the actor's own reply if it is streaming in this process. NOT_FOUND for anyone else's message. */
export async function stopAssistantReply(
  ctx: ServiceContext,
  input: { messageId: string },
): Promise<{ stopped: boolean }> {
  const message = await ctx.db.conversationMessage.findFirst({
    where: { id: input.messageId, role: "ASSISTANT", conversation: { userId: ctx.actor.userId } },
    select: { id: true },
  });
  if (!message) throw notFound("Message");
  const controller = running.get(message.id);
  if (!controller) return { stopped: false };
  controller.abort();
  return { stopped: true };
}
