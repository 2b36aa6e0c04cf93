"use client";

// One message of a conversation: the person's on the right as typed, the assistant's on the left
// as safe Markdown, with its tool cards, the offline model's label, why a guard replaced it, and
// whether it was stopped or did not finish.
import type { AssistantGuard, AssistantKind } from "@toolboxai/validators";
import { RotateCcw, ShieldCheck } from "lucide-react";
import { Markdown } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { isOfflineModel } from "~/lib/ai-model";
import { cn } from "~/lib/utils";
import { OfflineBadge } from "./offline-badge";
import type { ThreadItem } from "./stream-state";
import { ToolCard } from "./tool-card";

export const GUARD_NOTE: Record<AssistantGuard, string> = {
  "answer-key": "Hint instead of an answer: your quiz is still open",
  safety: "This reply was replaced to keep things safe",
};

const SPEAKER: Record<AssistantKind, string> = { TEACHER: "Assistant", TUTOR: "Tutor" };

export function ChatMessage({
  item,
  kind,
  compact,
  author,
  /** Set on the last reply when it may be written again. */
  onRegenerate,
}: {
  item: ThreadItem;
  kind: AssistantKind;
  compact: boolean;
  /** Who wrote the person's messages, when it is not the reader (a teacher reading a student's conversation). */
  author?: string | null;
  onRegenerate?: () => void;
}) {
  if (item.role === "USER") {
    return (
      <li
        data-testid="chat-message"
        data-role="user"
        data-status={item.status.toLowerCase()}
        className={cn("ml-auto grid justify-items-end gap-1", compact ? "max-w-[90%]" : "max-w-[80%]")}
      >
        {author ? (
          <span className="font-medium text-xs">
            {author}
            <span className="sr-only"> said:</span>
          </span>
        ) : (
          <span className="sr-only">You said:</span>
        )}
        <p className="whitespace-pre-wrap break-words rounded-lg bg-primary px-3 py-2 text-primary-foreground text-sm">
          {item.content}
        </p>
      </li>
    );
  }

  const offline = item.provider !== null && isOfflineModel({ provider: item.provider });
  const empty = item.content === "" && item.toolCalls.length === 0;
  return (
    <li
      data-testid="chat-message"
      data-role="assistant"
      data-status={item.status.toLowerCase()}
      className={cn("grid gap-1.5", compact ? "max-w-full" : "max-w-[85%]")}
    >
      <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-xs">
        <span className="font-medium text-foreground">{SPEAKER[kind]}</span>
        {offline ? <OfflineBadge /> : null}
        {item.status === "STOPPED" ? <span>Stopped</span> : null}
        {item.status === "FAILED" ? <span className="text-destructive">Didn't finish</span> : null}
      </div>
      {item.toolCalls.length > 0 ? (
        <div className="grid gap-2">
          {item.toolCalls.map((call) => (
            <ToolCard key={call.id} call={call} compact={compact} />
          ))}
        </div>
      ) : null}
      {/* A polite live region; while the reply arrives aria-busy holds the announcement until it is complete. */}
      <div
        aria-live="polite"
        aria-busy={item.live ? true : undefined}
        data-streaming={item.live ? "true" : undefined}
        className="min-w-0 rounded-lg bg-muted px-3 py-2"
      >
        {empty ? (
          <span className="text-muted-foreground text-sm">
            {item.live ? "Thinking…" : item.status === "STOPPED" ? "Stopped before replying" : "No reply"}
          </span>
        ) : (
          <Markdown source={item.content} size="sm" appLinks />
        )}
        {item.live ? (
          <span
            aria-hidden
            data-testid="streaming-cursor"
            className="mt-1 inline-block h-4 w-1.5 animate-pulse rounded-sm bg-foreground/60 align-middle"
          />
        ) : null}
      </div>
      {item.guard ? (
        <p data-testid="guard-note" className="flex items-center gap-1.5 text-muted-foreground text-xs">
          <ShieldCheck className="size-3.5" aria-hidden />
          {GUARD_NOTE[item.guard]}
        </p>
      ) : null}
      {onRegenerate ? (
        <Button variant="ghost" size="sm" className="w-fit text-muted-foreground" onClick={onRegenerate}>
          <RotateCcw aria-hidden />
          Regenerate
        </Button>
      ) : null}
    </li>
  );
}
