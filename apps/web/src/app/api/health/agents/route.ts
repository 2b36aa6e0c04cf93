import { checkAgentsHealth } from "@toolboxai/core";
import { getAgentRuntime } from "~/server/agents";
import { countHealthRequest, healthJson, healthReader, healthRefusal, readsDetails } from "../_shared/access";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/agents (also /health/agents): the agents' queue depths (waiting, active,
 * delayed, failed), the processes running tasks with their circuit breakers, and the provider.
 * For an admin or the health token only: 401 to anyone else not signed in, 403 to other roles.
 * 200 while the queue answers (`status` ok, or degraded with the `problems` named), 503 when not.
 */
export async function GET(req: Request) {
  const limit = await countHealthRequest(req);
  if (limit.refused) return limit.refused;
  const reader = await healthReader(req);
  if (!readsDetails(reader)) return healthRefusal(req, reader, limit.counted);
  const report = await checkAgentsHealth(getAgentRuntime());
  return healthJson(report, report.status === "down" ? 503 : 200, limit.counted);
}
