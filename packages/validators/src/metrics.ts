// The metrics API's shapes: the dashboard, the last 24 hours' activity, statistics per period,
// and the export request. Field names are snake_case on purpose (see `dashboardMetricsSchema`).
import { z } from "zod";
import { isoDate, queryBoolean } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";

/** A date range the metrics pages and exports offer: the last 7, 30 or 90 days. */
export const dateRanges = ["7d", "30d", "90d"] as const;
export const dateRangeSchema = z.enum(dateRanges);
export type DateRange = z.infer<typeof dateRangeSchema>;
export const DATE_RANGE_DAYS: Record<DateRange, number> = { "7d": 7, "30d": 30, "90d": 90 };

/**
 * The periods `GET /metrics/statistics` compares (this period against the one before). Each is a
 * number of whole UTC days ending with today (today so far included): day 1 (today), week 7,
 * month 30, quarter 90, year 365; the previous period is the same number of days just before.
 */
export const statisticsPeriods = ["day", "week", "month", "quarter", "year"] as const;
export const statisticsPeriodSchema = z.enum(statisticsPeriods);
export type StatisticsPeriod = z.infer<typeof statisticsPeriodSchema>;

/** The groups of numbers a dashboard has, and that an export may pick. */
export const metricTypes = ["user", "content", "engagement", "system", "trends"] as const;
export const metricTypeSchema = z.enum(metricTypes);
export type MetricType = z.infer<typeof metricTypeSchema>;

export const exportFormats = ["json", "csv", "xlsx"] as const;
export const exportFormatSchema = z.enum(exportFormats);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

// --- Inputs -----------------------------------------------------------------------------------

export const dashboardMetricsInputSchema = z.object({
  /** Recompute now instead of answering from the cache (the new numbers are cached). */
  force_refresh: queryBoolean().default(false),
});
export type DashboardMetricsInput = z.infer<typeof dashboardMetricsInputSchema>;

export const statisticsInputSchema = z.object({
  period: statisticsPeriodSchema.default("week"),
});
export type StatisticsInput = z.infer<typeof statisticsInputSchema>;

export const metricsExportInputSchema = z.object({
  format: exportFormatSchema.default("json"),
  date_range: dateRangeSchema.default("30d"),
  /** Which groups to include; all of them when left out. */
  metric_types: z.array(metricTypeSchema).min(1, "Pick at least one kind of metric").max(metricTypes.length).optional(),
});
export type MetricsExportInput = z.infer<typeof metricsExportInputSchema>;

// --- Outputs ----------------------------------------------------------------------------------

/** One day of a trend: the UTC day (YYYY-MM-DD) and its value. */
export const trendPointSchema = z.object({ date: z.string(), value: z.number() });
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const userMetricsSchema = z.object({
  total_users: z.number().int(),
  /** Users with any activity in the last 24 hours. */
  active_users: z.number().int(),
  new_users_today: z.number().int(),
  /** New users in the last 7 days against the 7 before, in percent (null: none the week before). */
  growth_rate: z.number().nullable(),
  /** Of the users who joined more than 30 days ago, the share active in the last 30 days, in percent. */
  user_retention: z.number().nullable(),
});

export const contentMetricsSchema = z.object({
  total_content: z.number().int(),
  published_content: z.number().int(),
  draft_content: z.number().int(),
  content_created_today: z.number().int(),
  /** Mean time from queued to finished of the generation tasks completed in the last 30 days, in seconds. */
  avg_generation_time: z.number().nullable(),
});

export const engagementMetricsSchema = z.object({
  /** Distinct users active today (UTC). */
  daily_active_users: z.number().int(),
  /** Mean length of the sessions started in the last 7 days, in minutes. */
  avg_session_duration: z.number().nullable(),
  /** Lessons completed in the last 7 days. */
  lessons_completed: z.number().int(),
  /** Quizzes submitted in the last 7 days. */
  assessments_taken: z.number().int(),
  /** 0-100; the formula is in docs/metrics.md. */
  engagement_score: z.number(),
});

export const systemMetricsSchema = z.object({
  /** 95th percentile of this instance's API response times, in milliseconds (null: no requests yet). */
  api_response_time_p95: z.number().nullable(),
  /** Metrics cache hits against lookups since the process started, in percent. */
  cache_hit_rate: z.number().nullable(),
  database_connections: z.number().int(),
  /** Redis' used memory in MB (null: no Redis, the in-memory stores are in use). */
  redis_memory_usage: z.number().nullable(),
  /** Share of this instance's responses that were server errors (5xx), in percent. */
  error_rate: z.number().nullable(),
});

