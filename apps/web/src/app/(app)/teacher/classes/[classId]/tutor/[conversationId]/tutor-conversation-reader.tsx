"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ChatThread } from "~/components/assistant/chat-thread";
import { LoadError } from "~/components/load-error";
import { LocalTime } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { messageCountText } from "~/components/tutor/tutor-model";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";

function BackLink({ classId }: { classId: string }) {
  return (
    <Button asChild variant="ghost" size="sm" className="mb-2 -ml-3">
      <Link href={`/teacher/classes/${classId}/tutor`}>
        <ArrowLeft aria-hidden /> Tutor conversations
      </Link>
    </Button>
  );
}

export function TutorConversationReader({ classId, conversationId }: { classId: string; conversationId: string }) {
  const query = api.assistant.conversation.useQuery({ conversationId });

  if (query.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true">
        <span className="sr-only" role="status">
          Loading the conversation
        </span>
        <Skeleton className="h-10 w-1/2" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (query.error) {
    return (
      <>
        <BackLink classId={classId} />
        <PageHeader title="Tutor conversation" />
        <LoadError
          title="Couldn't load this conversation"
          message={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }

  const c = query.data;
  return (
    <>
      <BackLink classId={classId} />
      <PageHeader
        title={c.title}
        description={
          <>
            <Link href={`/teacher/classes/${classId}/students/${c.user.id}`} className="underline underline-offset-4">
              {c.user.name}
            </Link>{" "}
            · {messageCountText(c.messageCount)} · last activity <LocalTime value={c.updatedAt} />
          </>
        }
      />
      <Card className="flex min-h-96 flex-col py-0" data-testid="tutor-conversation-transcript">
        <ChatThread kind="TUTOR" conversationId={conversationId} readOnly />
      </Card>
    </>
  );
}
