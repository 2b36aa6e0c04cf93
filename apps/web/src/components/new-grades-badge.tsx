"use client";

import { Badge } from "~/components/ui/badge";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { BADGE_POLL_MS } from "./realtime/poll-intervals";
import { useLivePolling } from "./realtime/realtime-provider";

/**
 * How many of the signed-in student's graded quizzes have a result they have not opened yet, for
 * the navigation. A `grade.released` event refreshes it at once (components/realtime/live-updates.tsx);
 * polling is the fallback. Opening the result clears it. Renders nothing at 0, while loading or on error.
 */
export function NewGradesBadge({ className }: { className?: string }) {
  const refetchInterval = useLivePolling(BADGE_POLL_MS);
  const grades = api.assignments.newGradeCount.useQuery(undefined, { refetchInterval, retry: false });
  const count = grades.data?.count ?? 0;
  if (count === 0) return null;
  return (
    <Badge className={cn("min-w-5 rounded-full px-1.5", className)} data-testid="new-grades-badge">
      <span aria-hidden="true">{count > 99 ? "99+" : count}</span>
      <span className="sr-only">
        {count} new {count === 1 ? "grade" : "grades"}
      </span>
    </Badge>
  );
}
