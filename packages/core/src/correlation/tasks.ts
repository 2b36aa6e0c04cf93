// The agents' TaskCorrelation for a process that runs tasks (the worker, or the web app without
// Redis): each attempt runs in a scope of its own that keeps the chain id of the request that
// queued the task (AgentTask.correlationId), with a request id of its own for the attempt.
import type { TaskCorrelation } from "@toolboxai/agents";
import { newCorrelation } from "./ids";
import { currentOutgoingHeaders, runWithCorrelation } from "./scope";

export function taskCorrelation(serviceName: string): TaskCorrelation {
  return {
    run: (task, attempt) => runWithCorrelation(newCorrelation(serviceName, task.correlationId), attempt),
    outgoingHeaders: currentOutgoingHeaders,
  };
}
