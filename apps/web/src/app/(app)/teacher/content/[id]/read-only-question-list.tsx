"use client";

import { Skeleton } from "~/components/ui/skeleton";
import { plural } from "~/lib/plural";
import { api } from "~/trpc/react";
import { QuestionRow } from "./question-row";

/** Someone else's quiz: the list without buttons (when the server lets the caller read it). */
export function ReadOnlyQuestionList({ quizId }: { quizId: string }) {
  const list = api.questions.quizQuestions.useQuery({ quizId }, { retry: false });
  if (list.error) {
    const code = list.error.data?.code;
    return (
      <p className="text-muted-foreground text-sm">
        {code === "FORBIDDEN" || code === "NOT_FOUND"
          ? "Only the quiz's author can see its question list. Duplicate the quiz to get your own copy."
          : list.error.message}
      </p>
    );
  }
  if (!list.data) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <span className="sr-only">Loading the quiz's questions</span>
        <Skeleton className="h-14 w-full" />
      </div>
    );
  }
  const total = list.data.reduce((sum, i) => sum + i.question.points, 0);
  if (list.data.length === 0) return <p className="text-muted-foreground text-sm">No questions yet.</p>;
  return (
    <div className="grid gap-2">
      <p className="text-muted-foreground text-sm">
        {plural(list.data.length, "question")} · {plural(total, "point")} in total
      </p>
      <ol className="grid gap-2" aria-label="Quiz questions">
        {list.data.map(({ question }, index) => (
          <QuestionRow key={question.id} question={question} number={index + 1} />
        ))}
      </ol>
    </div>
  );
}
