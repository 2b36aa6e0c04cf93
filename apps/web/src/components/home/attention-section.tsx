// One section of a home's "needs attention" area: a titled card with a count, its rows, an empty
// state when there is nothing to do, a skeleton while loading and a retry when the read failed.
import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { LoadError } from "~/components/load-error";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { cn } from "~/lib/utils";

export interface AttentionQuery {
  isPending: boolean;
  error: { message: string } | null;
  refetch: () => unknown;
}

export function AttentionSection({
  id,
  title,
  description,
  icon: Icon,
  count,
  query,
  empty,
  isEmpty,
  className,
  children,
}: {
  /** The heading's id (also names the region). */
  id: string;
  title: string;
  description: string;
  icon: LucideIcon;
  /** How many there are in all (shown next to the title); undefined while loading. */
  count: number | undefined;
  query: AttentionQuery;
  /** What to say when there is nothing here. */
  empty: string;
  /** Whether there is nothing to list (default: the count is 0). */
  isEmpty?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Card role="region" aria-labelledby={id} className={cn("gap-4", className)}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Icon className="size-4 text-muted-foreground" aria-hidden />
          <h2 id={id} className="text-base">
            {title}
          </h2>
          {count !== undefined ? (
            <Badge variant={count > 0 ? "default" : "secondary"} data-testid={`${id}-count`}>
              {count}
            </Badge>
          ) : null}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <div className="grid gap-2" aria-busy="true">
            <span className="sr-only" role="status">
              Loading {title.toLowerCase()}
            </span>
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : query.error ? (
          <LoadError
            title={`Couldn't load ${title.toLowerCase()}`}
            message={query.error.message}
            onRetry={() => void query.refetch()}
          />
        ) : (isEmpty ?? count === 0) ? (
          <p className="rounded-md border border-dashed px-3 py-4 text-center text-muted-foreground text-sm">{empty}</p>
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}

/** A row of an attention list: one link (the whole row is the target) with a line of details. */
export function AttentionRow({
  href,
  label,
  details,
  aside,
}: {
  href: string;
  label: React.ReactNode;
  details: React.ReactNode;
  aside?: React.ReactNode;
}) {
  return (
    <li>
      <Link
        href={href}
        className="-mx-2 flex items-start justify-between gap-3 rounded-md px-2 py-2 outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring"
      >
        <span className="min-w-0 flex-1 space-y-0.5">
          <span className="line-clamp-2 break-words font-medium">{label}</span>
          <span className="block text-muted-foreground text-sm">{details}</span>
        </span>
        {aside ? <span className="shrink-0 text-right text-sm">{aside}</span> : null}
      </Link>
    </li>
  );
}

/** "and 4 more" under a list cut at its limit, linking to where all of them are. */
export function MoreNote({
  shown,
  total,
  what,
  href,
}: {
  shown: number;
  total: number;
  what: string;
  /** Where the rest are listed in full. */
  href: string;
}) {
  if (total <= shown) return null;
  return (
    <p className="mt-2 text-sm">
      <Link href={href} className="font-medium text-primary underline-offset-4 hover:underline">
        and {total - shown} more {what}
      </Link>
    </p>
  );
}
