"use client";

// Sends a message to the assistant (or the tutor) and follows its reply as it streams: the
// `assistant.send` and `assistant.regenerate` subscriptions (SSE, through the tRPC client's
// httpSubscriptionLink), folded into the live reply by ./stream-state.ts. Stop closes the stream
// and tells the server (`assistant.stop`), which keeps what was written, STOPPED. When a reply
// ends, the conversation and the list are read again, and the stored copy takes over.
import type { AssistantKind, AssistantStreamEvent } from "@toolboxai/validators";
import { TRPCClientError, type TRPCClientErrorLike } from "@trpc/client";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { api } from "~/trpc/react";
import { isLive, type LiveReply, liveReplyReducer } from "./stream-state";

export const CONNECTION_LOST = "The connection to the assistant was lost. Try again.";
const ENDED_EARLY = "The reply ended before it was finished. Try again.";

export interface AssistantStreamOptions {
  kind: AssistantKind;
  /** The conversation written in; without it the first message starts one. */
  conversationId?: string;
  /** A new tutor conversation's class (and the assignment the student is on). */
  classId?: string;
  assignmentId?: string;
  /** The first message started a conversation: its id, as soon as the server has saved it. */
  onConversationCreated?(conversationId: string): void;
  /** The server refused a message before saving it (the budget, consent): its text, to type again. */
  onUnsent?(content: string): void;
}

export interface AssistantStream {
  live: LiveReply | null;
  /** The conversation being written in: the one passed in, or the one the first message started. */
  conversationId: string | null;
  streaming: boolean;
  /** Why the last reply failed, as the server said it. */
  error: string | null;
  send(content: string): void;
  /** Writes the last reply again. */
  regenerate(): void;
  stop(): void;
  dismissError(): void;
}

/** The message of an error the server sent (one the link would retry), not of a dropped connection. */
function serverMessage(error: unknown): string | null {
  const sent = error instanceof TRPCClientError && typeof error.data?.code === "string";
  return sent ? error.message : null;
}

interface Subscription {
  unsubscribe(): void;
}

export function useAssistantStream(options: AssistantStreamOptions): AssistantStream {
  const utils = api.useUtils();
  const stopReply = api.assistant.stop.useMutation();
  const [live, dispatch] = useReducer(liveReplyReducer, null);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const conversationId = options.conversationId ?? createdId;

  // The latest callbacks, for the subscription's handlers (which outlive the render that made them).
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const subscription = useRef<Subscription | null>(null);
  // Each stream has a number; a handler of an earlier one (stopped, replaced) does nothing.
  const run = useRef(0);
  // The conversation the current stream writes in, once `started` named it.
  const streamConversation = useRef<string | null>(null);

  const close = useCallback(() => {
    run.current++;
    subscription.current?.unsubscribe();
    subscription.current = null;
  }, []);
  useEffect(() => close, [close]);

  // Another conversation was opened (or "New conversation"): this one's stream ends. Being handed
  // the conversation the first message just started (the page moving to its URL) changes nothing.
  const shown = useRef(options.conversationId);
  useEffect(() => {
    if (shown.current === options.conversationId) return;
    shown.current = options.conversationId;
    if (options.conversationId !== undefined && options.conversationId === streamConversation.current) return;
    close();
    streamConversation.current = null;
    setCreatedId(null);
    dispatch({ type: "clear" });
  }, [options.conversationId, close]);

  const follow = useCallback(
    (
      open: (handlers: {
        onData(event: AssistantStreamEvent): void;
        onError(error: TRPCClientErrorLike<never> | Error): void;
        onComplete(): void;
        onConnectionStateChange(state: { state: string; error: unknown }): void;
      }) => Subscription,
      content: string | null,
      existing: string | null,
    ) => {
      close();
      const id = run.current;
      const current = () => run.current === id;
      let started = false;
      let connected = false;
      const end = () => {
        close();
        void utils.assistant.invalidate();
      };
      const fail = (message: string) => {
        dispatch({ type: "failed", message });
        if (!started && content !== null) latest.current.onUnsent?.(content);
        end();
      };
      subscription.current = open({
        onData(event) {
          if (!current()) return;
          if (event.type === "started") {
            started = true;
            streamConversation.current = event.conversationId;
            if (existing === null) {
              setCreatedId(event.conversationId);
              latest.current.onConversationCreated?.(event.conversationId);
              void utils.assistant.conversations.invalidate();
            }
          }
          if (event.type === "error") return fail(event.message);
          dispatch({ type: "event", event });
          if (event.type === "done") end();
        },
        onError(error) {
          if (current()) fail(error.message);
        },
        onComplete() {
          if (current()) fail(ENDED_EARLY);
        },
        // The link opens a stream again after a dropped connection (or a server error it deems
        // passing); opening `send` again would send the message twice, so the reply ends instead.
        onConnectionStateChange(state) {
          if (!current()) return;
          if (state.state === "pending") connected = true;
          if (state.state === "connecting" && (connected || state.error))
            fail(serverMessage(state.error) ?? CONNECTION_LOST);
        },
      });
    },
    [close, utils],
  );

  const streaming = isLive(live);

  const send = useCallback(
    (typed: string) => {
      const content = typed.trim();
      if (!content || streaming) return;
      dispatch({ type: "send", content, conversationId });
      const { kind, classId, assignmentId } = latest.current;
      const input = {
        kind,
        content,
        ...(conversationId ? { conversationId } : {}),
        ...(classId ? { classId } : {}),
        ...(assignmentId ? { assignmentId } : {}),
      };
      follow((handlers) => utils.client.assistant.send.subscribe(input, handlers), content, conversationId);
    },
    [conversationId, follow, streaming, utils],
  );

  const regenerate = useCallback(() => {
    if (!conversationId || streaming) return;
    // The reply written again is hidden meanwhile (the server hides it for good).
    const last = utils.assistant.conversation.getData({ conversationId })?.messages.at(-1);
    dispatch({ type: "regenerate", conversationId, replaces: last?.role === "ASSISTANT" ? last.id : null });
    follow(
      (handlers) => utils.client.assistant.regenerate.subscribe({ conversationId }, handlers),
      null,
      conversationId,
    );
  }, [conversationId, follow, streaming, utils]);

  const stop = useCallback(() => {
    if (!streaming) return;
    close();
    dispatch({ type: "stopped" });
    const messageId = live?.messageId;
    if (!messageId) return void utils.assistant.invalidate();
    // Closing the stream already ends the reply on the server; `stop` makes sure (another tab, a proxy
    // holding the connection), and the conversation is read again once it has.
    stopReply.mutate({ messageId }, { onSettled: () => void utils.assistant.invalidate() });
  }, [close, live?.messageId, stopReply, streaming, utils]);

  const dismissError = useCallback(() => {
    if (live?.status === "failed") dispatch({ type: "clear" });
  }, [live?.status]);

  return {
    live,
    conversationId,
    streaming,
    error: live?.status === "failed" ? live.error : null,
    send,
    regenerate,
    stop,
    dismissError,
  };
}
