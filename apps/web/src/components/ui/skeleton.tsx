import type * as React from "react";
import { cn } from "~/lib/utils";

/** A decorative placeholder; hidden from assistive tech (announce loading with a Spinner or aria-busy instead). */
function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}

export { Skeleton };
