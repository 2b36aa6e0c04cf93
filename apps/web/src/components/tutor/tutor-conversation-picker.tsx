"use client";

// The student's earlier tutor conversations in this class: pick one to carry on, or start anew.
import { Plus } from "lucide-react";
import { LoadError } from "~/components/load-error";
import { useLocalFormat } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { NativeSelect } from "~/components/ui/native-select";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";

const SHORT_DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };

export function TutorConversationPicker({
  classId,
  selectedId,
  onSelect,
}: {
  classId: string;
  /** The conversation on screen; undefined for a new one. */
  selectedId: string | undefined;
  onSelect: (conversationId: string | undefined) => void;
}) {
  const dateText = useLocalFormat(SHORT_DATE);
  const list = api.assistant.conversations.useQuery({ kind: "TUTOR", classId });

  if (list.isPending) return <Skeleton className="h-9 w-full" />;
  if (list.error) {
    return (
      <LoadError
        title="Couldn't load your earlier conversations"
        message={list.error.message}
        onRetry={() => void list.refetch()}
      />
    );
  }
  // Nothing to pick from yet: the new conversation is the only one.
  if (list.data.length === 0 && !selectedId) return null;

  return (
    <div className="flex items-end gap-2">
      <div className="grid min-w-0 flex-1 gap-1">
        <label htmlFor="tutor-conversation" className="font-medium text-muted-foreground text-xs">
          Conversation
        </label>
        <NativeSelect
          id="tutor-conversation"
          data-testid="tutor-conversation-select"
          value={selectedId ?? ""}
          onChange={(e) => onSelect(e.target.value || undefined)}
        >
          <option value="">New conversation</option>
          {/* Just started, until the list is read again. */}
          {selectedId && !list.data.some((c) => c.id === selectedId) ? (
            <option value={selectedId}>This conversation</option>
          ) : null}
          {list.data.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title} · {dateText(c.updatedAt)}
            </option>
          ))}
        </NativeSelect>
      </div>
      {selectedId ? (
        <Button variant="outline" size="sm" className="h-9" onClick={() => onSelect(undefined)}>
          <Plus aria-hidden /> New conversation
        </Button>
      ) : null}
    </div>
  );
}
