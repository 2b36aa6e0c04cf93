// The web process's agents runtime: one per process, created on first use. Without Redis it
// runs tasks in this process; with Redis it queues them on BullMQ for apps/worker (and runs them
// here too unless AGENT_RUN_IN_WEB=false).
import "server-only";
import { type AgentRuntime, createAgentRuntime, readAgentEnv } from "@toolboxai/agents";
import { aiBudgetGate, createTaskProgressPublisher, materializeDrafts, taskCorrelation } from "@toolboxai/core";
import { getDb } from "./db";
import { logger } from "./logger";
import { getRealtimePublisher } from "./realtime";

/** How often unfinished tasks are (re)queued; queuing a task already queued or running is a no-op. */
const SWEEP_INTERVAL_MS = 60_000;

const globalForAgents = globalThis as unknown as { toolboxAgents?: AgentRuntime };

export function getAgentRuntime(): AgentRuntime {
  if (!globalForAgents.toolboxAgents) {
    const config = readAgentEnv();
    const log = logger.child({ component: "agents" });
    const runtime = createAgentRuntime({
      db: getDb(),
      config,
      materialize: materializeDrafts,
      publisher: createTaskProgressPublisher(getRealtimePublisher()),
      logger: log,
      consume: config.runInWeb,
      role: "web",
      // Tasks run here keep the correlation id of the request that queued them (logs, model calls).
      correlation: taskCorrelation("web"),
      // The organization's daily token budget stops its tasks at their next model call.
      budget: aiBudgetGate(getDb()),
    });
    globalForAgents.toolboxAgents = runtime;
    if (config.runInWeb) {
      // Tasks left unfinished by a previous process (a restart mid-generation) carry on, and a
      // task whose enqueue failed (Redis briefly down) is queued by the next sweep.
      const sweep = () =>
        runtime
          .resumeUnfinished()
          .then((count) => count > 0 && log.info({ count }, "queued unfinished agent tasks"))
          .catch((err) => log.warn({ err }, "could not queue unfinished agent tasks"));
      void sweep();
      setInterval(sweep, SWEEP_INTERVAL_MS).unref();
    }
    log.info(
      { provider: runtime.provider.name, model: runtime.provider.model, queue: runtime.queue.kind },
      "agents ready",
    );
  }
  return globalForAgents.toolboxAgents;
}
