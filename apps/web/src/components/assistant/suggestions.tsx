"use client";

// What an empty conversation offers to start with: a few messages that each use one of the
// assistant's tools (draft_lesson, list_my_classes, draft_quiz, gradebook_summary; for the tutor
// my_assignments, explain_concept, my_results). Choosing one sends it.
import type { AssistantKind } from "@toolboxai/validators";
import { GraduationCap, Sparkles } from "lucide-react";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/utils";

export const SUGGESTIONS: Record<AssistantKind, string[]> = {
  TEACHER: [
    "Draft a lesson on photosynthesis for grade 7",
    "Summarize my classes",
    "Write a quiz on fractions",
    "How is my class doing in the gradebook?",
  ],
  TUTOR: [
    "What are my assignments?",
    "Explain fractions step by step",
    "How did I do on my last quiz?",
    "Help me get started on this assignment",
  ],
};

const INTRO: Record<AssistantKind, { title: string; description: string }> = {
  TEACHER: {
    title: "Ask your assistant",
    description: "It can draft lessons and quizzes, search your content and summarize your classes.",
  },
  TUTOR: {
    title: "Ask your tutor",
    description: "It helps you work things out yourself, with questions and hints rather than answers.",
  },
};

export function Suggestions({
  kind,
  compact,
  onPick,
  assignment,
}: {
  kind: AssistantKind;
  compact: boolean;
  onPick(message: string): void;
  /** Whether the tutor is opened on an assignment (its last suggestion is about it). */
  assignment: boolean;
}) {
  const Icon = kind === "TEACHER" ? Sparkles : GraduationCap;
  const intro = INTRO[kind];
  const suggestions = SUGGESTIONS[kind].filter((s) => assignment || s !== "Help me get started on this assignment");
  return (
    <div
      data-testid="chat-empty"
      className={cn("grid justify-items-center gap-3 text-center", compact ? "py-4" : "py-10")}
    >
      <div className="flex size-10 items-center justify-center rounded-full bg-secondary text-secondary-foreground">
        <Icon className="size-5" aria-hidden />
      </div>
      <div className="max-w-sm space-y-1">
        <p className="font-semibold">{intro.title}</p>
        <p className="text-muted-foreground text-sm">{intro.description}</p>
      </div>
      <ul aria-label="Suggestions" className={cn("flex flex-wrap justify-center gap-2", compact && "flex-col")}>
        {suggestions.map((s) => (
          <li key={s}>
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="h-auto whitespace-normal rounded-full py-1.5 text-left"
              onClick={() => onPick(s)}
            >
              {s}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
