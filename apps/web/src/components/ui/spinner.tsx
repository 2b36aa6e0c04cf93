import { Loader2Icon } from "lucide-react";
import type * as React from "react";
import { cn } from "~/lib/utils";

export type SpinnerProps = Omit<React.ComponentProps<"span">, "children"> & {
  /** Announced to screen readers (visually hidden). */
  label?: string;
};

/** An animated loading indicator announced politely as a status, e.g. "Loading users". */
function Spinner({ label = "Loading", className, ...props }: SpinnerProps) {
  return (
    <span
      data-slot="spinner"
      role="status"
      className={cn("inline-flex items-center justify-center text-muted-foreground", className)}
      {...props}
    >
      <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export { Spinner };
