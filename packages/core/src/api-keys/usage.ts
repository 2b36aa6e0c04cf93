// Requests made with each key, counted per UTC day and operation: what the usage chart shows.
import type { Database } from "@toolboxai/db";
import { API_KEY_USAGE_DAYS, type ApiKeyUsage } from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { DAY_MS, dayKey, utcDay } from "../days";
import { isPrismaError } from "../errors";
import { findApiKey } from "./api-keys";

const MAX_ENDPOINT_LENGTH = 200;

export interface ApiKeyRequest {
  organizationId: string;
  apiKeyId: string;
  /** The operation (`GET /content/{contentId}`), not the URL: the number of rows stays bounded. */
  endpoint: string;
  /** The response's status: 400 and above count as errors, 429 also as limited. */
  status: number;
  now?: Date;
}

/** Counts one request in today's row for its key and operation (one upsert). */
export async function recordApiKeyUsage(db: Database, request: ApiKeyRequest): Promise<void> {
  const day = utcDay(request.now ?? new Date());
  const endpoint = request.endpoint.slice(0, MAX_ENDPOINT_LENGTH);
  const errors = request.status >= 400 ? 1 : 0;
  const limited = request.status === 429 ? 1 : 0;
  const upsert = () =>
    db.apiKeyUsage.upsert({
      where: { apiKeyId_day_endpoint: { apiKeyId: request.apiKeyId, day, endpoint } },
      create: {
        organizationId: request.organizationId,
        apiKeyId: request.apiKeyId,
        day,
        endpoint,
        requests: 1,
        errors,
        limited,
      },
      update: { requests: { increment: 1 }, errors: { increment: errors }, limited: { increment: limited } },
    });
  try {
    await upsert();
  } catch (error) {
    // Two first requests of the day at once: the other one created the row; count on it.
    if (!isPrismaError(error, "P2002")) throw error;
    await upsert();
  }
}

/** A key's last 30 days: per day (zeros included), per operation, and in total. */
export async function apiKeyUsage(
  ctx: ServiceContext,
  input: { keyId: string },
  deps: { now?: Date } = {},
): Promise<ApiKeyUsage> {
  const key = await findApiKey(ctx, input.keyId);
  const today = utcDay(deps.now ?? new Date());
  const from = new Date(today.getTime() - (API_KEY_USAGE_DAYS - 1) * DAY_MS);
  const rows = await ctx.db.apiKeyUsage.findMany({
    where: { apiKeyId: key.id, day: { gte: from, lte: today } },
    select: { day: true, endpoint: true, requests: true, errors: true, limited: true },
  });
  const zero = () => ({ requests: 0, errors: 0, limited: 0 });
  const days = Array.from({ length: API_KEY_USAGE_DAYS }, (_, i) => ({
    day: dayKey(new Date(from.getTime() + i * DAY_MS)),
    ...zero(),
  }));
  const byDay = new Map(days.map((d) => [d.day, d]));
  const byEndpoint = new Map<string, { endpoint: string; requests: number; errors: number; limited: number }>();
  const totals = zero();
  for (const row of rows) {
    const counts = [byDay.get(dayKey(row.day)), totals];
    let endpoint = byEndpoint.get(row.endpoint);
    if (!endpoint) {
      endpoint = { endpoint: row.endpoint, ...zero() };
      byEndpoint.set(row.endpoint, endpoint);
    }
    counts.push(endpoint);
    for (const c of counts) {
      if (!c) continue;
      c.requests += row.requests;
      c.errors += row.errors;
      c.limited += row.limited;
    }
  }
  const endpoints = [...byEndpoint.values()].sort(
    (a, b) => b.requests - a.requests || a.endpoint.localeCompare(b.endpoint),
  );
  return { keyId: key.id, days, endpoints, totals };
}
