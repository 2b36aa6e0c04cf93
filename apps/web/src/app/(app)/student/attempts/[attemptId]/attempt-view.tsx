"use client";

import { useRef } from "react";
import { LoadError } from "~/components/load-error";
import { NotFoundCard } from "~/components/not-found-card";
import { PageHeader } from "~/components/page-header";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";
import { QuizPlayer } from "./quiz-player";
import { QuizResult } from "./quiz-result";

/** An attempt: the player while it is open, the graded result once submitted. */
export function AttemptView({ attemptId }: { attemptId: string }) {
  // A regrade arrives as a grade.released event; without realtime, re-read every few seconds. (The
  // player keeps its own answers: a refetch never overwrites what the student is typing.)
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const query = api.assignments.attempt.useQuery({ attemptId }, { refetchInterval });
  const sawPlayer = useRef(false);

  if (query.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true">
        <span className="sr-only" role="status">
          Loading the quiz
        </span>
        <Skeleton className="h-10 w-1/2" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (query.error) {
    const missing = query.error.data?.code === "NOT_FOUND";
    if (missing) {
      return (
        <>
          <PageHeader title="Attempt not found" />
          <NotFoundCard
            title="We couldn't find that quiz attempt"
            description="It may belong to a class that was archived, or the link may be wrong."
            backLabel="Back to my assignments"
          />
        </>
      );
    }
    return (
      <>
        <PageHeader title="Quiz" />
        <LoadError
          title="Couldn't load this attempt"
          message={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }
  if (query.data.kind === "player") {
    sawPlayer.current = true;
    return <QuizPlayer key={attemptId} player={query.data.player} />;
  }
  return <QuizResult result={query.data.result} justSubmitted={sawPlayer.current} />;
}
