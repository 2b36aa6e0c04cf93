"use client";

import type { MyAssignment } from "@toolboxai/validators";
import { AlertTriangle, CheckCircle2, Circle, ClipboardList, Clock, Inbox } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { LoadError } from "~/components/load-error";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { DueText, plural, scoreText, TYPE_ICON, TypeBadge } from "./assignment-ui";

type Item = MyAssignment;
type GroupKey = "overdue" | "soon" | "todo" | "done";

const GROUPS: { key: GroupKey; title: string; description: string; icon: typeof Clock; className?: string }[] = [
  {
    key: "overdue",
    title: "Overdue",
    description: "The due date has passed. You can still finish these.",
    icon: AlertTriangle,
    className: "border-destructive/40",
  },
  {
    key: "soon",
    title: "Due soon",
    description: "Due in the next 3 days.",
    icon: Clock,
    className: "border-warning/40",
  },
  { key: "todo", title: "To do", description: "Assigned and waiting for you.", icon: Circle },
  { key: "done", title: "Done", description: "Finished. Open one to review it.", icon: CheckCircle2 },
];

const DONE_PREVIEW = 5;

function groupOf(a: Item): GroupKey {
  if (a.state === "COMPLETED") return "done";
  if (a.overdue) return "overdue";
  if (a.dueSoon) return "soon";
  return "todo";
}

const ACTION: Record<Item["state"], string> = { NOT_STARTED: "Start", IN_PROGRESS: "Continue", COMPLETED: "Review" };

function StateBadge({ state }: { state: Item["state"] }) {
  if (state === "COMPLETED") return <Badge variant="success">Completed</Badge>;
  if (state === "IN_PROGRESS") return <Badge variant="warning">In progress</Badge>;
  return <Badge variant="secondary">Not started</Badge>;
}

function AssignmentRow({ a, showClass }: { a: Item; showClass: boolean }) {
  const Icon = TYPE_ICON[a.type] ?? ClipboardList;
  const details: React.ReactNode[] = [];
  if (showClass) {
    details.push(
      <Link key="class" href={`/student/classes/${a.classId}`} className="underline underline-offset-4">
        {a.className}
      </Link>,
    );
  }
  details.push(
    <span key="due" className={cn(a.overdue && "font-medium text-destructive")}>
      <DueText dueAt={a.dueAt} capitalize />
    </span>,
  );
  if (a.type === "QUIZ") {
    if (a.bestScore)
      details.push(<span key="best">Best score {scoreText(a.bestScore.score, a.bestScore.maxScore)}</span>);
    details.push(
      <span key="attempts">
        {a.maxAttempts !== null
          ? `${a.attemptsUsed} of ${plural(a.maxAttempts, "attempt")} used`
          : a.attemptsUsed > 0
            ? `${plural(a.attemptsUsed, "attempt")} · no limit`
            : "Unlimited attempts"}
      </span>,
    );
  }
  const primary = a.state !== "COMPLETED";
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 gap-3">
        <div className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-md bg-secondary text-secondary-foreground">
          <Icon className="size-4" aria-hidden />
        </div>
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h4 className="font-medium">{a.title}</h4>
            <TypeBadge type={a.type} />
            <StateBadge state={a.state} />
            {a.newGrade ? <Badge>New grade</Badge> : null}
          </div>
          <p className="flex flex-wrap gap-x-2 text-muted-foreground text-sm">
            {details.flatMap((d, i) =>
              i === 0
                ? [d]
                : [
                    <span key={`sep-${i}`} aria-hidden>
                      ·
                    </span>,
                    d,
                  ],
            )}
          </p>
        </div>
      </div>
      <Button asChild size="sm" variant={primary ? "default" : "outline"} className="self-start sm:self-center">
        <Link href={`/student/assignments/${a.id}`}>
          {ACTION[a.state]}
          <span className="sr-only">: {a.title}</span>
        </Link>
      </Button>
    </li>
  );
}

function Group({ group, items, showClass }: { group: (typeof GROUPS)[number]; items: Item[]; showClass: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const collapsible = group.key === "done" && items.length > DONE_PREVIEW;
  const visible = collapsible && !showAll ? items.slice(0, DONE_PREVIEW) : items;
  const headingId = `assigned-${group.key}`;
  return (
    <Card className={cn("gap-4", group.className)} aria-labelledby={headingId} role="region">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <group.icon className="size-4 text-muted-foreground" aria-hidden />
          <h3 id={headingId}>{group.title}</h3>
          <Badge variant="secondary" aria-label={plural(items.length, "assignment")}>
            {items.length}
          </Badge>
        </CardTitle>
        <CardDescription>{group.description}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y">
          {visible.map((a) => (
            <AssignmentRow key={a.id} a={a} showClass={showClass} />
          ))}
        </ul>
        {collapsible ? (
          <Button variant="ghost" size="sm" className="mt-3" onClick={() => setShowAll((v) => !v)}>
            {showAll ? "Show fewer" : `Show all ${items.length}`}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The "Assigned to you" list on the student home, grouped Overdue / Due soon / To do / Done. */
export function MyAssignments() {
  // New grades and assignments arrive as realtime events; without realtime, re-read every few seconds.
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const mine = api.assignments.mine.useQuery(undefined, { refetchInterval });
  if (mine.isPending) {
    return (
      <div className="grid gap-3" aria-busy="true">
        <span className="sr-only" role="status">
          Loading your assignments
        </span>
        <Skeleton className="h-28 w-full" />
        <Skeleton className="h-28 w-full" />
      </div>
    );
  }
  if (mine.error) {
    return (
      <LoadError
        title="Couldn't load your assignments"
        message={mine.error.message}
        onRetry={() => void mine.refetch()}
      />
    );
  }
  if (mine.data.length === 0) {
    return (
      <Card>
        <CardContent className="py-6">
          <EmptyState
            icon={Inbox}
            title="Nothing assigned yet"
            description="When your teachers assign a lesson, quiz or activity, it shows up here."
          />
        </CardContent>
      </Card>
    );
  }
  return <AssignmentGroups items={mine.data} showClass />;
}

/**
 * Assignments grouped Overdue / Due soon / To do / Done, each with its state; `showClass` names
 * (and links) each one's class, for lists that span classes. The caller handles the empty list.
 */
export function AssignmentGroups({ items, showClass }: { items: Item[]; showClass: boolean }) {
  const byGroup = new Map<GroupKey, Item[]>();
  for (const a of items) {
    const key = groupOf(a);
    byGroup.set(key, [...(byGroup.get(key) ?? []), a]);
  }
  const open = items.length - (byGroup.get("done")?.length ?? 0);
  return (
    <div className="grid gap-4">
      {open === 0 ? (
        <Alert role="status">
          <CheckCircle2 aria-hidden />
          <AlertTitle>You're all caught up</AlertTitle>
          <AlertDescription>Everything assigned to you is done. Nice work!</AlertDescription>
        </Alert>
      ) : null}
      {GROUPS.map((g) => {
        const inGroup = byGroup.get(g.key);
        return inGroup?.length ? <Group key={g.key} group={g} items={inGroup} showClass={showClass} /> : null;
      })}
    </div>
  );
}
