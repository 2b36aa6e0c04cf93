"use client";

// What the tutor's panel holds: the student's consent decides whether the tutor is open; when it
// is, their earlier conversations of the class to pick from, and the conversation itself.
import { ShieldAlert } from "lucide-react";
import { useRef } from "react";
import { ChatThread } from "~/components/assistant/chat-thread";
import { LoadError } from "~/components/load-error";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";
import { TutorConversationPicker } from "./tutor-conversation-picker";
import { tutorClosedReason } from "./tutor-model";
import { TutorSuggestions } from "./tutor-suggestions";

/**
 * The conversation on screen. `key` changes only when the student picks another conversation (or
 * a new one), not when the thread creates one, so a reply streaming into a new conversation is not
 * cut off by remounting the thread.
 */
export interface TutorThreadState {
  key: number;
  /** What the thread was opened with: undefined for a new conversation. */
  openedWith: string | undefined;
  /** The conversation shown in the picker, including one the thread has just created. */
  selectedId: string | undefined;
}

export const NEW_TUTOR_THREAD: TutorThreadState = { key: 0, openedWith: undefined, selectedId: undefined };

export function TutorPanel({
  classId,
  assignmentId,
  thread,
  onThreadChange,
}: {
  classId: string;
  assignmentId?: string;
  thread: TutorThreadState;
  onThreadChange: (next: TutorThreadState) => void;
}) {
  const utils = api.useUtils();
  const threadRef = useRef<HTMLDivElement>(null);
  const consent = api.consent.myStatus.useQuery();

  if (consent.isPending) {
    return (
      <div className="grid gap-3 p-4" aria-busy="true">
        <span className="sr-only" role="status">
          Opening the tutor
        </span>
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (consent.error) {
    return (
      <div className="p-4">
        <LoadError
          title="Couldn't open the tutor"
          message={consent.error.message}
          onRetry={() => void consent.refetch()}
        />
      </div>
    );
  }
  const closed = tutorClosedReason(consent.data.state);
  if (closed) {
    return (
      <div className="p-4">
        <Alert role="status" data-testid="tutor-closed">
          <ShieldAlert aria-hidden />
          <AlertTitle>The tutor is off for now</AlertTitle>
          <AlertDescription>{closed}</AlertDescription>
        </Alert>
      </div>
    );
  }

  const pick = (conversationId: string | undefined) =>
    onThreadChange({ key: thread.key + 1, openedWith: conversationId, selectedId: conversationId });

  return (
    <>
      <div className="grid gap-3 border-b px-4 py-3 empty:hidden">
        <TutorConversationPicker classId={classId} selectedId={thread.selectedId} onSelect={pick} />
        <TutorSuggestions conversationId={thread.selectedId} threadRef={threadRef} />
      </div>
      <div ref={threadRef} className="flex min-h-0 flex-1 flex-col">
        <ChatThread
          key={thread.key}
          kind="TUTOR"
          classId={classId}
          assignmentId={assignmentId}
          conversationId={thread.openedWith}
          compact
          onConversationCreated={(id) => {
            onThreadChange({ ...thread, selectedId: id });
            void utils.assistant.conversations.invalidate({ kind: "TUTOR", classId });
          }}
        />
      </div>
    </>
  );
}
