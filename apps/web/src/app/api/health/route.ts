import { checkHealth } from "@toolboxai/core";
import { getDatabase } from "@toolboxai/db";
import { env } from "~/env";
import { logger } from "~/server/logger";
import { getRealtimePublisher } from "~/server/realtime";

export const dynamic = "force-dynamic";

/**
 * GET /api/health: 200 with the database's status when healthy, 503 when not. Also reports the
 * realtime publisher's counts (sent, failed, skipped), which never change the status.
 */
export async function GET() {
  const { db, kind } = getDatabase();
  const report = await checkHealth({
    db,
    kind,
    version: env.version,
    realtime: { configured: env.realtime !== null, stats: getRealtimePublisher().stats() },
  });
  if (report.status !== "ok") logger.error({ database: report.database }, "health check failed");
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
