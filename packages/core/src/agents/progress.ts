// Where agent task progress goes: the realtime publisher, behind the agents' TaskEventPublisher
// interface. The web app builds one on its publisher (server/agents.ts) and apps/worker on its own,
// so progress reaches the browser wherever the task runs. Sending happens in the background: the
// pipeline never waits for it and never sees it fail.
import type { TaskEventPublisher } from "@toolboxai/agents";
import { publishTaskProgress } from "../realtime/events";
import type { RealtimePublisher } from "../realtime/publisher";

export function createTaskProgressPublisher(publisher: RealtimePublisher): TaskEventPublisher {
  return {
    publish(event) {
      publishTaskProgress(publisher, event);
    },
  };
}