export const dashboardTrendsSchema = z.object({
  daily_active_users: z.array(trendPointSchema),
  content_created: z.array(trendPointSchema),
  engagement_score: z.array(trendPointSchema),
});

export const cacheMetadataSchema = z.object({
  generated_at: isoDate(),
  /** Seconds an answer is kept (unless an event that changes the numbers clears it sooner). */
  cache_ttl: z.number().int(),
  cache_key: z.string(),
  cache_hit: z.boolean(),
});
export type CacheMetadata = z.infer<typeof cacheMetadataSchema>;

/** The last 7 UTC days of the examples, oldest first. */
const WEEK = ["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"];

/** Whose numbers these are: the whole organization (admins), or one teacher's classes. */
export const metricsScopeSchema = z.object({
  kind: z.enum(["organization", "teacher"]),
  teacher_id: z.string().nullable(),
});

export const dashboardMetricsSchema = z
  .object({
    timestamp: isoDate(),
    organization_id: z.string(),
    scope: metricsScopeSchema,
    user_metrics: userMetricsSchema,
    content_metrics: contentMetricsSchema,
    engagement_metrics: engagementMetricsSchema,
    system_metrics: systemMetricsSchema,
    /** The last 7 UTC days, oldest first. */
    trends: dashboardTrendsSchema,
    cache_metadata: cacheMetadataSchema,
  })
  .meta({
    id: "DashboardMetrics",
    description:
      "The dashboard's numbers. The field names are snake_case, unlike the rest of the API, because they are the ones the platform's published metrics documents use: clients written against those documents read this unchanged.",
    examples: [
      {
        timestamp: "2026-12-02T09:30:00.000Z",
        organization_id: ids.organization,
        scope: { kind: "organization", teacher_id: null },
        user_metrics: {
          total_users: 412,
          active_users: 187,
          new_users_today: 3,
          growth_rate: 12.5,
          user_retention: 78.4,
        },
        content_metrics: {
          total_content: 236,
          published_content: 198,
          draft_content: 38,
          content_created_today: 4,
          avg_generation_time: 18.2,
        },
        engagement_metrics: {
          daily_active_users: 142,
          avg_session_duration: 23.6,
          lessons_completed: 318,
          assessments_taken: 264,
          engagement_score: 61.3,
        },
        system_metrics: {
          api_response_time_p95: 42.7,
          cache_hit_rate: 96.1,
          database_connections: 4,
          redis_memory_usage: 12.8,
          error_rate: 0.2,
        },
        trends: {
          daily_active_users: WEEK.map((date, i) => ({ date, value: [151, 148, 37, 29, 160, 155, 142][i] ?? 0 })),
          content_created: WEEK.map((date, i) => ({ date, value: [6, 9, 0, 1, 7, 5, 4][i] ?? 0 })),
          engagement_score: WEEK.map((date, i) => ({
            date,
            value: [63.2, 61.8, 14.9, 11.7, 66.4, 64.1, 61.3][i] ?? 0,
          })),
        },
        cache_metadata: {
          generated_at: "2026-12-02T09:24:12.000Z",
          cache_ttl: 900,
          cache_key: `metrics:v1:${ids.organization}:org:dashboard:`,
          cache_hit: true,
        },
      },
    ],
  });
export type DashboardMetrics = z.infer<typeof dashboardMetricsSchema>;

