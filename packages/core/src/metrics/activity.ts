// `GET /metrics/activity`: the last 24 hours, hour by hour, by event type, and the latest events;
// cached one minute per scope (events that change the dashboard clear it sooner).
import { Prisma } from "@toolboxai/db";
import type { ActivityMetrics } from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { type MetricsRuntime, metricsNow } from "./runtime";
import { type MetricsScope, resolveMetricsScope, scopeView } from "./scope";
import { aboutTeacherClasses } from "./teacher-events";

export const ACTIVITY_TTL_SECONDS = 60;
const HOUR_MS = 3_600_000;
const RECENT = 20;

/** A teacher's: events of their students and themselves, about their classes (or no class: sign-ins). */
function usersOf(orgId: string, scope: MetricsScope): Prisma.Sql {
  return scope.kind === "organization"
    ? Prisma.empty
    : Prisma.sql`AND e."userId" = ANY(${[scope.teacherId, ...scope.studentIds]}::text[])
        ${aboutTeacherClasses(orgId, scope, 'e."metadata"')}`;
}

type Computed = Omit<ActivityMetrics, "cache_metadata">;

async function computeActivity(ctx: ServiceContext, scope: MetricsScope, now: Date): Promise<Computed> {
  const org = ctx.actor.orgId;
  // Hour buckets aligned to the hour: the 24 hours ending with the current one.
  const firstHour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS);
  const filter = usersOf(org, scope);
  // Raw SQL bypasses the tenant extension: the organization is filtered here.
  const [hourly, byType, recent] = await Promise.all([
    ctx.db.$queryRaw<{ hour: Date; active: bigint; events: bigint }[]>(Prisma.sql`
      SELECT date_trunc('hour', e."createdAt") AS hour, count(DISTINCT e."userId") AS active, count(*) AS events
      FROM "ActivityEvent" e
      WHERE e."organizationId" = ${org} AND e."createdAt" >= ${firstHour} AND e."createdAt" <= ${now} ${filter}
      GROUP BY 1`),
    ctx.db.$queryRaw<{ type: string; count: bigint }[]>(Prisma.sql`
      SELECT e."type", count(*) AS count FROM "ActivityEvent" e
      WHERE e."organizationId" = ${org} AND e."createdAt" >= ${firstHour} AND e."createdAt" <= ${now} ${filter}
      GROUP BY 1 ORDER BY 2 DESC, 1 ASC`),
    ctx.db.$queryRaw<{ type: string; user_id: string | null; user_name: string | null; at: Date }[]>(Prisma.sql`
      SELECT e."type", e."userId" AS user_id, u."name" AS user_name, e."createdAt" AS at
      FROM "ActivityEvent" e LEFT JOIN "User" u ON u."id" = e."userId"
      WHERE e."organizationId" = ${org} AND e."createdAt" >= ${firstHour} AND e."createdAt" <= ${now} ${filter}
      ORDER BY e."createdAt" DESC, e."id" DESC LIMIT ${RECENT}`),
  ]);
  const byHour = new Map(hourly.map((h) => [new Date(h.hour).getTime(), h]));
  return {
    timestamp: now,
    organization_id: org,
    scope: scopeView(scope),
    hourly: Array.from({ length: 24 }, (_, i) => {
      const hour = new Date(firstHour.getTime() + i * HOUR_MS);
      const row = byHour.get(hour.getTime());
      return { hour, active_users: Number(row?.active ?? 0), events: Number(row?.events ?? 0) };
    }),
    by_type: byType.map((t) => ({ type: t.type, count: Number(t.count) })),
    recent: recent.map((r) => ({ type: r.type, user_id: r.user_id, user_name: r.user_name, at: new Date(r.at) })),
  };
}

export async function getActivityMetrics(ctx: ServiceContext, rt: MetricsRuntime): Promise<ActivityMetrics> {
  const scope = await resolveMetricsScope(ctx);
  const answer = await rt.cache.getOrCompute(
    { orgId: ctx.actor.orgId, scope, endpoint: "activity" },
    ACTIVITY_TTL_SECONDS,
    () => computeActivity(ctx, scope, metricsNow(rt)),
  );
  return {
    ...answer.value,
    cache_metadata: {
      generated_at: answer.generatedAt,
      cache_ttl: ACTIVITY_TTL_SECONDS,
      cache_key: answer.key,
      cache_hit: answer.hit,
    },
  };
}
