// The dashboard's reads, run in parallel. An organization's come from the rollups and the
// trigger-kept totals (so they cost O(days), not O(users), O(content) or O(events)), plus two
// index-only ranges (users active in 24 hours, sessions of 7 days); a teacher's from the source rows
// of their students and their own content, which the size of their classes bounds.
// Raw SQL bypasses the tenant extension: every statement filters the organization itself.
import { Prisma, TOTALS_DAY } from "@toolboxai/db";
import type { ServiceContext } from "../context";
import { addDays, DAY_MS, dayKey, utcDay } from "../days";
import type { MetricsScope } from "./scope";
import { ofTeacherAssignments } from "./teacher-events";

/** Days of the dashboard's trends (today last). */
export const TREND_DAYS = 7;
/** Days of the retention window. */
export const RETENTION_DAYS = 30;

export interface DayCounts {
  date: string;
  activeUsers: number;
  lessonsCompleted: number;
  assessmentsTaken: number;
  contentCreated: number;
  /** Users (not deleted) who joined on this day. */
  joined: number;
}

export interface DashboardNumbers {
  totalUsers: number;
  activeUsers24h: number;
  /** Users who joined on each of the last RETENTION_DAYS days (deleted ones included), by day. */
  joinedByDay: Map<string, number>;
  /** Users not deleted who joined before the retention window, and those of them active within it. */
  retentionBase: number;
  retained: number;
  content: { total: number; published: number; draft: number };
  avgGenerationSeconds: number | null;
  avgSessionMinutes: number | null;
  /** The last TREND_DAYS days, oldest first. */
  days: DayCounts[];
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

/** The scope's users (the teacher and their students), or null for the whole organization. */
function scopeUsers(scope: MetricsScope): string[] | null {
  return scope.kind === "organization" ? null : [scope.teacherId, ...scope.studentIds];
}

function inUsers(column: string, users: string[] | null): Prisma.Sql {
  return users ? Prisma.sql`AND ${Prisma.raw(column)} = ANY(${users}::text[])` : Prisma.empty;
}

export async function dashboardNumbers(ctx: ServiceContext, scope: MetricsScope, now: Date): Promise<DashboardNumbers> {
  const org = ctx.actor.orgId;
  const users = scopeUsers(scope);
  const today = utcDay(now);
  const trendFrom = addDays(today, -(TREND_DAYS - 1));
  const windowFrom = addDays(today, -(RETENTION_DAYS - 1));
  const since24h = new Date(now.getTime() - DAY_MS);
  const since7d = new Date(now.getTime() - 7 * DAY_MS);
  const creator = scope.kind === "teacher" ? Prisma.sql`AND "createdById" = ${scope.teacherId}` : Prisma.empty;

  const [people, activeSinceWindow, daily, sessions, generation] = await Promise.all([
    users ? teacherPeople(ctx, users, scope, windowFrom, since24h) : organizationPeople(ctx, windowFrom, since24h),
    activeInWindow(ctx, users, windowFrom),
    scope.kind === "organization" ? organizationDays(ctx, trendFrom) : teacherDays(ctx, scope, users ?? [], trendFrom),
    ctx.db.$queryRaw<{ minutes: number | null }[]>(Prisma.sql`
      SELECT avg(EXTRACT(EPOCH FROM ("lastSeenAt" - "createdAt")))::float8 / 60 AS minutes FROM "Session"
      WHERE "organizationId" = ${org} AND "createdAt" >= ${since7d} ${inUsers('"userId"', users)}`),
    users
      ? ctx.db.$queryRaw<{ seconds: number | null }[]>(Prisma.sql`
      SELECT avg(EXTRACT(EPOCH FROM ("finishedAt" - "queuedAt")))::float8 AS seconds FROM "AgentTask"
      WHERE "organizationId" = ${org} AND "status" = 'COMPLETED' AND "finishedAt" >= ${windowFrom} ${creator}`)
      : ctx.db.$queryRaw<{ seconds: number | null }[]>(Prisma.sql`
      SELECT sum("value") FILTER (WHERE "metric" = 'generation_seconds')
             / NULLIF(sum("value") FILTER (WHERE "metric" = 'generations_completed'), 0) AS seconds
      FROM "MetricDaily" WHERE "organizationId" = ${org} AND "day" >= ${windowFrom}::date
        AND "metric" IN ('generation_seconds', 'generations_completed')`),
  ]);
  const { totalUsers: total, activeUsers24h, joined, byStatus } = people;

  const joinedByDay = new Map<string, number>();
  const aliveByDay = new Map<string, number>();
  let joinedInWindowAlive = 0;
  let joinedInWindowActive = 0;
  for (const row of joined) {
    joinedByDay.set(row.day, n(row.joined));
    aliveByDay.set(row.day, n(row.alive));
    joinedInWindowAlive += n(row.alive);
    joinedInWindowActive += n(row.alive_active);
  }
  const days: DayCounts[] = Array.from({ length: TREND_DAYS }, (_, i) => {
    const date = dayKey(addDays(trendFrom, i));
    const d = daily.get(date);
    return {
      date,
      activeUsers: d?.activeUsers ?? 0,
      lessonsCompleted: d?.lessonsCompleted ?? 0,
      assessmentsTaken: d?.assessmentsTaken ?? 0,
      contentCreated: d?.contentCreated ?? 0,
      joined: aliveByDay.get(date) ?? 0,
    };
  });
  return {
    totalUsers: total,
    activeUsers24h,
    joinedByDay,
    retentionBase: Math.max(0, total - joinedInWindowAlive),
    retained: Math.max(0, activeSinceWindow - joinedInWindowActive),
    content: {
      total: [...byStatus.values()].reduce((s, v) => s + v, 0),
      published: byStatus.get("PUBLISHED") ?? 0,
      draft: (byStatus.get("DRAFT") ?? 0) + (byStatus.get("GENERATED") ?? 0) + (byStatus.get("IN_REVIEW") ?? 0),
    },
    avgGenerationSeconds: generation[0]?.seconds ?? null,
    avgSessionMinutes: sessions[0]?.minutes ?? null,
    days,
  };
}

/** Users and content: totals, active in 24 hours, joined by day, content by status. */
interface People {
  totalUsers: number;
  activeUsers24h: number;
  /** By join day in the retention window: joined (deleted included), alive, alive and active since joining. */
  joined: { day: string; joined: number; alive: number; alive_active: number }[];
  byStatus: Map<string, number>;
}

/**
 * The organization's from maintained counters (MetricDaily; the totals are kept exact by triggers,
 * see docs/metrics.md): one row per total and three per day of the window. Only "active in 24
 * hours", a rolling window, is counted, over the users active in it (an index-only range).
 */
async function organizationPeople(ctx: ServiceContext, windowFrom: Date, since24h: Date): Promise<People> {
  const org = ctx.actor.orgId;
  const today = utcDay(new Date(since24h.getTime() + DAY_MS));
  const [counters, active] = await Promise.all([
    ctx.db.$queryRaw<{ metric: string; day: string; value: number }[]>(Prisma.sql`
      SELECT "metric", to_char("day", 'YYYY-MM-DD') AS day, "value" FROM "MetricDaily"
      WHERE "organizationId" = ${org} AND (
        ("day" = ${TOTALS_DAY}::date AND ("metric" = 'total_users' OR "metric" LIKE 'content_status:%'))
        OR ("day" >= ${windowFrom}::date AND "metric" IN ('users_created', 'users_alive_joined', 'users_joined_active')))`),
    // Active in 24 hours = last active today (a counter) + last active yesterday since this time of day
    // (an index-only range over the tail of yesterday only).
    ctx.db.$queryRaw<{ active: bigint }[]>(Prisma.sql`
      SELECT (SELECT count(*) FROM "User" WHERE "organizationId" = ${org} AND "deletedAt" IS NULL
                AND "lastActiveAt" >= ${since24h} AND "lastActiveAt" < ${today})
           + COALESCE((SELECT "value" FROM "MetricDaily" WHERE "organizationId" = ${org}
                AND "metric" = 'last_active' AND "day" = ${today}::date), 0) AS active`),
  ]);
  let totalUsers = 0;
  const byStatus = new Map<string, number>();
  const days = new Map<string, People["joined"][number]>();
  const day = (key: string) => {
    const d = days.get(key) ?? { day: key, joined: 0, alive: 0, alive_active: 0 };
    days.set(key, d);
    return d;
  };
  for (const row of counters) {
    if (row.day === TOTALS_DAY) {
      if (row.metric === "total_users") totalUsers = row.value;
      else byStatus.set(row.metric.slice("content_status:".length), row.value);
    } else if (row.metric === "users_created") day(row.day).joined = row.value;
    else if (row.metric === "users_alive_joined") day(row.day).alive = row.value;
    else day(row.day).alive_active = row.value;
  }
  return { totalUsers, activeUsers24h: n(active[0]?.active), joined: [...days.values()], byStatus };
}

/** A teacher's from the rows of their users and content, which the size of their classes bounds. */
async function teacherPeople(
  ctx: ServiceContext,
  users: string[],
  scope: MetricsScope,
  windowFrom: Date,
  since24h: Date,
): Promise<People> {
  const org = ctx.actor.orgId;
  const author = scope.kind === "teacher" ? Prisma.sql`AND "authorId" = ${scope.teacherId}` : Prisma.empty;
  const [userCounts, joined, content] = await Promise.all([
    ctx.db.$queryRaw<{ total: bigint; active: bigint }[]>(Prisma.sql`
      SELECT
        (SELECT count(*) FROM "User" WHERE "organizationId" = ${org} AND "deletedAt" IS NULL ${inUsers('"id"', users)}) AS total,
        (SELECT count(*) FROM "User" WHERE "organizationId" = ${org} AND "deletedAt" IS NULL AND "lastActiveAt" >= ${since24h} ${inUsers('"id"', users)}) AS active`),
    ctx.db.$queryRaw<{ day: string; joined: bigint; alive: bigint; alive_active: bigint }[]>(Prisma.sql`
      SELECT to_char("createdAt"::date, 'YYYY-MM-DD') AS day, count(*) AS joined,
             count(*) FILTER (WHERE "deletedAt" IS NULL) AS alive,
             count(*) FILTER (WHERE "deletedAt" IS NULL AND "lastActiveAt"::date >= "createdAt"::date) AS alive_active
      FROM "User" WHERE "organizationId" = ${org} AND "createdAt" >= ${windowFrom} ${inUsers('"id"', users)}
      GROUP BY 1`),
    ctx.db.$queryRaw<{ status: string; count: bigint }[]>(Prisma.sql`
      SELECT "status"::text AS status, count(*) AS count FROM "ContentItem"
      WHERE "organizationId" = ${org} AND "deletedAt" IS NULL ${author}
      GROUP BY 1`),
  ]);
  return {
    totalUsers: n(userCounts[0]?.total),
    activeUsers24h: n(userCounts[0]?.active),
    joined: joined.map((r) => ({
      day: r.day,
      joined: n(r.joined),
      alive: n(r.alive),
      alive_active: n(r.alive_active),
    })),
    byStatus: new Map(content.map((r) => [r.status, n(r.count)])),
  };
}

/**
 * Users (not deleted) whose latest activity is on or after `from`: for an organization the sum of
 * the `last_active` counters of those days (O(days)); for a teacher a count of their users.
 */
async function activeInWindow(ctx: ServiceContext, users: string[] | null, from: Date): Promise<number> {
  if (!users) {
    const sum = await ctx.db.metricDaily.aggregate({
      where: { metric: "last_active", day: { gte: from } },
      _sum: { value: true },
    });
    return sum._sum.value ?? 0;
  }
  return ctx.db.user.count({ where: { id: { in: users }, deletedAt: null, lastActiveAt: { gte: from } } });
}

type PartialDay = Omit<DayCounts, "date" | "joined">;

function emptyDay(): PartialDay {
  return { activeUsers: 0, lessonsCompleted: 0, assessmentsTaken: 0, contentCreated: 0 };
}

const ROLLUP_FIELDS: Record<string, keyof PartialDay> = {
  active_users: "activeUsers",
  lesson_completed: "lessonsCompleted",
  quiz_submitted: "assessmentsTaken",
  content_created: "contentCreated",
};

/** The organization's days from MetricDaily: at most 4 counters x TREND_DAYS rows. */
async function organizationDays(ctx: ServiceContext, from: Date): Promise<Map<string, PartialDay>> {
  const rows = await ctx.db.metricDaily.findMany({
    where: { metric: { in: Object.keys(ROLLUP_FIELDS) }, day: { gte: from } },
    select: { metric: true, day: true, value: true },
  });
  const days = new Map<string, PartialDay>();
  for (const row of rows) {
    const field = ROLLUP_FIELDS[row.metric];
    if (!field) continue;
    const key = dayKey(row.day);
    const day = days.get(key) ?? emptyDay();
    day[field] = row.value;
    days.set(key, day);
  }
  return days;
}

/** A teacher's days from the source rows of their students (and themselves) and their own content. */
async function teacherDays(
  ctx: ServiceContext,
  scope: Extract<MetricsScope, { kind: "teacher" }>,
  users: string[],
  from: Date,
): Promise<Map<string, PartialDay>> {
  const org = ctx.actor.orgId;
  const [active, events, created] = await Promise.all([
    ctx.db.$queryRaw<{ day: string; n: bigint }[]>(Prisma.sql`
      SELECT to_char("day", 'YYYY-MM-DD') AS day, count(*) AS n FROM "ActiveUserDay"
      WHERE "organizationId" = ${org} AND "userId" = ANY(${users}::text[]) AND "day" >= ${from}::date
      GROUP BY 1`),
    ctx.db.$queryRaw<{ day: string; lessons: bigint; quizzes: bigint }[]>(Prisma.sql`
      SELECT to_char("createdAt"::date, 'YYYY-MM-DD') AS day,
             count(*) FILTER (WHERE "type" = 'lesson_completed') AS lessons,
             count(*) FILTER (WHERE "type" = 'quiz_submitted') AS quizzes
      FROM "ActivityEvent"
      WHERE "organizationId" = ${org} AND "userId" = ANY(${users}::text[])
        AND "type" IN ('lesson_completed', 'quiz_submitted') AND "createdAt" >= ${from}
        ${ofTeacherAssignments(org, scope)}
      GROUP BY 1`),
    ctx.db.$queryRaw<{ day: string; n: bigint }[]>(Prisma.sql`
      SELECT to_char("createdAt"::date, 'YYYY-MM-DD') AS day, count(*) AS n FROM "ContentItem"
      WHERE "organizationId" = ${org} AND "authorId" = ${scope.teacherId} AND "createdAt" >= ${from}
      GROUP BY 1`),
  ]);
  const days = new Map<string, PartialDay>();
  const at = (key: string) => {
    const day = days.get(key) ?? emptyDay();
    days.set(key, day);
    return day;
  };
  for (const row of active) at(row.day).activeUsers = n(row.n);
  for (const row of events) {
    at(row.day).lessonsCompleted = n(row.lessons);
    at(row.day).assessmentsTaken = n(row.quizzes);
  }
  for (const row of created) at(row.day).contentCreated = n(row.n);
  return days;
}
