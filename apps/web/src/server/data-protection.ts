// The data-protection schedule (retention, the erasure purge, expired exports) in the web process,
// when it is the one running agent tasks too (no worker: the embedded mode, or AGENT_RUN_IN_WEB).
// With a worker, the worker runs it; with Redis, BullMQ makes sure each interval runs once anyway.
import "server-only";
import { readAgentEnv } from "@toolboxai/agents";
import { DATA_PROTECTION_JOBS, type DataProtectionSchedule, startDataProtectionSchedule } from "@toolboxai/core";
import { getDb } from "./db";
import { logger } from "./logger";

const globalForSchedule = globalThis as unknown as { toolboxDataProtection?: Promise<DataProtectionSchedule> };

export function startWebDataProtection(): void {
  const config = readAgentEnv();
  if (!config.runInWeb) return;
  globalForSchedule.toolboxDataProtection ??= startDataProtectionSchedule({
    db: getDb(),
    redisUrl: config.redisUrl,
    jobs: DATA_PROTECTION_JOBS,
    logger: logger.child({ component: "data-protection" }),
  });
}
