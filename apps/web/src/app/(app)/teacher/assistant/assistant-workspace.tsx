"use client";

// The assistant page's two panes: the conversations, and the one open (or a new one). It lives in
// the assistant layout, so it stays mounted while the URL moves between conversations; the open
// conversation is the URL's `conversationId`.
import { skipToken } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { ChatThread } from "~/components/assistant/chat-thread";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { ASSISTANT_HREF, ConversationList, conversationHref } from "./conversation-list";

export function AssistantWorkspace() {
  const router = useRouter();
  const params = useParams<{ conversationId?: string }>();
  const conversationId = params.conversationId;
  const open = api.assistant.conversation.useQuery(conversationId ? { conversationId } : skipToken, {
    retry: false,
  });
  const title = conversationId ? (open.data?.title ?? "Conversation") : "New conversation";

  return (
    <div className="grid overflow-hidden rounded-lg border bg-card md:h-[calc(100dvh-14rem)] md:min-h-[32rem] md:grid-cols-[minmax(15rem,20rem)_1fr]">
      <ConversationList
        selectedId={conversationId}
        onDeleted={(id) => {
          if (id === conversationId) router.replace(ASSISTANT_HREF, { scroll: false });
        }}
        // On a phone the list is a page of its own above a new conversation, and hidden under an open one.
        className={cn("max-h-72 border-b md:max-h-none md:border-r md:border-b-0", conversationId && "hidden md:flex")}
      />
      <section aria-label={title} className="flex h-[75dvh] min-h-0 min-w-0 flex-col md:h-auto">
        <header className="flex min-h-14 items-center gap-2 border-b px-4 py-2">
          {conversationId ? (
            <Button asChild variant="ghost" size="icon" className="md:hidden">
              <Link href={ASSISTANT_HREF} aria-label="All conversations">
                <ArrowLeft aria-hidden />
              </Link>
            </Button>
          ) : null}
          <h2 className="min-w-0 truncate font-semibold" data-testid="conversation-title">
            {title}
          </h2>
        </header>
        <ChatThread
          kind="TEACHER"
          conversationId={conversationId}
          // The first message started a conversation: move to its URL. The layout keeps this thread
          // mounted, and the thread keeps following the reply it is streaming.
          onConversationCreated={(id) => router.replace(conversationHref(id), { scroll: false })}
        />
      </section>
    </div>
  );
}
