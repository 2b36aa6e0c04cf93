"use client";

import { plural } from "~/lib/plural";
import { api } from "~/trpc/react";

/** In draw mode: a note that the fixed list is kept (not used) when there is one. */
export function AttachedNote({ quizId }: { quizId: string }) {
  const list = api.questions.quizQuestions.useQuery({ quizId });
  const n = list.data?.length ?? 0;
  if (n === 0) return null;
  return (
    <p className="text-muted-foreground text-sm">
      The fixed list ({plural(n, "question")}) is kept but not used while the quiz draws at random.
    </p>
  );
}
