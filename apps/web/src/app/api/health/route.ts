import { checkHealth, livenessOf, presentsHealthToken, type RateLimitDecision } from "@toolboxai/core";
import { env } from "~/env";
import { getActor } from "~/server/auth/session";
import { getDatabase } from "~/server/db";
import { logger } from "~/server/logger";
import { getRateLimiter, limitByAddress, rateLimitHeadersOf } from "~/server/rate-limit";
import { getRealtimePublisher } from "~/server/realtime";

export const dynamic = "force-dynamic";

/**
 * The details are for a monitor with the health token (HEALTH_TOKEN) or a signed-in admin. The
 * admin is looked up in the database: when that fails, the caller gets the public answer.
 */
async function mayReadDetails(req: Request): Promise<boolean> {
  if (presentsHealthToken(req.headers.get("authorization"), env.healthToken)) return true;
  const actor = await getActor().catch(() => null);
  return actor?.role === "ADMIN";
}

/**
 * GET /api/health: 200 `{ "status": "ok" }` when the database answers, 503 `{ "status": "error" }`
 * when not. An admin, or `Authorization: Bearer <HEALTH_TOKEN>`, gets the full report instead:
 * the database's kind and latency, the version, and the realtime publisher's counts (sent,
 * failed, skipped), which never change the status.
 */
export async function GET(req: Request) {
  const counted = { limits: [] as RateLimitDecision[] };
  const limited = await limitByAddress(getRateLimiter(), req, "health.ip", counted);
  if (limited) return limited;
  const { db, kind } = getDatabase();
  const report = await checkHealth({
    db,
    kind,
    version: env.version,
    realtime: { configured: env.realtime !== null, stats: getRealtimePublisher().stats() },
  });
  if (report.status !== "ok") logger.error({ database: report.database }, "health check failed");
  return Response.json((await mayReadDetails(req)) ? report : livenessOf(report), {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store", ...rateLimitHeadersOf([], counted) },
  });
}
