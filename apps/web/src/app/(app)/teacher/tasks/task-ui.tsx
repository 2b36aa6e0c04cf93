// Small pieces shared by the AI task list and the task page: labels, status and provider badges,
// the progress bar and relative times.
import type { AgentName, AgentTaskStatus, GenerationPart } from "@toolboxai/validators";
import { WifiOff } from "lucide-react";
import { useHydrated, useLocalFormat } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { isOfflineModel } from "~/lib/ai-model";
import { cn } from "~/lib/utils";

export const TASK_STATUS_LABEL: Record<AgentTaskStatus, string> = {
  QUEUED: "Queued",
  PROCESSING: "Generating",
  RETRYING: "Retrying",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

const TASK_STATUS_VARIANT = {
  QUEUED: "secondary",
  PROCESSING: "default",
  RETRYING: "warning",
  COMPLETED: "success",
  FAILED: "destructive",
  CANCELLED: "outline",
} as const satisfies Record<
  AgentTaskStatus,
  "secondary" | "default" | "warning" | "success" | "destructive" | "outline"
>;

export const PART_LABEL: Record<GenerationPart, string> = {
  lesson: "Lesson",
  quiz: "Quiz",
  environment: "Environment",
};

/** What each agent is called on screen. */
export const AGENT_LABEL: Record<AgentName, string> = {
  supervisor: "Supervisor",
  content: "Lesson writer",
  quiz: "Quiz writer",
  terrain: "Terrain designer",
  script: "Script writer",
  standards: "Standards aligner",
  review: "Reviewer",
};

/**
 * What each agent does. The task view's plan carries only step and agent names, so the page
 * describes steps with the same defaults the planner uses (packages/agents/src/plan.ts).
 */
export const AGENT_PURPOSE: Record<AgentName, string> = {
  supervisor: "Outline the objectives and plan the steps",
  content: "Write the lesson sections",
  quiz: "Write the quiz with its answer key",
  terrain: "Design the Roblox terrain and learning stations",
  script: "Write the stations' Luau scripts",
  standards: "Align the drafts to the chosen standards",
  review: "Review for age, accuracy, accessibility and privacy",
};

/** A task that will not change any more unless someone retries it. */
export function isFinished(status: AgentTaskStatus | undefined): boolean {
  return status === "COMPLETED" || status === "FAILED" || status === "CANCELLED";
}

/** The progress to show: a completed task is 100% even if its last write said 99. */
export function shownProgress(task: { status: AgentTaskStatus; progress: number }): number {
  if (task.status === "COMPLETED") return 100;
  return Math.max(0, Math.min(100, Math.round(task.progress)));
}

export function TaskStatusBadge({ status, ...props }: { status: AgentTaskStatus } & React.ComponentProps<"span">) {
  return (
    <Badge variant={TASK_STATUS_VARIANT[status]} {...props}>
      {TASK_STATUS_LABEL[status]}
    </Badge>
  );
}

/** The model behind a task; the built-in offline model is called out, so nobody mistakes its drafts for a real model's. */
export function ProviderBadge({ provider, model }: { provider: string; model?: string }) {
  if (isOfflineModel({ provider, model })) {
    return (
      <Badge
        variant="warning"
        title={`Drafts from the built-in offline model${model ? ` (${model})` : ""}, not a real language model`}
      >
        <WifiOff aria-hidden /> offline
      </Badge>
    );
  }
  return (
    <Badge variant="outline" title={model ? `${provider} · ${model}` : provider}>
      {provider}
      {model ? <span className="font-normal text-muted-foreground">· {model}</span> : null}
    </Badge>
  );
}

/** A labelled progress bar with its percentage shown next to it. */
export function ProgressBar({
  value,
  label,
  className,
}: {
  value: number;
  /** The bar's accessible name, e.g. "Generation progress". */
  label: string;
  className?: string;
}) {
  return (
    <div className={cn("flex items-center gap-3", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${value}%`}
        className="h-2 min-w-16 flex-1 overflow-hidden rounded-full bg-secondary"
      >
        {/* No width transition: the bar is always exactly the percentage beside it, even mid-animation. */}
        <div className="h-full rounded-full bg-primary" data-testid="progress-fill" style={{ width: `${value}%` }} />
      </div>
      {/* The bar already announces its value; this is for sighted users. */}
      <span className="w-10 text-right text-sm tabular-nums" aria-hidden="true">
        {value}%
      </span>
    </div>
  );
}

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absoluteFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "just now", "3 minutes ago", "yesterday". */
export function relativeTime(date: Date, now = Date.now()): string {
  const diff = date.getTime() - now;
  if (Math.abs(diff) < 45_000) return "just now";
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "minute") return relativeFormat.format(Math.round(diff / ms), unit);
  }
  return absoluteFormat.format(date);
}

/**
 * A relative time with the exact one on hover. The server's clock and time zone are not the
 * browser's, so the server and the browser's first render show the exact time in UTC; the words
 * ("3 minutes ago") and the local time follow once hydrated.
 */
export function RelativeTime({ date }: { date: Date | null }) {
  const hydrated = useHydrated();
  const exact = useLocalFormat();
  if (!date) return <span className="text-muted-foreground">—</span>;
  return (
    <time dateTime={date.toISOString()} title={hydrated ? exact(date) : undefined}>
      {hydrated ? relativeTime(date) : exact(date)}
    </time>
  );
}

/** "1.4 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
