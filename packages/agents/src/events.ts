import type { AgentTaskStatus } from "@toolboxai/validators";

/** A task's progress, published after the row that says so has been written. */
export interface TaskProgressEvent {
  type: "task.progress";
  organizationId: string;
  /** The teacher who asked for the task. */
  userId: string;
  taskId: string;
  status: AgentTaskStatus;
  progress: number;
  currentStep: string | null;
}

/**
 * Where progress goes: the realtime publisher plugs in here. Implementations must not throw for
 * an outage they can absorb; the pipeline also catches and logs anything they throw.
 */
export interface TaskEventPublisher {
  publish(event: TaskProgressEvent): void | Promise<void>;
}

export const noopPublisher: TaskEventPublisher = { publish() {} };
