"use client";

import { Badge } from "~/components/ui/badge";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { BADGE_POLL_MS } from "./realtime/poll-intervals";
import { useLivePolling } from "./realtime/realtime-provider";

// New messages refresh the count at once through realtime (components/realtime/live-updates.tsx);
// polling is the fallback: every few seconds while realtime is down, a slow safety net while it is up.

/**
 * The signed-in user's unread message count, for the navigation. Renders nothing at 0 (and while
 * loading or on error). Only for roles with messaging: TEACHER, STUDENT and ADMIN.
 */
export function UnreadBadge({ className }: { className?: string }) {
  const refetchInterval = useLivePolling(BADGE_POLL_MS);
  const unread = api.messages.unreadCount.useQuery(undefined, { refetchInterval, retry: false });
  const count = unread.data?.count ?? 0;
  if (count === 0) return null;
  return (
    <Badge className={cn("min-w-5 rounded-full px-1.5", className)}>
      <span aria-hidden="true">{count > 99 ? "99+" : count}</span>
      <span className="sr-only">
        {count} unread {count === 1 ? "message" : "messages"}
      </span>
    </Badge>
  );
}
