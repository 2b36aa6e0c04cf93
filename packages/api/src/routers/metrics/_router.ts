// `metrics`: the dashboard's numbers, the last 24 hours' activity, statistics per period, an
// export of them, and dropping the cached answers. Teachers see their classes' numbers, admins
// their organization's (core's resolveMetricsScope); students and parents are refused. Each read
// is cached per organization (and teacher) in Redis or memory and counted against a limit of
// its own. The export is a file, which REST serves as an attachment (meta `download`).
import {
  exportMetrics,
  getActivityMetrics,
  getDashboardMetrics,
  getStatistics,
  invalidateMetricsCache,
} from "@toolboxai/core";
import {
  activityMetricsSchema,
  dashboardMetricsInputSchema,
  dashboardMetricsSchema,
  invalidateCacheSchema,
  metricsExportInputSchema,
  statisticsInputSchema,
  statisticsSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { EXPORT_MEDIA_TYPES, exportFileSchema } from "./export-file";
import { planLimitText } from "./limit-text";

const staff = roleProcedure("TEACHER", "ADMIN");

export const metricsRouter = createTRPCRouter({
  dashboard: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/metrics/dashboard",
        tags: ["metrics"],
        summary: "Dashboard metrics",
        description: `Users, content, engagement and system numbers with 7-day trends. Cached for 15 minutes (and dropped sooner by any change to the numbers); \`force_refresh=true\` recomputes them. \`cache_metadata\` says whether the answer came from the cache. ${planLimitText("metrics.dashboard")} Teachers (their classes) and admins (the organization).`,
        errorResponses: [400, 401, 403, 429],
      },
      scopes: ["metrics:read"],
      rateLimit: "metrics.dashboard",
    })
    .input(dashboardMetricsInputSchema)
    .output(dashboardMetricsSchema)
    .query(({ ctx, input }) => getDashboardMetrics(ctx.svc, ctx.metrics, input)),
  activity: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/metrics/activity",
        tags: ["metrics"],
        summary: "Activity in the last 24 hours",
        description: `Active users and events per hour, events by type and the latest events. Cached for 1 minute. ${planLimitText("metrics.activity")} Teachers (their classes) and admins (the organization).`,
        errorResponses: [401, 403, 429],
      },
      scopes: ["metrics:read"],
      rateLimit: "metrics.activity",
    })
    .output(activityMetricsSchema)
    .query(({ ctx }) => getActivityMetrics(ctx.svc, ctx.metrics)),
  statistics: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/metrics/statistics",
        tags: ["metrics"],
        summary: "Statistics for a period",
        description: `A period against the one before it: new and active users, content created and published, lessons completed, quizzes taken and their average score (null for a period without a submitted quiz). Periods are whole UTC days ending with today, today so far included: \`day\` is today, \`week\` the last 7 days, \`month\` the last 30, \`quarter\` the last 90, \`year\` the last 365; the previous period is as many days just before. An unknown \`period\` answers 400. Cached for 5 minutes. ${planLimitText("metrics.statistics")} Teachers (their classes) and admins (the organization).`,
        errorResponses: [400, 401, 403, 429],
      },
      scopes: ["metrics:read"],
      rateLimit: "metrics.statistics",
    })
    .input(statisticsInputSchema)
    .output(statisticsSchema)
    .query(({ ctx, input }) => getStatistics(ctx.svc, ctx.metrics, input)),
  export: staff
    .meta({
      openapi: {
        method: "POST",
        path: "/metrics/export",
        tags: ["metrics"],
        summary: "Export the metrics",
        description: `The dashboard's groups of numbers (\`metric_types\`, all by default) with their daily values over the last 7, 30 or 90 days, as a JSON, CSV or XLSX attachment. Never cached. ${planLimitText("metrics.export", "exports")} Teachers (their classes) and admins (the organization).`,
        errorResponses: [400, 401, 403, 429],
      },
      scopes: ["metrics:read"],
      rateLimit: "metrics.export",
      download: { mediaTypes: EXPORT_MEDIA_TYPES },
    })
    .input(
      metricsExportInputSchema.meta({
        examples: [{ format: "xlsx", date_range: "30d", metric_types: ["user", "engagement", "trends"] }],
      }),
    )
    .output(exportFileSchema)
    .mutation(({ ctx, input }) => exportMetrics(ctx.svc, ctx.metrics, input)),
  invalidateCache: roleProcedure("ADMIN")
    .meta({
      openapi: {
        method: "POST",
        path: "/metrics/invalidate-cache",
        tags: ["metrics"],
        summary: "Drop the cached metrics",
        description:
          "Drops every cached metrics answer of the organization (its own and its teachers'), on every instance; the next request recomputes them. Admins.",
        errorResponses: [401, 403, 429],
      },
      scopes: ["admin"],
    })
    .output(invalidateCacheSchema)
    .mutation(({ ctx }) => invalidateMetricsCache(ctx.svc, ctx.metrics)),
});
