import { checkRealtimeHealth } from "@toolboxai/core";
import { getRealtimePublisher } from "~/server/realtime";
import { countHealthRequest, healthJson, healthReader, readsDetails } from "../_shared/access";
import { realtimeServerProbe } from "../_shared/probes";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/realtime: whether the Pusher-compatible server answers its signed HTTP API with
 * the app's credentials (`up`, `down`, or `not_configured` when realtime is off), and, for an
 * admin or the health token, the latency, the error and the publisher's counts (sent, failed,
 * skipped). 503 when the server is configured and down; pages keep working by polling.
 */
export async function GET(req: Request) {
  const limit = await countHealthRequest(req);
  if (limit.refused) return limit.refused;
  const report = await checkRealtimeHealth({ probe: realtimeServerProbe(), stats: getRealtimePublisher().stats() });
  const body = readsDetails(await healthReader(req)) ? report : { status: report.status };
  return healthJson(body, report.status === "down" ? 503 : 200, limit.counted);
}
