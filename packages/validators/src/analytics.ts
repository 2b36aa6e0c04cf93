// Analytics beside the dashboard: one metric's daily trend, weekly sign-up cohorts and their
// retention, an export of either, and one class's results for its teacher.
import { z } from "zod";
import { isoDate, queryNumber } from "./common";
import { dateRangeSchema, exportFormatSchema, trendPointSchema } from "./metrics";

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

export const trendSchema = z.object({
  metric: trendMetricSchema,
  date_range: dateRangeSchema,
  /** One point per UTC day, oldest first, today last. */
  points: z.array(trendPointSchema),
  total: z.number(),
  average: z.number(),
});
export type Trend = z.infer<typeof trendSchema>;

export const cohortsInputSchema = z.object({
  /** How many weekly cohorts, the latest last. */
  weeks: queryNumber(z.number().int().min(1, "At least 1 week").max(26, "At most 26 weeks")).default(8),
});
export type CohortsInput = z.infer<typeof cohortsInputSchema>;

export const cohortsSchema = z.object({
  weeks: z.number().int(),
  cohorts: z.array(
    z.object({
      /** The Monday (UTC) the cohort's week starts. */
      week: z.string(),
      /** Users who joined that week. */
      size: z.number().int(),
      /** Percent of the cohort active in week 0, 1, 2, ... after joining, up to this week. */
      retention: z.array(z.number()),
    }),
  ),
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

export const classAnalyticsSchema = z.object({
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
  trends: z.array(z.object({ date: z.string(), submissions: z.number().int(), average_score: z.number().nullable() })),
});
export type ClassAnalytics = z.infer<typeof classAnalyticsSchema>;
