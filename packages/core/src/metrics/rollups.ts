// The daily rollups the dashboards read, so a dashboard costs O(days), not O(events):
//   MetricDaily(org, metric, day)   counters per UTC day (see ROLLUP_DEFINITIONS for each one's rows)
//   ActiveUserDay(org, day, user)   who was active on which day (daily active users, exactly)
//   User.lastActiveAt               the user's latest activity event
// They are kept incrementally, in the request that causes the change (one statement per event),
// and `rebuildMetricRollups` recomputes them exactly from the source rows. A failed incremental
// write never fails the action: it is logged, and a rebuild repairs the counters.
import { DERIVED_METRICS, Prisma } from "@toolboxai/db";
import type { ServiceContext } from "../context";
import { metricsChanged, rollupFailed } from "./events";

/** What each counter counts, as the rebuild computes it (docs/metrics.md has the same table). */
export const ROLLUP_DEFINITIONS = {
  active_users: "distinct users with an activity event that UTC day (= ActiveUserDay rows)",
  users_created: "users whose createdAt falls on the day (deleted ones included)",
  users_deleted: "users whose deletedAt falls on the day",
  last_active: "users (not deleted) whose lastActiveAt falls on the day (retention sums the window's days)",
  content_created: "content items whose createdAt falls on the day (deleted ones included)",
  "<activity type>":
    "activity events of that type on the day (lesson_completed, quiz_submitted, content_published, ...)",
} as const;

/** Activity types that change a dashboard number (besides making a user active today). */
const COUNTED_TYPES = new Set([
  "lesson_completed",
  "quiz_submitted",
  "content_created",
  "content_duplicated",
  "content_published",
  "content_unpublished",
  "content_deleted",
  "content_restored",
]);
/** Activity types that create a content item named by `metadata.contentId`. */
const CREATES_CONTENT = new Set(["content_created", "content_duplicated"]);
const derived = new Set<string>(DERIVED_METRICS);

/**
 * Counts one activity event (already written) in the rollups: its type's counter, the user's day
 * (and the day's active users when it is their first event that day) and their lastActiveAt, in one
 * statement. Then, when a dashboard number changed, invalidates the organization's metrics cache.
 */
export async function rollUpActivity(
  ctx: ServiceContext,
  event: { id: string; type: string; metadata?: unknown },
): Promise<void> {
  const org = ctx.actor.orgId;
  let firstToday = false;
  const concerned: string[] = [ctx.actor.userId];
  try {
    const metrics = derived.has(event.type) ? [] : [event.type];
    // Raw SQL bypasses the tenant extension: every statement names the organization itself.
    const rows = await ctx.db.$queryRaw<{ fresh: boolean | null }[]>(Prisma.sql`
      WITH ev AS (
        SELECT "organizationId" AS org, "userId" AS uid, "createdAt" AS at, "createdAt"::date AS day
        FROM "ActivityEvent" WHERE "id" = ${event.id} AND "organizationId" = ${org} AND "userId" IS NOT NULL
      ), aud AS (
        INSERT INTO "ActiveUserDay" AS a ("organizationId", "userId", "day", "lastAt")
        SELECT org, uid, day, at FROM ev
        ON CONFLICT ("organizationId", "day", "userId") DO UPDATE SET "lastAt" = GREATEST(a."lastAt", EXCLUDED."lastAt")
        RETURNING (xmax = 0) AS fresh
      ), old AS (
        -- FOR UPDATE: the latest committed lastActiveAt, even when another event of the user just moved it
        SELECT u."id", u."lastActiveAt" AS prev, u."deletedAt" IS NULL AS alive
        FROM "User" u, ev WHERE u."id" = ev.uid AND u."organizationId" = ev.org
        FOR UPDATE OF u
      ), usr AS (
        UPDATE "User" u SET "lastActiveAt" = GREATEST(COALESCE(old.prev, ev.at), ev.at)
        FROM ev, old WHERE u."id" = old."id"
        RETURNING old.prev::date AS prev_day, u."lastActiveAt"::date AS next_day, old.alive
      ), counters AS (
        INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
        SELECT ev.org, c.metric, ev.day, 1, now() FROM ev, unnest(${metrics}::text[]) AS c(metric)
        UNION ALL
        SELECT ev.org, 'active_users', ev.day, 1, now() FROM ev, aud WHERE aud.fresh
        UNION ALL
        -- the user's last active day moves: one less on the old day, one more on the new one
        SELECT ev.org, 'last_active', usr.prev_day, -1, now() FROM ev, usr
        WHERE usr.alive AND usr.prev_day IS NOT NULL AND usr.prev_day <> usr.next_day
        UNION ALL
        SELECT ev.org, 'last_active', usr.next_day, 1, now() FROM ev, usr
        WHERE usr.alive AND usr.prev_day IS DISTINCT FROM usr.next_day
        ON CONFLICT ("organizationId", "metric", "day")
        DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now()
        RETURNING 1
      )
      SELECT (SELECT fresh FROM aud) AS fresh, (SELECT count(*) FROM usr) AS users, (SELECT count(*) FROM counters) AS counted`);
    firstToday = rows[0]?.fresh === true;
    const contentId = contentIdOf(event);
    if (CREATES_CONTENT.has(event.type) && contentId)
      await countRowDay(ctx, "content_created", "ContentItem", contentId);
    // Content counts are its author's (an admin may publish a teacher's lesson).
    if (contentId && COUNTED_TYPES.has(event.type)) {
      const item = await ctx.db.contentItem.findFirst({ where: { id: contentId }, select: { authorId: true } });
      if (item?.authorId) concerned.push(item.authorId);
    }
  } catch (error) {
    rollupFailed(error, org, event.type);
  }
  if (firstToday || COUNTED_TYPES.has(event.type)) await metricsChanged(ctx, { userIds: concerned });
}

