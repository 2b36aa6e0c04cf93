// The realtime events services publish, after their write has committed (after the `await`, never
// inside `$transaction`). Publishing is fire-and-forget: it never blocks or fails the request, and
// without a publisher in the context (scripts, the agents' materializer) it does nothing.
import type { AgentTaskStatus } from "@toolboxai/validators";
import {
  type AgentStatusChangedEventData,
  channels,
  type DashboardChangedEventData,
  type GradeReleasedEventData,
  type MessageCreatedEventData,
  realtimeEvents,
  type TaskProgressEventData,
} from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import type { RealtimePublisher } from "../realtime/publisher";

/** Each event's payload, as packages/validators/src/realtime.ts describes it. */
export interface RealtimeEventData {
  [realtimeEvents.taskProgress]: TaskProgressEventData;
  [realtimeEvents.messageCreated]: MessageCreatedEventData;
  [realtimeEvents.gradeReleased]: GradeReleasedEventData;
  [realtimeEvents.dashboardChanged]: DashboardChangedEventData;
  [realtimeEvents.agentStatusChanged]: AgentStatusChangedEventData;
}
export type RealtimeEventName = keyof RealtimeEventData;

/** Sends `event` to the channels through the context's publisher; a no-op without one. */
export function publish<E extends RealtimeEventName>(
  ctx: Pick<ServiceContext, "realtime">,
  to: string | readonly string[],
  event: E,
  data: RealtimeEventData[E],
): void {
  ctx.realtime?.trigger(to, event, data);
}

/** Something the organization's dashboards count changed. */
export function publishDashboardChanged(
  ctx: Pick<ServiceContext, "realtime" | "actor">,
  what: DashboardChangedEventData["what"],
): void {
  publish(ctx, channels.orgDashboard(ctx.actor.orgId), realtimeEvents.dashboardChanged, { what });
}

/** A quiz attempt's score in percent (one decimal), or null when it has none. */
export function scorePercent(score: number | null, maxScore: number | null): number | null {
  if (score === null || maxScore === null || maxScore <= 0) return null;
  return Math.round((score / maxScore) * 1000) / 10;
}

/** Tells each student their attempt was graded (on submit, and again when a regrade changed the score). */
export function publishGradesReleased(
  ctx: Pick<ServiceContext, "realtime">,
  attempts: readonly (Omit<GradeReleasedEventData, "score"> & {
    studentId: string;
    score: number | null;
    maxScore: number | null;
  })[],
): void {
  for (const a of attempts) {
    publish(ctx, channels.user(a.studentId), realtimeEvents.gradeReleased, {
      attemptId: a.attemptId,
      assignmentId: a.assignmentId,
      title: a.title,
      score: scorePercent(a.score, a.maxScore),
    });
  }
}

const TASK_LIST_CHANGES: readonly AgentTaskStatus[] = ["QUEUED", "COMPLETED", "FAILED", "CANCELLED"];
const AGENT_STATUS_CHANGES: readonly AgentTaskStatus[] = [...TASK_LIST_CHANGES, "RETRYING"];

/**
 * A generation task's progress, to its teacher and to the organization's content-generation
 * channel; when a task is queued or finishes, the dashboards' task counts change too, and when it
 * is queued, starts, retries or finishes, the agents' status (queue, breaker) may have changed.
 */
export function publishTaskProgress(
  publisher: RealtimePublisher | undefined,
  task: {
    organizationId: string;
    /** The teacher who asked for the task. */
    userId: string;
    taskId: string;
    status: AgentTaskStatus;
    progress: number;
    currentStep: string | null;
  },
): void {
  if (!publisher) return;
  const ctx = { realtime: publisher };
  publish(
    ctx,
    [channels.user(task.userId), channels.orgContentGeneration(task.organizationId)],
    realtimeEvents.taskProgress,
    { taskId: task.taskId, status: task.status, progress: task.progress, currentStep: task.currentStep },
  );
  if (TASK_LIST_CHANGES.includes(task.status)) {
    publish(ctx, channels.orgDashboard(task.organizationId), realtimeEvents.dashboardChanged, { what: "tasks" });
  }
  // Not every progress tick: only the moments the queue counts or the breaker can have changed
  // (a worker's claim is the PROCESSING event before any step has started).
  if (AGENT_STATUS_CHANGES.includes(task.status) || (task.status === "PROCESSING" && task.currentStep === null)) {
    publish(ctx, channels.orgAgentStatus(task.organizationId), realtimeEvents.agentStatusChanged, {
      taskId: task.taskId,
      status: task.status,
    });
  }
}
