"use client";

// "Updated 3 minutes ago · Refresh": when the numbers on screen were computed (the cache's
// generated_at, not when the page loaded), whether they came from the cache, and a button that
// recomputes them now. A refusal by the rate limit says when to try again.
import { RefreshCw } from "lucide-react";
import { RelativeTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/utils";

export function CacheStatus({
  generatedAt,
  cacheHit,
  ttlSeconds,
  refreshing,
  onRefresh,
  className,
}: {
  generatedAt: Date | null;
  cacheHit: boolean | null;
  ttlSeconds: number | null;
  refreshing: boolean;
  onRefresh: () => void;
  className?: string;
}) {
  const kept = ttlSeconds ? `Kept for up to ${Math.round(ttlSeconds / 60)} minutes, or until something changes.` : "";
  return (
    <span
      className={cn("inline-flex flex-wrap items-center gap-2 text-muted-foreground text-sm", className)}
      data-testid="cache-status"
    >
      {generatedAt ? (
        <span title={kept || undefined}>
          Updated <RelativeTime value={generatedAt} />
          {cacheHit ? <span className="sr-only"> (from the cache)</span> : null}
        </span>
      ) : (
        <span>Not loaded yet</span>
      )}
      <span aria-hidden>·</span>
      <Button
        variant="link"
        size="sm"
        className="h-auto px-0"
        onClick={onRefresh}
        disabled={refreshing}
        aria-label={refreshing ? "Refreshing the numbers" : "Refresh the numbers now"}
      >
        <RefreshCw className={cn("size-3.5", refreshing && "motion-safe:animate-spin")} aria-hidden />
        {refreshing ? "Refreshing…" : "Refresh"}
      </Button>
    </span>
  );
}