function contentIdOf(event: { metadata?: unknown }): string | null {
  const metadata = event.metadata;
  if (typeof metadata !== "object" || metadata === null) return null;
  const id = (metadata as { contentId?: unknown }).contentId;
  return typeof id === "string" ? id : null;
}

type DayColumn = "createdAt" | "deletedAt" | "lastActiveAt";
const TABLES = { User: Prisma.raw('"User"'), ContentItem: Prisma.raw('"ContentItem"') } as const;

/** Adds 1 to `metric` on the UTC day of the row's `column` (one upsert). Throws; callers catch. */
async function countRowDay(
  ctx: ServiceContext,
  metric: string,
  table: keyof typeof TABLES,
  id: string,
  column: DayColumn = "createdAt",
  delta = 1,
): Promise<void> {
  const col = Prisma.raw(`"${column}"`);
  await ctx.db.$executeRaw(Prisma.sql`
    INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
    SELECT "organizationId", ${metric}::text, ${col}::date, ${delta}::float8, now() FROM ${TABLES[table]}
    WHERE "id" = ${id} AND "organizationId" = ${ctx.actor.orgId} AND ${col} IS NOT NULL
    ON CONFLICT ("organizationId", "metric", "day") DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now()`);
}

/** A user was created: counts them on their creation day and invalidates the metrics. Never throws. */
export async function rollUpUserCreated(ctx: ServiceContext, userId: string): Promise<void> {
  try {
    await countRowDay(ctx, "users_created", "User", userId);
  } catch (error) {
    rollupFailed(error, ctx.actor.orgId, "users_created");
  }
  await metricsChanged(ctx, { userIds: [userId] });
}

/** A user was (soft) deleted: counts them on their deletion day and invalidates the metrics. Never throws. */
export async function rollUpUserDeleted(ctx: ServiceContext, userId: string): Promise<void> {
  try {
    await countRowDay(ctx, "users_deleted", "User", userId, "deletedAt");
    // A deleted user no longer counts among the users last active on their day.
    await countRowDay(ctx, "last_active", "User", userId, "lastActiveAt", -1);
  } catch (error) {
    rollupFailed(error, ctx.actor.orgId, "users_deleted");
  }
  await metricsChanged(ctx, { userIds: [userId] });
}
