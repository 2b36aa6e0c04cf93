// The web process's agents runtime: one per process, created on first use. Without Redis it
// runs tasks in this process; with Redis it queues them on BullMQ for apps/worker (and runs them
// here too unless AGENT_RUN_IN_WEB=false).
import "server-only";
import { type AgentRuntime, createAgentRuntime, readAgentEnv } from "@toolboxai/agents";
import { getDb } from "./db";
import { logger } from "./logger";
import { getRealtimePublisher } from "./realtime";
import { materializeDrafts } from "./services/generated-content";
import { createTaskProgressPublisher } from "./task-events";

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
    });
    globalForAgents.toolboxAgents = runtime;
    if (config.runInWeb) {
      // Tasks left unfinished by a previous process (a restart mid-generation) carry on.
      runtime
        .resumeUnfinished()
        .then((count) => count > 0 && log.info({ count }, "resumed unfinished agent tasks"))
        .catch((err) => log.error({ err }, "could not resume unfinished agent tasks"));
    }
    log.info(
      { provider: runtime.provider.name, model: runtime.provider.model, queue: runtime.queue.kind },
      "agents ready",
    );
  }
  return globalForAgents.toolboxAgents;
}
