"use client";

import { Megaphone, MessageSquare, PenSquare } from "lucide-react";
import { useState } from "react";
import { ShortWhen } from "~/components/local-time";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Spinner } from "~/components/ui/spinner";
import { cn } from "~/lib/utils";
import { api, type RouterOutputs } from "~/trpc/react";
import { AnnounceDialog } from "./announce-dialog";
import { POLL_MS, threadTitle, unreadLabel } from "./format";
import { NewMessageDialog } from "./new-message-dialog";
import { ThreadView } from "./thread-view";

type ThreadSummary = RouterOutputs["messages"]["threads"][number];

/** Two panes: the actor's conversations, and the one selected. */
export function Inbox({
  viewerId,
  canAnnounce,
  initialThreadId,
}: {
  viewerId: string;
  canAnnounce: boolean;
  initialThreadId: string | null;
}) {
  const [selectedId, setSelectedId] = useState<string | null>(initialThreadId);
  const [focusThread, setFocusThread] = useState(false);
  // New messages arrive through realtime (components/realtime/live-updates.tsx); polling is the fallback.
  const pollMs = useLivePolling(POLL_MS);
  const threads = api.messages.threads.useQuery(undefined, { refetchInterval: pollMs });

  const select = (threadId: string | null) => {
    setSelectedId(threadId);
    setFocusThread(threadId !== null);
    const query = threadId ? `?thread=${encodeURIComponent(threadId)}` : "";
    window.history.replaceState(null, "", `${window.location.pathname}${query}`);
  };

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap gap-2">
        <NewMessageDialog
          onSent={select}
          trigger={
            <Button>
              <PenSquare aria-hidden="true" />
              New message
            </Button>
          }
        />
        {canAnnounce ? (
          <AnnounceDialog
            onSent={select}
            trigger={
              <Button variant="outline">
                <Megaphone aria-hidden="true" />
                Announce to a class
              </Button>
            }
          />
        ) : null}
      </div>
      <div className="grid min-h-[32rem] overflow-hidden rounded-lg border bg-card md:grid-cols-[minmax(16rem,22rem)_1fr]">
        <nav
          aria-label="Conversations"
          aria-busy={threads.isFetching}
          className={cn("min-w-0 border-b md:border-r md:border-b-0", selectedId && "hidden md:block")}
        >
          {threads.isPending ? (
            <div className="grid gap-2 p-3">
              <Spinner label="Loading conversations" className="sr-only" />
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-16 w-full" />
              ))}
            </div>
          ) : threads.isError ? (
            <Alert variant="destructive" className="m-3 w-auto">
              <AlertDescription>Could not load your messages: {threads.error.message}</AlertDescription>
            </Alert>
          ) : threads.data.length === 0 ? (
            <EmptyState
              icon={MessageSquare}
              title="No messages yet"
              description={
                canAnnounce
                  ? "Start a conversation with a student, or post an announcement to a class."
                  : "Write to a teacher of one of your classes. Announcements will show up here too."
              }
            />
          ) : (
            <ul className="max-h-[40rem] divide-y overflow-y-auto">
              {threads.data.map((t) => (
                <li key={t.id}>
                  <ThreadRow thread={t} selected={t.id === selectedId} onSelect={() => select(t.id)} />
                </li>
              ))}
            </ul>
          )}
        </nav>
        <section aria-label="Selected conversation" className={cn("min-w-0", !selectedId && "hidden md:block")}>
          {selectedId ? (
            <ThreadView
              key={selectedId}
              threadId={selectedId}
              viewerId={viewerId}
              autoFocus={focusThread}
              onBack={() => select(null)}
            />
          ) : (
            <EmptyState
              className="h-full"
              icon={MessageSquare}
              title="No conversation selected"
              description="Choose a conversation from the list to read it and reply."
            />
          )}
        </section>
      </div>
    </div>
  );
}

function ThreadRow({ thread, selected, onSelect }: { thread: ThreadSummary; selected: boolean; onSelect: () => void }) {
  const unread = thread.unreadCount > 0;
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-current={selected ? "true" : undefined}
      className={cn(
        "grid w-full min-w-0 gap-1 px-4 py-3 text-left outline-none transition-colors hover:bg-muted focus-visible:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
        selected && "bg-muted",
      )}
    >
      <span className="flex min-w-0 items-center justify-between gap-2">
        <span className={cn("min-w-0 truncate text-sm", unread ? "font-semibold" : "font-medium")}>
          {threadTitle(thread)}
        </span>
        <ShortWhen value={thread.lastMessageAt} className="shrink-0 text-muted-foreground text-xs" />
      </span>
      <span className="flex min-w-0 items-center gap-2">
        {thread.kind === "ANNOUNCEMENT" ? (
          <Badge variant="secondary" className="shrink-0">
            <Megaphone aria-hidden="true" />
            Announcement
          </Badge>
        ) : null}
        <span className={cn("min-w-0 truncate text-sm", unread ? "font-medium" : "text-muted-foreground")}>
          {thread.subject}
        </span>
        {unread ? (
          <Badge className="ml-auto shrink-0">
            <span aria-hidden="true">{thread.unreadCount}</span>
            <span className="sr-only">{unreadLabel(thread.unreadCount)}</span>
          </Badge>
        ) : null}
      </span>
      {thread.lastMessage ? (
        <span className="truncate text-muted-foreground text-xs">
          {thread.lastMessage.mine
            ? "You: "
            : thread.kind === "ANNOUNCEMENT"
              ? ""
              : `${thread.lastMessage.authorName}: `}
          {thread.lastMessage.body}
        </span>
      ) : null}
    </button>
  );
}
