// Counts each REST request made with an API key in its usage (per day and operation, with errors
// and 429s): the REST handler's onResponse hook. Never delays or fails the response. Each is also
// counted in Prometheus' api_key_usage_total{status} by status class (2xx, 3xx, 4xx, 429, 5xx).
import "server-only";
import type { RestResponseInfo } from "@toolboxai/api";
import { recordApiKeyUsage } from "@toolboxai/core";
import { platformMetrics } from "@toolboxai/observability/metrics";
import { logger } from "./logger";

/** The status label: its class, except 429 (a key's client must slow down) on its own. */
export function statusClass(status: number): string {
  return status === 429 ? "429" : `${Math.floor(status / 100)}xx`;
}

/** Requests in flight (tests wait for them; the response never does). */
const pending = new Set<Promise<void>>();

export function recordApiKeyResponse(info: RestResponseInfo): void {
  const actor = info.ctx?.actor;
  if (!info.ctx || !actor?.apiKeyId) return;
  platformMetrics().apiKeyUsageTotal.inc({ status: statusClass(info.status) });
  const write = recordApiKeyUsage(info.ctx.db, {
    organizationId: actor.orgId,
    apiKeyId: actor.apiKeyId,
    endpoint: info.operation ?? "(unknown operation)",
    status: info.status,
  })
    .catch((error: unknown) => {
      logger.warn(
        { err: error, apiKeyId: actor.apiKeyId, requestId: info.ctx?.correlation.requestId },
        "api key usage not recorded",
      );
    })
    .finally(() => pending.delete(write));
  pending.add(write);
}

/** Resolves when every usage write started so far has finished. */
export async function apiKeyUsageSettled(): Promise<void> {
  await Promise.all([...pending]);
}
