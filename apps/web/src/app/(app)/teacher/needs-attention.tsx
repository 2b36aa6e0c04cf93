"use client";

import { channels, realtimeEvents } from "@toolboxai/validators";
import { CalendarClock, Inbox, PenLine, Sparkles } from "lucide-react";
import { AttentionRow, AttentionSection, MoreNote } from "~/components/home/attention-section";
import { LocalTime, RelativeTime } from "~/components/local-time";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useChannelEvent, useLivePolling, useRealtimeUser } from "~/components/realtime/realtime-provider";
import { api } from "~/trpc/react";

const TYPE_LABEL: Record<string, string> = {
  LESSON: "Lesson",
  QUIZ: "Quiz",
  ACTIVITY: "Activity",
  ENVIRONMENT: "Roblox environment",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const score = (s: number, max: number) => `${Number.isInteger(s) ? s : s.toFixed(1)}/${max}`;

/**
 * Where the rest of "To review" is: the class's gradebook when all of it is one class's, else the
 * list of the teacher's classes below (each opens its gradebook).
 */
function moreToReviewHref(items: { classId: string }[]) {
  const classes = new Set(items.map((i) => i.classId));
  const [only] = classes;
  return classes.size === 1 && only ? `/teacher/classes/${only}/gradebook` : "/teacher#your-classes";
}

/**
 * The top of the teacher's home: what needs their attention across their open classes, as
 * Google Classroom's "To review" does. New submissions arrive as realtime events (or by polling).
 */
export function NeedsAttention() {
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const home = api.home.teacher.useQuery(undefined, { refetchInterval });
  const utils = api.useUtils();
  const user = useRealtimeUser();
  useChannelEvent(user ? channels.orgDashboard(user.orgId) : null, realtimeEvents.dashboardChanged, () => {
    void utils.home.teacher.invalidate();
  });
  const data = home.data;
  return (
    <section aria-label="Needs your attention" className="mb-8 grid gap-4 lg:grid-cols-2">
      <AttentionSection
        id="to-review"
        title="To review"
        description="Submitted work with short answers waiting for your marks, longest waiting first."
        icon={PenLine}
        count={data?.toReview.total}
        query={home}
        empty="Nothing to review. Short answers your students submit will wait for you here."
      >
        <ul className="grid gap-1">
          {data?.toReview.items.map((r) => (
            <AttentionRow
              key={r.attemptId}
              href={`/teacher/classes/${r.classId}/attempts/${r.attemptId}#answer-${r.firstWaitingQuestionId}`}
              label={r.studentName}
              details={
                <>
                  <span className="block break-words text-foreground">{r.title}</span>
                  {r.className} · submitted <RelativeTime value={r.submittedAt} />
                </>
              }
              aside={<span className="font-medium">{plural(r.waiting, "answer")} to mark</span>}
            />
          ))}
        </ul>
        <MoreNote
          shown={data?.toReview.items.length ?? 0}
          total={data?.toReview.total ?? 0}
          what="to review"
          href={moreToReviewHref(data?.toReview.items ?? [])}
        />
      </AttentionSection>

      <AttentionSection
        id="due-this-week"
        title="Due this week"
        description="Assignments due in the next 7 days, with how many of the class handed them in."
        icon={CalendarClock}
        count={data?.dueThisWeek.length}
        query={home}
        empty="Nothing is due in the next 7 days."
      >
        <ul className="grid gap-1">
          {data?.dueThisWeek.map((d) => (
            <AttentionRow
              key={d.assignmentId}
              href={`/teacher/classes/${d.classId}/gradebook`}
              label={d.title}
              details={
                <>
                  {d.className} · {TYPE_LABEL[d.type] ?? d.type} · due{" "}
                  <LocalTime value={d.dueAt} options={{ weekday: "short", hour: "numeric", minute: "2-digit" }} />
                </>
              }
              aside={
                <span>
                  <span className="font-medium">
                    {d.submitted} of {d.students}
                  </span>{" "}
                  handed in
                </span>
              }
            />
          ))}
        </ul>
      </AttentionSection>

      <AttentionSection
        id="recent-submissions"
        title="Recent submissions"
        description="Quizzes submitted and lessons completed in the last 7 days, newest first."
        icon={Inbox}
        count={data?.recentSubmissions.length}
        query={home}
        empty="No submissions in the last 7 days."
      >
        <ul className="grid gap-1">
          {data?.recentSubmissions.map((s) => (
            <AttentionRow
              key={`${s.attemptId ?? "lesson"}-${s.assignmentId}-${s.studentId}`}
              href={
                s.attemptId
                  ? `/teacher/classes/${s.classId}/attempts/${s.attemptId}`
                  : `/teacher/classes/${s.classId}/students/${s.studentId}`
              }
              label={
                <>
                  {s.studentName} · {s.title}
                </>
              }
              details={
                <>
                  {s.className} · {s.attemptId ? "submitted" : "completed"} <RelativeTime value={s.submittedAt} />
                </>
              }
              aside={
                s.score !== null && s.maxScore !== null ? (
                  <span className="font-medium">{score(s.score, s.maxScore)}</span>
                ) : (
                  <span className="text-muted-foreground">Completed</span>
                )
              }
            />
          ))}
        </ul>
      </AttentionSection>

      <AttentionSection
        id="ai-drafts"
        title="AI drafts to keep"
        description="Content the AI drafted for you. Open one to review it; publishing it keeps it."
        icon={Sparkles}
        count={data?.drafts.total}
        query={home}
        empty="No drafts waiting. Drafts from Generate with AI wait here until you keep them."
      >
        <ul className="grid gap-1">
          {data?.drafts.items.map((d) => (
            <AttentionRow
              key={d.contentId}
              href={`/teacher/content/${d.contentId}`}
              label={d.title}
              details={
                <>
                  {TYPE_LABEL[d.type] ?? d.type} · drafted <RelativeTime value={d.createdAt} />
                </>
              }
            />
          ))}
        </ul>
        <MoreNote
          shown={data?.drafts.items.length ?? 0}
          total={data?.drafts.total ?? 0}
          what="drafts"
          href="/teacher/content"
        />
      </AttentionSection>
    </section>
  );
}
