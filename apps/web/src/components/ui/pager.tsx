import { ChevronLeft, ChevronRight } from "lucide-react";
import type * as React from "react";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/utils";

/** Previous / Next page buttons with a summary ("12 people · page 1 of 2"). */
export function Pager({
  page,
  pageCount,
  onPage,
  summary,
  label = "Pagination",
  className,
}: {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
  summary: React.ReactNode;
  label?: string;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={cn("flex items-center justify-between gap-2 text-sm", className)}>
      <p className="text-muted-foreground">{summary}</p>
      <div className="flex gap-2">
        <Button type="button" variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          <ChevronLeft className="size-4" aria-hidden /> Previous
        </Button>
        <Button type="button" variant="outline" size="sm" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
          Next <ChevronRight className="size-4" aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
