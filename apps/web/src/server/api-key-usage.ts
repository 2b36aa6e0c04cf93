// Counts each REST request made with an API key in its usage (per day and operation, with errors
// and 429s): the REST handler's onResponse hook. Never delays or fails the response.
import "server-only";
import type { RestResponseInfo } from "@toolboxai/api";
import { recordApiKeyUsage } from "@toolboxai/core";
import { logger } from "./logger";

/** Requests in flight (tests wait for them; the response never does). */
const pending = new Set<Promise<void>>();

export function recordApiKeyResponse(info: RestResponseInfo): void {
  const actor = info.ctx?.actor;
  if (!info.ctx || !actor?.apiKeyId) return;
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
