"use client";

// The teacher's assistant conversations, newest first: each opens at its own URL, and its menu
// renames or deletes it. "New conversation" opens an empty thread.
import type { ConversationSummary } from "@toolboxai/validators";
import { MessagesSquare, MoreHorizontal, Pencil, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { LoadError } from "~/components/load-error";
import { RelativeTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Spinner } from "~/components/ui/spinner";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { DeleteConversationDialog, RenameConversationDialog } from "./conversation-dialogs";

export const ASSISTANT_HREF = "/teacher/assistant";
export const conversationHref = (id: string) => `${ASSISTANT_HREF}/${encodeURIComponent(id)}`;

export function ConversationList({
  selectedId,
  onDeleted,
  className,
}: {
  selectedId: string | undefined;
  /** A conversation was deleted (the page leaves it if it was open). */
  onDeleted(conversationId: string): void;
  className?: string;
}) {
  const list = api.assistant.conversations.useQuery({ kind: "TEACHER" });
  const [renaming, setRenaming] = useState<ConversationSummary | null>(null);
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);
  // Newest activity first, whatever order the cache was last written in.
  const conversations = list.data ? [...list.data].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()) : [];

  return (
    <nav aria-label="Conversations" className={cn("flex min-h-0 flex-col", className)}>
      <div className="border-b p-3">
        <Button asChild variant="outline" className="w-full">
          <Link href={ASSISTANT_HREF} aria-current={selectedId === undefined ? "page" : undefined}>
            <Plus aria-hidden />
            New conversation
          </Link>
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={list.isFetching}>
        {list.isPending ? (
          <div className="grid gap-2 p-3">
            <Spinner label="Loading conversations" className="sr-only" />
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-14 w-full" />
            ))}
          </div>
        ) : list.isError ? (
          <div className="p-3">
            <LoadError
              title="Couldn't load your conversations"
              message={list.error.message}
              onRetry={() => void list.refetch()}
            />
          </div>
        ) : conversations.length === 0 ? (
          <EmptyState
            icon={MessagesSquare}
            title="No conversations yet"
            description="Your conversations with the assistant are kept here."
          />
        ) : (
          <ul className="divide-y" data-testid="conversation-list">
            {conversations.map((c) => (
              <li key={c.id}>
                <ConversationRow
                  conversation={c}
                  selected={c.id === selectedId}
                  onRename={() => setRenaming(c)}
                  onDelete={() => setDeleting(c)}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      <RenameConversationDialog conversation={renaming} onClose={() => setRenaming(null)} />
      <DeleteConversationDialog conversation={deleting} onClose={() => setDeleting(null)} onDeleted={onDeleted} />
    </nav>
  );
}

function ConversationRow({
  conversation,
  selected,
  onRename,
  onDelete,
}: {
  conversation: ConversationSummary;
  selected: boolean;
  onRename(): void;
  onDelete(): void;
}) {
  return (
    <div className={cn("group flex items-center gap-1 pr-2 transition-colors hover:bg-muted", selected && "bg-muted")}>
      <Link
        href={conversationHref(conversation.id)}
        aria-current={selected ? "page" : undefined}
        className="grid min-w-0 flex-1 gap-0.5 px-4 py-3 outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
      >
        <span className={cn("truncate text-sm", selected ? "font-semibold" : "font-medium")}>{conversation.title}</span>
        <RelativeTime value={conversation.updatedAt} className="text-muted-foreground text-xs" />
      </Link>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="icon"
            className="size-8 shrink-0"
            aria-label={`Actions for ${conversation.title}`}
          >
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={onRename}>
            <Pencil aria-hidden />
            Rename…
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={onDelete} className="text-destructive focus:text-destructive">
            <Trash2 aria-hidden />
            Delete…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
