// Analytics beside the dashboard: one metric's daily trend, weekly sign-up cohorts and their
// retention, an export of either, and one class's results for its teacher.
import { z } from "zod";
import { isoDate, queryNumber } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";
import { cacheMetadataSchema, dateRangeSchema, exportFormatSchema, trendPointSchema } from "./metrics";

/** The metrics with a daily trend. */
export const trendMetrics = [
  "daily_active_users",
  "new_users",
  "content_created",
  "content_published",
  "lessons_completed",
  "assessments_taken",
  "engagement_score",
] as const;
export const trendMetricSchema = z.enum(trendMetrics);
export type TrendMetric = z.infer<typeof trendMetricSchema>;

export const trendInputSchema = z.object({
  metric: trendMetricSchema,
  date_range: dateRangeSchema.default("30d"),
});
export type TrendInput = z.infer<typeof trendInputSchema>;

export const trendSchema = z
  .object({
    metric: trendMetricSchema,
    date_range: dateRangeSchema,
    /** One point per UTC day, oldest first, today last (days without any: 0). */
    points: z.array(trendPointSchema),
    /** The sum of the points; null for engagement_score (a score per day, which does not add up). */
    total: z.number().nullable(),
    /** The points' mean over the number of days, one decimal. */
    average: z.number(),
    cache_metadata: cacheMetadataSchema,
  })
  .meta({
    id: "Trend",
    examples: [
      {
        metric: "daily_active_users",
        date_range: "7d",
        points: [
          { date: "2026-11-26", value: 41 },
          { date: "2026-11-27", value: 38 },
          { date: "2026-11-28", value: 9 },
          { date: "2026-11-29", value: 6 },
          { date: "2026-11-30", value: 44 },
          { date: "2026-12-01", value: 47 },
          { date: "2026-12-02", value: 35 },
        ],
        total: 220,
        average: 31.4,
        cache_metadata: {
          generated_at: "2026-12-02T09:26:03.000Z",
          cache_ttl: 300,
          cache_key: `metrics:v1:${ids.organization}:org:trend:metric=daily_active_users&range=7d`,
          cache_hit: true,
        },
      },
    ],
  });
export type Trend = z.infer<typeof trendSchema>;

export const cohortsInputSchema = z.object({
  /** How many weekly cohorts, the latest last. */
  weeks: queryNumber(z.number().int().min(1, "At least 1 week").max(26, "At most 26 weeks")).default(8),
});
export type CohortsInput = z.infer<typeof cohortsInputSchema>;

export const cohortsSchema = z
  .object({
    weeks: z.number().int(),
    cohorts: z.array(
      z.object({
        /** The Monday (UTC) the cohort's week starts (`YYYY-MM-DD`). */
        week: z.string(),
        /** Users who joined that week (accounts deleted since included). */
        size: z.number().int(),
        /**
         * Percent of the cohort active in week 0, 1, 2, ... after joining, up to this week. Empty when
         * nobody joined that week (size 0): there is no one whose retention to measure, which is not 0%.
         */
        retention: z.array(z.number()),
      }),
    ),
    cache_metadata: cacheMetadataSchema,
  })
  .meta({
    id: "Cohorts",
    examples: [
      {
        weeks: 3,
        cohorts: [
          { week: "2026-11-16", size: 28, retention: [100, 82.1, 67.9] },
          { week: "2026-11-23", size: 0, retention: [] },
          { week: "2026-11-30", size: 1, retention: [100] },
        ],
        cache_metadata: {
          generated_at: "2026-12-02T09:26:03.000Z",
          cache_ttl: 300,
          cache_key: `metrics:v1:${ids.organization}:org:cohorts:weeks=3`,
          cache_hit: false,
        },
      },
    ],
  });
export type Cohorts = z.infer<typeof cohortsSchema>;

export const analyticsExportInputSchema = z.object({
  format: exportFormatSchema,
  date_range: dateRangeSchema.default("30d"),
});
export type AnalyticsExportInput = z.infer<typeof analyticsExportInputSchema>;

// --- One class, for its teacher ----------------------------------------------------------------

export const classAnalyticsInputSchema = z.object({
  classId: z.string().min(1).max(64),
  date_range: dateRangeSchema.default("30d"),
});
export type ClassAnalyticsInput = z.infer<typeof classAnalyticsInputSchema>;

