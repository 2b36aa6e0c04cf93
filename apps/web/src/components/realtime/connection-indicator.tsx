"use client";

import { cn } from "~/lib/utils";
import { type RealtimeStatus, useRealtimeStatus } from "./realtime-provider";

const LABEL: Record<RealtimeStatus, string> = {
  connected: "Live",
  connecting: "Connecting…",
  unavailable: "Updates every few seconds",
};

const HINT: Record<RealtimeStatus, string> = {
  connected: "Changes appear as they happen.",
  connecting: "Connecting for live updates. Pages refresh every few seconds meanwhile.",
  unavailable: "Live updates are off. Pages refresh every few seconds instead.",
};

const DOT: Record<RealtimeStatus, string> = {
  connected: "bg-success",
  connecting: "bg-warning motion-safe:animate-pulse",
  unavailable: "bg-muted-foreground/60",
};

/**
 * A dot and a few words: whether pages update live or by polling. The words carry the meaning
 * (the dot's colour only repeats it); the tooltip explains.
 */
export function ConnectionIndicator({ className }: { className?: string }) {
  const status = useRealtimeStatus();
  return (
    <span
      className={cn("inline-flex min-w-0 items-center gap-1.5 text-muted-foreground text-xs", className)}
      title={HINT[status]}
      data-testid="realtime-status"
      data-status={status}
    >
      <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", DOT[status])} />
      {LABEL[status]}
    </span>
  );
}
