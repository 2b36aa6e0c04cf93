"use client";

// Follow-up asks for a conversation under way ("Give me a hint"). An empty conversation already
// offers its own starters (components/assistant/suggestions.tsx); these stay in view afterwards.
// Choosing one puts it in the message box, focused, so the student can add to it ("…about
// question 2") before pressing Enter.
import { skipToken } from "@tanstack/react-query";
import type { RefObject } from "react";
import { Button } from "~/components/ui/button";
import { api } from "~/trpc/react";
import { TUTOR_SUGGESTIONS } from "./tutor-model";

/**
 * Writes `text` into the thread's message box. The box is ChatThread's controlled textarea, which
 * takes no text from outside: setting the value through the element's own setter and firing an
 * input event is what React's onChange listens for, so the thread's draft follows.
 */
function putInComposer(thread: HTMLElement | null, text: string) {
  const box = thread?.querySelector<HTMLTextAreaElement>("textarea");
  if (!box || box.disabled) return;
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set?.call(box, text);
  box.dispatchEvent(new Event("input", { bubbles: true }));
  box.focus();
  box.setSelectionRange(text.length, text.length);
}

export function TutorSuggestions({
  conversationId,
  threadRef,
}: {
  /** The conversation on screen; none for a new one (which shows the thread's own starters). */
  conversationId: string | undefined;
  threadRef: RefObject<HTMLElement | null>;
}) {
  // The same query the thread reads, so this costs no extra request.
  const conversation = api.assistant.conversation.useQuery(conversationId ? { conversationId } : skipToken, {
    retry: false,
  });
  if (!conversation.data || conversation.data.messages.length === 0 || !conversation.data.own) return null;
  return (
    <ul aria-label="Quick asks" className="flex flex-wrap gap-2" data-testid="tutor-suggestions">
      {TUTOR_SUGGESTIONS.map((s) => (
        <li key={s}>
          <Button
            type="button"
            variant="outline"
            size="sm"
            className="h-auto whitespace-normal rounded-full py-1 text-xs"
            onClick={() => putInComposer(threadRef.current, s)}
          >
            {s}
          </Button>
        </li>
      ))}
    </ul>
  );
}
