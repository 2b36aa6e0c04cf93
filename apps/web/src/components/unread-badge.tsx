"use client";

import { Badge } from "~/components/ui/badge";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";

// New messages refresh the count at once through realtime (components/realtime/live-updates.tsx);
// this poll is the fallback, slow either way.
const POLL_MS = 30_000;

/**
 * The signed-in user's unread message count, for the navigation. Renders nothing at 0 (and while
 * loading or on error). Only for roles with messaging: TEACHER, STUDENT and ADMIN.
 */
export function UnreadBadge({ className }: { className?: string }) {
  const unread = api.messages.unreadCount.useQuery(undefined, { refetchInterval: POLL_MS, retry: false });
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
