import { Search } from "lucide-react";
import type * as React from "react";
import { Input } from "~/components/ui/input";
import { cn } from "~/lib/utils";

/** A search box with a magnifier icon; label it with a <Label htmlFor> like any input. */
export function SearchInput({ className, ...props }: Omit<React.ComponentProps<typeof Input>, "type">) {
  return (
    <div className="relative">
      <Search
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <Input type="search" className={cn("pl-8", className)} {...props} />
    </div>
  );
}
