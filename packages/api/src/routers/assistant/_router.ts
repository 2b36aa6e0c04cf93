// `assistant`: the teacher's assistant and the student's tutor. Conversations are listed, read,
// renamed and deleted like any other rows; a reply streams as a subscription (SSE: the web client's
// httpSubscriptionLink), token by token, and `stop` ends one from another request. Which assistant
// a person gets (TEACHER or TUTOR), consent and the AI budget are the service's to decide
// (packages/core/src/assistant), so any signed-in role may call `send`. Not part of the REST API.
import {
  deleteConversation,
  getConversation,
  listConversations,
  listTutorConversations,
  renameConversation,
  stopAssistantReply,
  streamAssistantReply,
  streamRegeneratedReply,
} from "@toolboxai/core";
import {
  conversationDetailSchema,
  conversationIdInputSchema,
  conversationListInputSchema,
  conversationSummarySchema,
  regenerateAssistantInputSchema,
  renameConversationInputSchema,
  sendAssistantMessageInputSchema,
  stopAssistantInputSchema,
  tutorConversationsInputSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import type { ContextInner } from "../../context";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../../trpc";
import { assistantEvents } from "./stream";

/** The model and the agents a reply may use (a tool that drafts a lesson queues a task). */
function replyDeps(ctx: Pick<ContextInner, "agents">) {
  return { model: ctx.agents().conversation, agents: ctx.agents };
}

// Each message streams a model reply and may run tools: a limit of its own (30 a minute on the free plan).
const replyProcedure = protectedProcedure.meta({ rateLimit: "assistant.send" });

export const assistantRouter = createTRPCRouter({
  /** The caller's own conversations of one kind, newest first (the tutor's optionally of one class). */
  conversations: protectedProcedure
    .input(conversationListInputSchema)
    .output(z.array(conversationSummarySchema))
    .query(({ ctx, input }) => listConversations(ctx.svc, input)),
  /** One conversation with its messages: the caller's, or a student's tutor conversation for their teacher. */
  conversation: protectedProcedure
    .input(conversationIdInputSchema)
    .output(conversationDetailSchema)
    .query(({ ctx, input }) => getConversation(ctx.svc, input)),
  rename: protectedProcedure
    .input(renameConversationInputSchema)
    .output(conversationSummarySchema)
    .mutation(({ ctx, input }) => renameConversation(ctx.svc, input)),
  delete: protectedProcedure
    .input(conversationIdInputSchema)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => deleteConversation(ctx.svc, input)),
  /** The tutor conversations of a class's students, for its teacher (and admins). */
  tutorConversations: roleProcedure("TEACHER", "ADMIN")
    .input(tutorConversationsInputSchema)
    .output(z.array(conversationSummarySchema))
    .query(({ ctx, input }) => listTutorConversations(ctx.svc, input)),
  /**
   * Sends a message and streams the reply: `started`, text and tool cards, then `done` (or
   * `error`). Closing the stream stops the reply; what was written so far is kept, STOPPED.
   */
  send: replyProcedure.input(sendAssistantMessageInputSchema).subscription(async function* ({ ctx, input, signal }) {
    yield* assistantEvents(streamAssistantReply(ctx.svc, replyDeps(ctx), input, signal), {
      logger: ctx.logger,
      signal,
      path: "assistant.send",
    });
  }),
  /** Writes the conversation's last reply again, streamed as `send` streams. */
  regenerate: replyProcedure.input(regenerateAssistantInputSchema).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    yield* assistantEvents(streamRegeneratedReply(ctx.svc, replyDeps(ctx), input, signal), {
      logger: ctx.logger,
      signal,
      path: "assistant.regenerate",
    });
  }),
  /** Stops the caller's reply while it streams (the Stop button; closing the stream does the same). */
  stop: protectedProcedure
    .input(stopAssistantInputSchema)
    .output(z.object({ stopped: z.boolean() }))
    .mutation(({ ctx, input }) => stopAssistantReply(ctx.svc, input)),
});
