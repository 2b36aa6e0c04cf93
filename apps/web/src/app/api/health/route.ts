import { checkHealth, livenessOf } from "@toolboxai/core";
import { env } from "~/env";
import { getDatabase } from "~/server/db";
import { logger } from "~/server/logger";
import { getRealtimePublisher } from "~/server/realtime";
import { countHealthRequest, healthJson, healthReader, readsDetails } from "./_shared/access";

export const dynamic = "force-dynamic";

/**
 * GET /api/health (also /health): liveness. 200 `{ "status": "ok" }` when the database answers,
 * 503 `{ "status": "error" }` when not. An admin, or `Authorization: Bearer <HEALTH_TOKEN>`, gets
 * the full report instead: the database's kind and latency, the version, and the realtime
 * publisher's counts (sent, failed, skipped), which never change the status. The other parts
 * are checked by /api/health/ready.
 */
export async function GET(req: Request) {
  const limit = await countHealthRequest(req);
  if (limit.refused) return limit.refused;
  const { db, kind } = getDatabase();
  const report = await checkHealth({
    db,
    kind,
    version: env.version,
    realtime: { configured: env.realtime !== null, stats: getRealtimePublisher().stats() },
  });
  if (report.status !== "ok") logger.error({ database: report.database }, "health check failed");
  const body = readsDetails(await healthReader(req)) ? report : livenessOf(report);
  return healthJson(body, report.status === "ok" ? 200 : 503, limit.counted);
}