/** One class's analytics as a file (`GET /classes/{classId}/analytics/export/{format}`). */
export const classAnalyticsExportInputSchema = classAnalyticsInputSchema.extend({ format: exportFormatSchema });
export type ClassAnalyticsExportInput = z.infer<typeof classAnalyticsExportInputSchema>;

export const classAnalyticsSchema = z
  .object({
    class: z.object({ id: z.string(), name: z.string(), students: z.number().int() }),
    date_range: dateRangeSchema,
    generated_at: isoDate(),
    /** Per assignment: how many of the class's students finished it. */
    completion: z.array(
      z.object({
        assignment_id: z.string(),
        title: z.string(),
        type: z.string(),
        due_at: isoDate().nullable(),
        completed: z.number().int(),
        in_progress: z.number().int(),
        not_started: z.number().int(),
        /** completed / students, in percent. */
        completion_rate: z.number(),
      }),
    ),
    /** Submitted quiz scores in ten buckets: 0-9%, 10-19%, ..., 90-100%. */
    score_distribution: z.array(
      z.object({ bucket: z.string(), min: z.number(), max: z.number(), count: z.number().int() }),
    ),
    /** Per quiz question answered in the range: the share answered correctly. */
    by_question: z.array(
      z.object({
        question_id: z.string(),
        prompt: z.string(),
        type: z.string(),
        answers: z.number().int(),
        correct_rate: z.number().nullable(),
        /** The standards (curriculum codes) the question is tagged or generated with. */
        standards: z.array(z.string()),
      }),
    ),
    /** Per standard: every question aligned to it, together. */
    by_standard: z.array(
      z.object({
        standard: z.string(),
        questions: z.number().int(),
        answers: z.number().int(),
        correct_rate: z.number().nullable(),
      }),
    ),
    /** Per UTC day in the range: quizzes submitted and their mean score (null: none). */
    trends: z.array(
      z.object({ date: z.string(), submissions: z.number().int(), average_score: z.number().nullable() }),
    ),
  })
  .meta({
    id: "ClassAnalytics",
    examples: [
      {
        class: { id: ids.class, name: "Period 3 Earth Science", students: 28 },
        date_range: "7d",
        generated_at: "2026-12-02T09:30:00.000Z",
        completion: [
          {
            assignment_id: ids.assignment,
            title: "Plate tectonics quiz",
            type: "QUIZ",
            due_at: "2026-12-04T23:59:00.000Z",
            completed: 21,
            in_progress: 3,
            not_started: 4,
            completion_rate: 75,
          },
        ],
        score_distribution: [
          { bucket: "0-9%", min: 0, max: 9, count: 0 },
          { bucket: "10-19%", min: 10, max: 19, count: 0 },
          { bucket: "20-29%", min: 20, max: 29, count: 0 },
          { bucket: "30-39%", min: 30, max: 39, count: 1 },
          { bucket: "40-49%", min: 40, max: 49, count: 2 },
          { bucket: "50-59%", min: 50, max: 59, count: 3 },
          { bucket: "60-69%", min: 60, max: 69, count: 5 },
          { bucket: "70-79%", min: 70, max: 79, count: 8 },
          { bucket: "80-89%", min: 80, max: 89, count: 6 },
          { bucket: "90-100%", min: 90, max: 100, count: 3 },
        ],
        by_question: [
          {
            question_id: ids.question,
            prompt: "What kind of plate boundary forms where two plates move apart?",
            type: "SINGLE_CHOICE",
            answers: 28,
            correct_rate: 64.3,
            standards: ["MS-ESS2-3"],
          },
        ],
        by_standard: [{ standard: "MS-ESS2-3", questions: 5, answers: 140, correct_rate: 72.1 }],
        trends: [
          { date: "2026-11-26", submissions: 0, average_score: null },
          { date: "2026-11-27", submissions: 12, average_score: 78.5 },
          { date: "2026-11-28", submissions: 0, average_score: null },
          { date: "2026-11-29", submissions: 0, average_score: null },
          { date: "2026-11-30", submissions: 9, average_score: 71.2 },
          { date: "2026-12-01", submissions: 7, average_score: 80 },
          { date: "2026-12-02", submissions: 0, average_score: null },
        ],
      },
    ],
  });

export type ClassAnalytics = z.infer<typeof classAnalyticsSchema>;
