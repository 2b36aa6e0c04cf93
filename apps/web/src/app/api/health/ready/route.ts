import { publicReadinessOf } from "@toolboxai/core";
import { countHealthRequest, healthJson, healthReader, readsDetails } from "../_shared/access";
import { readiness } from "../_shared/readiness";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/ready: whether this instance can serve. Database, Redis, queue, realtime and
 * model provider are checked at once, each within 2 s. 200 `status: "ready"` when every required
 * part is up (database and queue always, Redis when configured), 503 `"not_ready"` with `down`
 * naming the required parts that are not. Realtime and the model are optional: when down they
 * show as such (and, for admins, under `degraded`) without making the instance unready. Anonymous
 * callers get each part's status and `down`; an admin or the health token also gets timings,
 * errors, details and `degraded`. The report is at most 5 s old (one check at a time, whoever
 * asks), the model provider's part at most 60 s; a part that is down is logged once a minute.
 */
export async function GET(req: Request) {
  const limit = await countHealthRequest(req);
  if (limit.refused) return limit.refused;
  const report = await readiness();
  const body = readsDetails(await healthReader(req)) ? report : publicReadinessOf(report);
  return healthJson(body, report.status === "ready" ? 200 : 503, limit.counted);
}
