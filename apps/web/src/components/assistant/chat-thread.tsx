"use client";

// A conversation with the teacher's assistant or the student's tutor: its messages, the reply
// streaming in, and the composer. Used full-size on the assistant page and compact in the
// student's tutor panel; read-only for a teacher reading a student's tutor conversation. Without a
// `conversationId` the first message starts one (`onConversationCreated` says which), and the
// thread keeps following it whether or not the parent passes the new id back.
import { skipToken } from "@tanstack/react-query";
import type { AssistantKind } from "@toolboxai/validators";
import { MessagesSquare } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { LoadError } from "~/components/load-error";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Spinner } from "~/components/ui/spinner";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { ChatMessage } from "./chat-message";
import { Composer } from "./composer";
import { threadItems } from "./stream-state";
import { Suggestions } from "./suggestions";
import { useAssistantStream } from "./use-assistant-stream";

export interface ChatThreadProps {
  kind: AssistantKind;
  conversationId?: string;
  /** A new tutor conversation's class, and the assignment the student is on. */
  classId?: string;
  assignmentId?: string;
  /** Shown without a composer that writes (a teacher reading a student's conversation). */
  readOnly?: boolean;
  onConversationCreated?(conversationId: string): void;
  /** For a narrow side panel: tighter spacing, full-width replies. */
  compact?: boolean;
  className?: string;
}

const PLACEHOLDER: Record<AssistantKind, string> = {
  TEACHER: "Ask your assistant to draft, search or summarize…",
  TUTOR: "Ask your tutor a question…",
};

/** Within this many pixels of the bottom, the thread follows new text down. */
const PINNED_PX = 48;

export function ChatThread({
  kind,
  conversationId,
  classId,
  assignmentId,
  readOnly = false,
  onConversationCreated,
  compact = false,
  className,
}: ChatThreadProps) {
  const [draft, setDraft] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const stream = useAssistantStream({
    kind,
    conversationId,
    classId,
    assignmentId,
    onConversationCreated,
    // Refused before it was saved: the text comes back to type again (unless something new was typed).
    onUnsent(content) {
      setDraft((typed) => (typed.trim() ? typed : content));
      textarea.current?.focus();
    },
  });
  const id = stream.conversationId;
  const conversation = api.assistant.conversation.useQuery(id ? { conversationId: id } : skipToken, { retry: false });
  const items = threadItems(conversation.data?.messages ?? [], stream.live);

  const owner = conversation.data && !conversation.data.own ? conversation.data.user.name : null;
  const locked = readOnly || owner !== null;
  const disabledReason = locked
    ? owner
      ? `You're reading ${owner}'s conversation. Only they can write in it.`
      : "This conversation is read-only."
    : null;

  const last = items.at(-1);
  const canRegenerate = !locked && !stream.streaming && id !== null && last?.role === "ASSISTANT" && last.id !== null;
  // After a failure the reply can be written again once the person's message was saved (unless the
  // failed reply already offers Regenerate).
  const canRetry =
    !locked &&
    !canRegenerate &&
    id !== null &&
    stream.live !== null &&
    (stream.live.content === null || stream.live.userMessage !== null);

  // Follow the reply down while the reader is at the bottom; leave them where they scrolled to otherwise.
  const scroller = useRef<HTMLElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = scroller.current;
    if (!el || !content.current) return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content.current);
    return () => observer.disconnect();
  }, []);

  const send = (message: string) => {
    pinned.current = true;
    stream.send(message);
    textarea.current?.focus();
  };
  const stop = () => {
    stream.stop();
    textarea.current?.focus();
  };

  const loading = id !== null && conversation.isPending && stream.live === null;
  const loadFailed = conversation.isError && stream.live === null;

  return (
    <section
      aria-label={kind === "TEACHER" ? "Conversation with the assistant" : "Conversation with the tutor"}
      data-testid="chat-thread"
      className={cn("flex min-h-0 flex-1 flex-col", className)}
      onKeyDown={(e) => {
        if (e.key === "Escape" && stream.streaming) {
          e.preventDefault();
          stop();
        }
      }}
    >
      {/* The one scrolling box (focusable, so keyboards can scroll a conversation without links or buttons). */}
      <section
        ref={scroller}
        aria-label="Messages"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus so keyboards can scroll it (WCAG 2.1.1)
        tabIndex={0}
        className="min-h-0 flex-1 overflow-y-auto outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < PINNED_PX;
        }}
      >
        <div ref={content} className={cn("grid content-start gap-4", compact ? "p-3" : "p-4")}>
          {loading ? (
            <div className="grid gap-3" aria-busy="true">
              <Spinner label="Loading conversation" className="justify-start" />
              <Skeleton className="ml-auto h-10 w-1/2" />
              <Skeleton className="h-24 w-3/4" />
              <Skeleton className="ml-auto h-10 w-2/5" />
            </div>
          ) : loadFailed ? (
            // A malformed id in the URL is as missing as a deleted conversation.
            conversation.error.data?.code === "NOT_FOUND" || conversation.error.data?.code === "BAD_REQUEST" ? (
              <Alert variant="destructive">
                <AlertTitle>We couldn't find that conversation</AlertTitle>
                <AlertDescription>It was deleted, or it isn't yours to read.</AlertDescription>
              </Alert>
            ) : (
              <LoadError
                title="Couldn't load the conversation"
                message={conversation.error.message}
                onRetry={() => void conversation.refetch()}
              />
            )
          ) : items.length === 0 ? (
            locked ? (
              <EmptyState icon={MessagesSquare} title="No messages yet" />
            ) : (
              <Suggestions kind={kind} compact={compact} assignment={assignmentId !== undefined} onPick={send} />
            )
          ) : (
            <ol className="grid content-start gap-4">
              {items.map((item) => (
                <ChatMessage
                  key={item.key}
                  item={item}
                  kind={kind}
                  compact={compact}
                  author={owner}
                  onRegenerate={canRegenerate && item === last ? stream.regenerate : undefined}
                />
              ))}
            </ol>
          )}
          {stream.error ? (
            <Alert variant="destructive" data-testid="chat-error">
              <AlertTitle>
                {kind === "TEACHER" ? "The assistant couldn't reply" : "The tutor couldn't reply"}
              </AlertTitle>
              <AlertDescription>
                <p>{stream.error}</p>
                <div className="flex flex-wrap gap-2">
                  {canRetry ? (
                    <Button variant="outline" size="sm" onClick={stream.regenerate}>
                      Try again
                    </Button>
                  ) : null}
                  <Button variant="ghost" size="sm" onClick={stream.dismissError}>
                    Dismiss
                  </Button>
                </div>
              </AlertDescription>
            </Alert>
          ) : null}
        </div>
      </section>
      <Composer
        value={draft}
        onChange={setDraft}
        onSend={() => {
          send(draft);
          setDraft("");
        }}
        onStop={stop}
        streaming={stream.streaming}
        placeholder={PLACEHOLDER[kind]}
        disabledReason={disabledReason}
        compact={compact}
        textareaRef={textarea}
      />
    </section>
  );
}
