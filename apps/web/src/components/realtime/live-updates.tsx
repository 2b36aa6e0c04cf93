"use client";

// App-wide reactions to realtime events, mounted once by the signed-in layout: toasts for new
// messages and grades, their badges in the navigation, and fresh data for whatever page is open
// (invalidating a query refetches it only if a mounted component uses it; the others are just
// marked stale).
import { channels, type DashboardChangedEventData, realtimeEvents } from "@toolboxai/validators";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { api } from "~/trpc/react";
import { useChannelEvent, useRealtimeUser } from "./realtime-provider";

type Utils = ReturnType<typeof api.useUtils>;
type DashboardTopic = DashboardChangedEventData["what"];

/** The queries behind each kind of dashboard count (teacher and student homes, class pages, gradebooks). */
const DASHBOARD_QUERIES: Record<DashboardTopic, (utils: Utils) => Promise<unknown>[]> = {
  submissions: (u) => [u.gradebook.invalidate(), u.assignments.listForClass.invalidate()],
  enrollments: (u) => [
    u.classes.list.invalidate(),
    u.classes.get.invalidate(),
    u.classes.forStudent.invalidate(),
    u.gradebook.invalidate(),
  ],
  content: (u) => [
    u.content.list.invalidate(),
    u.assignments.listForClass.invalidate(),
    u.assignments.mine.invalidate(),
    u.classes.forStudent.invalidate(),
  ],
  // The agents' status has its own channel (useAgentStatus).
  tasks: (u) => [u.agents.list.invalidate()],
  users: (u) => [u.users.list.invalidate()],
  // The metrics pages re-read their numbers themselves, throttled to their rate limits (useLiveMetrics).
  metrics: () => [],
};

/** Dashboard events come in bursts (a whole class submitting): refetch at most this often. */
const DASHBOARD_BATCH_MS = 500;

const percentFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

export function LiveUpdates() {
  const user = useRealtimeUser();
  const utils = api.useUtils();
  const router = useRouter();
  const pathname = usePathname();
  const userChannel = user ? channels.user(user.userId) : null;

  useChannelEvent(userChannel, realtimeEvents.messageCreated, (message) => {
    void utils.messages.unreadCount.invalidate();
    void utils.messages.threads.invalidate();
    void utils.messages.thread.invalidate({ threadId: message.threadId });
    // The inbox shows the new message itself.
    if (pathname === "/messages") return;
    toast(`New message from ${message.from}`, {
      description: message.preview,
      action: {
        label: "Open",
        onClick: () => router.push(`/messages?thread=${encodeURIComponent(message.threadId)}`),
      },
    });
  });

  useChannelEvent(userChannel, realtimeEvents.gradeReleased, (grade) => {
    // The navigation's new-grades badge, and the lists that flag a new grade.
    void utils.assignments.newGradeCount.invalidate();
    void utils.classes.forStudent.invalidate();
    void utils.assignments.mine.invalidate();
    void utils.assignments.myAttempts.invalidate({ assignmentId: grade.assignmentId });
    void utils.assignments.attempt.invalidate({ attemptId: grade.attemptId });
    const attemptPath = `/student/attempts/${grade.attemptId}`;
    // The attempt's own page already shows the result (e.g. right after submitting).
    if (pathname === attemptPath) return;
    const score = grade.score === null ? "" : `: ${percentFormat.format(grade.score)}%`;
    toast.success(`Your quiz “${grade.title}” was graded${score}`, {
      action: { label: "View", onClick: () => router.push(attemptPath) },
    });
  });

  const pending = useRef(new Set<DashboardTopic>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useChannelEvent(user ? channels.orgDashboard(user.orgId) : null, realtimeEvents.dashboardChanged, ({ what }) => {
    pending.current.add(what);
    timer.current ??= setTimeout(() => {
      const topics = [...pending.current];
      pending.current.clear();
      timer.current = null;
      for (const topic of topics) void Promise.all(DASHBOARD_QUERIES[topic](utils));
    }, DASHBOARD_BATCH_MS);
  });

  return null;
}
