"use client";

// "Ask the tutor", on the student's assignment and class pages. The conversation on screen is kept
// here, outside the panel, so closing and reopening the panel comes back to it.
import { MessageCircleQuestion } from "lucide-react";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { TUTOR_EXPLANATION } from "./tutor-model";
import { NEW_TUTOR_THREAD, TutorPanel } from "./tutor-panel";
import { TutorSheet } from "./tutor-sheet";

export function AskTutorButton({ classId, assignmentId }: { classId: string; assignmentId?: string }) {
  const [open, setOpen] = useState(false);
  const [thread, setThread] = useState(NEW_TUTOR_THREAD);
  return (
    <TutorSheet
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // The panel's content unmounts on close: reopened, it comes back to the conversation last
        // on screen, including one the student started in it.
        if (!next) setThread((t) => ({ ...t, openedWith: t.selectedId }));
      }}
      title="Tutor"
      description={TUTOR_EXPLANATION}
      trigger={
        <Button variant="outline" data-testid="ask-tutor">
          <MessageCircleQuestion aria-hidden /> Ask the tutor
        </Button>
      }
    >
      <TutorPanel classId={classId} assignmentId={assignmentId} thread={thread} onThreadChange={setThread} />
    </TutorSheet>
  );
}
