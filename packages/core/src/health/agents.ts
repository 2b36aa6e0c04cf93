// The agents' health: the queue's depths, the processes that run tasks (those that reported their
// circuit breaker lately on the breaker board) and their breakers. Built on the runtime's own
// status, which reads each part with a bounded wait and reports a part it cannot read as null.
import type { AgentRuntime } from "@toolboxai/agents";
import type { AgentsHealth } from "@toolboxai/validators";

export async function checkAgentsHealth(
  runtime: Pick<AgentRuntime, "status">,
  now: () => Date = () => new Date(),
): Promise<AgentsHealth> {
  const s = await runtime.status();
  const problems: string[] = [];
  if (!s.counts) problems.push("The queue did not answer in time.");
  if (!s.processes) problems.push("The breaker board could not be read.");
  else if (s.queue === "bullmq" && s.processes.length === 0) {
    problems.push("No worker has reported in the last 30 seconds: queued tasks wait.");
  }
  if (s.breaker !== "closed") problems.push(`A circuit breaker is ${s.breaker}: model calls are being refused.`);
  return {
    status: !s.counts ? "down" : problems.length > 0 ? "degraded" : "ok",
    time: now().toISOString(),
    provider: { name: s.provider, model: s.model, offline: s.offline },
    queue: {
      kind: s.queue,
      depths: s.counts
        ? { waiting: s.counts.waiting, active: s.counts.active, delayed: s.counts.delayed, failed: s.counts.failed }
        : null,
    },
    workers: s.processes,
    breaker: s.breaker,
    problems,
  };
}
