// The loading and failure states of a metrics dashboard: skeletons in the shape of the cards
// (announced once as "Loading the numbers"), and a failure with the reason and a retry (a
// rate-limit refusal says when to come back instead).
import { LoadError } from "~/components/load-error";
import { Skeleton } from "~/components/ui/skeleton";
import { isRateLimited } from "./use-metrics";

export function DashboardSkeleton({ groups = 4 }: { groups?: number }) {
  return (
    <div className="grid gap-6" aria-busy="true" data-testid="metrics-loading">
      <span className="sr-only" role="status">
        Loading the numbers
      </span>
      {Array.from({ length: groups }, (_, g) => (
        <div key={g} className="grid gap-3">
          <Skeleton className="h-6 w-32" />
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-5">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-28 w-full" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

export function DashboardError({ error, onRetry }: { error: { message: string }; onRetry: () => void }) {
  return (
    <LoadError
      title={isRateLimited(error) ? "The numbers were asked for a lot just now" : "Couldn't load the numbers"}
      message={error.message}
      onRetry={onRetry}
    />
  );
}
