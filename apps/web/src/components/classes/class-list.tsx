"use client";

import { School, Users } from "lucide-react";
import Link from "next/link";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";

export function gradeLabel(grade: string): string {
  return /^\d+$/.test(grade) ? `Grade ${grade}` : grade === "K" ? "Kindergarten" : grade;
}

/** Cards of the classes the signed-in person can see; each links to `${linkBase}${id}` when given. */
export function ClassList({
  linkBase,
  includeArchived = false,
  empty,
}: {
  linkBase?: string;
  includeArchived?: boolean;
  empty: { title: string; description: string; action?: React.ReactNode };
}) {
  // Student counts change as students join: re-read every few seconds while realtime is down.
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const list = api.classes.list.useQuery({ includeArchived }, { refetchInterval });
  if (list.isPending) {
    return (
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-32 w-full" />
        ))}
      </div>
    );
  }
  if (list.error) return <p className="text-destructive">Couldn't load classes: {list.error.message}</p>;
  if (list.data.length === 0) {
    return (
      <Card>
        <CardContent className="py-10">
          <EmptyState icon={School} title={empty.title} description={empty.description} action={empty.action} />
        </CardContent>
      </Card>
    );
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {list.data.map((c) => {
        const body = (
          <Card className="h-full transition-colors hover:border-primary/50">
            <CardHeader>
              <CardTitle className="flex items-start justify-between gap-2">
                <span>{c.name}</span>
                {c.archived ? <Badge variant="secondary">Archived</Badge> : null}
              </CardTitle>
              <CardDescription>
                {c.subject} · {gradeLabel(c.gradeLevel)}
              </CardDescription>
            </CardHeader>
            <CardContent className="flex items-center justify-between text-muted-foreground text-sm">
              <span className="inline-flex items-center gap-1">
                <Users className="size-4" aria-hidden /> {c.studentCount}{" "}
                {c.studentCount === 1 ? "student" : "students"}
              </span>
              <span>{c.teacherName}</span>
            </CardContent>
          </Card>
        );
        return (
          <li key={c.id}>
            {linkBase ? (
              <Link href={`${linkBase}${c.id}`} className="block h-full rounded-xl">
                {body}
              </Link>
            ) : (
              body
            )}
          </li>
        );
      })}
    </ul>
  );
}
