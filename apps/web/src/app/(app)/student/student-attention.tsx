"use client";

import { channels, realtimeEvents } from "@toolboxai/validators";
import { CalendarClock, MessageSquareText } from "lucide-react";
import { AttentionRow, AttentionSection } from "~/components/home/attention-section";
import { RelativeTime } from "~/components/local-time";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useChannelEvent, useLivePolling, useRealtimeUser } from "~/components/realtime/realtime-provider";
import { Badge } from "~/components/ui/badge";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { DueText, scoreText, TYPE_LABEL } from "./assignment-ui";

/** How many due items the home lists; the full list is under "Assigned to you". */
const DUE_PREVIEW = 5;

/**
 * The top of the student's home: what is due next (their own extended date when they have one,
 * the overdue first) and what their teachers returned or graded since they last looked.
 */
export function StudentAttention() {
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const home = api.home.student.useQuery(undefined, { refetchInterval });
  const utils = api.useUtils();
  const user = useRealtimeUser();
  useChannelEvent(user ? channels.user(user.userId) : null, realtimeEvents.gradeReleased, () => {
    void utils.home.student.invalidate();
  });
  const due = home.data?.due ?? [];
  const returned = home.data?.returned ?? [];
  return (
    <section aria-label="Needs your attention" className="grid gap-4 lg:grid-cols-2">
      <AttentionSection
        id="due-next"
        title="Due next"
        description="Your work with a due date, soonest first."
        icon={CalendarClock}
        count={home.data ? due.length : undefined}
        query={home}
        empty="Nothing with a due date right now."
      >
        <ul className="grid gap-1">
          {due.slice(0, DUE_PREVIEW).map((d) => (
            <AttentionRow
              key={d.assignmentId}
              href={`/student/assignments/${d.assignmentId}`}
              label={d.title}
              details={
                <>
                  {d.className} · {TYPE_LABEL[d.type] ?? d.type}
                </>
              }
              aside={
                <span className={cn("flex flex-col items-end gap-1", d.overdue && "font-medium text-destructive")}>
                  {d.overdue ? <Badge variant="destructive">Overdue</Badge> : null}
                  <DueText dueAt={d.dueAt} capitalize />
                </span>
              }
            />
          ))}
        </ul>
        {due.length > DUE_PREVIEW ? (
          <p className="mt-2 text-muted-foreground text-sm">
            and {due.length - DUE_PREVIEW} more under “Assigned to you” below
          </p>
        ) : null}
      </AttentionSection>

      <AttentionSection
        id="returned"
        title="Returned to you"
        description="Results your teachers marked or commented on, and new grades."
        icon={MessageSquareText}
        count={home.data ? returned.filter((r) => r.isNew).length : undefined}
        isEmpty={returned.length === 0}
        query={home}
        empty="Nothing new. When a teacher returns your work, it shows up here."
      >
        <ul className="grid gap-1">
          {returned.map((r) => (
            <AttentionRow
              key={r.attemptId}
              href={`/student/attempts/${r.attemptId}`}
              label={
                <span className="flex items-center gap-2">
                  <span className="min-w-0 break-words">{r.title}</span>
                  {r.isNew ? <Badge>New</Badge> : null}
                </span>
              }
              details={
                <>
                  {r.className} · {r.returned ? "returned" : "graded"} <RelativeTime value={r.at} />
                  {r.hasFeedback ? " · with comments" : ""}
                </>
              }
              aside={
                r.score !== null && r.maxScore !== null ? (
                  <span className="font-medium">{scoreText(r.score, r.maxScore)}</span>
                ) : null
              }
            />
          ))}
        </ul>
      </AttentionSection>
    </section>
  );
}
