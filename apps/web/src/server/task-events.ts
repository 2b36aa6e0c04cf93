// Where agent task progress goes. Until realtime is wired in, the task page polls the task row
// and this publisher only logs; the realtime publisher replaces it behind the same interface.
import type { TaskEventPublisher } from "@toolboxai/agents";

export const taskProgressPublisher: TaskEventPublisher = {
  publish() {},
};