export const activityMetricsSchema = z
  .object({
    timestamp: isoDate(),
    organization_id: z.string(),
    scope: metricsScopeSchema,
    /** The last 24 hours, one bucket per hour, oldest first. */
    hourly: z.array(
      z.object({
        hour: isoDate(),
        active_users: z.number().int(),
        events: z.number().int(),
      }),
    ),
    /** Events in the last 24 hours by type, most frequent first. */
    by_type: z.array(z.object({ type: z.string(), count: z.number().int() })),
    /** The latest events (newest first, at most 20). */
    recent: z.array(
      z.object({
        type: z.string(),
        user_id: z.string().nullable(),
        user_name: z.string().nullable(),
        at: isoDate(),
      }),
    ),
    cache_metadata: cacheMetadataSchema,
  })
  .meta({
    id: "ActivityMetrics",
    examples: [
      {
        timestamp: "2026-12-02T09:30:00.000Z",
        organization_id: ids.organization,
        scope: { kind: "teacher", teacher_id: ids.teacher },
        hourly: [
          { hour: "2026-12-02T07:00:00.000Z", active_users: 4, events: 11 },
          { hour: "2026-12-02T08:00:00.000Z", active_users: 19, events: 57 },
          { hour: "2026-12-02T09:00:00.000Z", active_users: 23, events: 64 },
        ],
        by_type: [
          { type: "login", count: 41 },
          { type: "lesson_completed", count: 38 },
          { type: "quiz_submitted", count: 21 },
        ],
        recent: [
          { type: "quiz_submitted", user_id: ids.student, user_name: "Maya Chen", at: "2026-12-02T09:28:41.000Z" },
          { type: "lesson_completed", user_id: ids.student2, user_name: "Leo Park", at: "2026-12-02T09:27:03.000Z" },
        ],
        cache_metadata: {
          generated_at: "2026-12-02T09:29:30.000Z",
          cache_ttl: 60,
          cache_key: `metrics:v1:${ids.organization}:teacher:${ids.teacher}:activity:`,
          cache_hit: false,
        },
      },
    ],
  });
export type ActivityMetrics = z.infer<typeof activityMetricsSchema>;

/** One number in a period, beside the previous period's. */
export const periodValueSchema = z.object({
  current: z.number(),
  previous: z.number(),
  /** Percent change from previous to current (null when previous is 0). */
  change: z.number().nullable(),
});

/** A mean in a period beside the previous period's: null where there was nothing to average. */
export const periodMeanSchema = z.object({
  /** null: nothing to average in the current period. */
  current: z.number().nullable(),
  /** null: nothing to average in the previous period. */
  previous: z.number().nullable(),
  /** Percent change from previous to current (null when either is null or previous is 0). */
  change: z.number().nullable(),
});

export const statisticsSchema = z
  .object({
    timestamp: isoDate(),
    organization_id: z.string(),
    scope: metricsScopeSchema,
    period: statisticsPeriodSchema,
    /**
     * The current period: from `start` (midnight UTC, 1, 7, 30, 90 or 365 days before the end of today)
     * to `end` (now). The previous period is the same number of whole days just before `start`.
     */
    start: isoDate(),
    end: isoDate(),
    statistics: z.object({
      new_users: periodValueSchema,
      active_users: periodValueSchema,
      content_created: periodValueSchema,
      content_published: periodValueSchema,
      lessons_completed: periodValueSchema,
      assessments_taken: periodValueSchema,
      /** Mean score of the quizzes submitted in the period, in percent (null: no quiz submitted in that period). */
      average_score: periodMeanSchema,
    }),
    cache_metadata: cacheMetadataSchema,
  })
  .meta({
    id: "Statistics",
    examples: [
      {
        timestamp: "2026-12-02T09:30:00.000Z",
        organization_id: ids.organization,
        scope: { kind: "organization", teacher_id: null },
        period: "week",
        start: "2026-11-26T00:00:00.000Z",
        end: "2026-12-02T09:30:00.000Z",
        statistics: {
          new_users: { current: 14, previous: 11, change: 27.3 },
          active_users: { current: 231, previous: 224, change: 3.1 },
          content_created: { current: 32, previous: 40, change: -20 },
          content_published: { current: 27, previous: 25, change: 8 },
          lessons_completed: { current: 318, previous: 296, change: 7.4 },
          assessments_taken: { current: 264, previous: 0, change: null },
          average_score: { current: 74.2, previous: null, change: null },
        },
        cache_metadata: {
          generated_at: "2026-12-02T09:27:45.000Z",
          cache_ttl: 300,
          cache_key: `metrics:v1:${ids.organization}:org:statistics:period=week`,
          cache_hit: true,
        },
      },
    ],
  });
export type Statistics = z.infer<typeof statisticsSchema>;

export const invalidateCacheSchema = z
  .object({
    organization_id: z.string(),
    /** How many cached answers were dropped. */
    invalidated: z.number().int(),
  })
  .meta({ id: "InvalidatedMetricsCache", examples: [{ organization_id: ids.organization, invalidated: 7 }] });
