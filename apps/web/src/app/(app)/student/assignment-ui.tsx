"use client";

// Small pieces shared by the student's assignment pages: labels, due dates, scores.
import { BookOpen, ClipboardCheck, ListChecks, type LucideIcon } from "lucide-react";
import { useHydrated } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";

export const TYPE_LABEL: Record<string, string> = {
  LESSON: "Lesson",
  QUIZ: "Quiz",
  ACTIVITY: "Activity",
  ENVIRONMENT: "Environment",
};

export const TYPE_ICON: Record<string, LucideIcon> = {
  LESSON: BookOpen,
  QUIZ: ClipboardCheck,
  ACTIVITY: ListChecks,
};

export function TypeBadge({ type }: { type: string }) {
  return <Badge variant="outline">{TYPE_LABEL[type] ?? type}</Badge>;
}

/** False during the server render and hydration, true afterwards (so dates use the reader's time zone). */
export { useHydrated };

const fullDate = new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "short" });
const mediumDate = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const utcDate = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const timeOfDay = new Intl.DateTimeFormat("en", { timeStyle: "short" });
const weekday = new Intl.DateTimeFormat("en", { weekday: "long" });
const DAY = 24 * 3600 * 1000;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "due tomorrow at 3:00 PM", "was due 2 days ago", "due Mar 5, 2026"… (lower case, for the middle of a sentence). */
export function describeDue(due: Date, now: Date = new Date()): string {
  const days = Math.round((startOfDay(due) - startOfDay(now)) / DAY);
  const time = timeOfDay.format(due);
  if (due.getTime() < now.getTime()) {
    if (days === 0) return `was due today at ${time}`;
    if (days === -1) return "was due yesterday";
    if (days > -7) return `was due ${-days} days ago`;
    return `was due ${mediumDate.format(due)}`;
  }
  if (days === 0) return `due today at ${time}`;
  if (days === 1) return `due tomorrow at ${time}`;
  if (days < 7) return `due ${weekday.format(due)} at ${time}`;
  return `due ${mediumDate.format(due)}`;
}

/** A due date in relative words, with the full date as a tooltip; "No due date" when there is none.
 * Until hydrated (the server and the browser's first render) it reads "due Mar 5, 2026" in UTC. */
export function DueText({ dueAt, capitalize = false }: { dueAt: Date | null; capitalize?: boolean }) {
  const hydrated = useHydrated();
  if (!dueAt) return <span>{capitalize ? "No due date" : "no due date"}</span>;
  const text = hydrated ? describeDue(dueAt) : `due ${utcDate.format(dueAt)}`;
  return (
    <time dateTime={dueAt.toISOString()} title={hydrated ? fullDate.format(dueAt) : undefined}>
      {capitalize ? text.charAt(0).toUpperCase() + text.slice(1) : text}
    </time>
  );
}

/** A date and time in the reader's time zone (rendered after hydration to avoid a server/client mismatch). */
export function DateTimeText({ value }: { value: Date }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={value.toISOString()}>{hydrated ? fullDate.format(value) : `${utcDate.format(value)} (UTC)`}</time>
  );
}

export function percent(score: number, maxScore: number): number {
  return maxScore > 0 ? Math.round((score / maxScore) * 100) : 0;
}

/** "8/10" (scores are whole points, but avoid long decimals if that ever changes). */
export function scoreText(score: number, maxScore: number): string {
  const f = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  return `${f(score)}/${f(maxScore)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
