// `analytics`: one metric's daily trend, weekly sign-up cohorts and their retention, an export
// of either, and one class's results for its teacher. Teachers see their classes, admins the
// organization; students and parents are refused. The export is a file, which REST serves as an
// attachment (meta `download`).
import { exportAnalytics, exportClassAnalytics, getClassAnalytics, getCohorts, getTrend } from "@toolboxai/core";
import {
  analyticsExportInputSchema,
  classAnalyticsExportInputSchema,
  classAnalyticsInputSchema,
  classAnalyticsSchema,
  cohortsInputSchema,
  cohortsSchema,
  trendInputSchema,
  trendSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { EXPORT_MEDIA_TYPES, exportFileSchema } from "../metrics/export-file";
import { planLimitText } from "../metrics/limit-text";

const staff = roleProcedure("TEACHER", "ADMIN");

export const analyticsRouter = createTRPCRouter({
  trend: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/analytics/trends/{metric}",
        tags: ["analytics"],
        summary: "A metric's daily trend",
        description:
          "One point per UTC day over the last 7, 30 or 90 days, with the total (null for `engagement_score`, a score that does not add up) and the daily average. Cached for 5 minutes; `cache_metadata` says whether the answer came from the cache. Teachers (their classes) and admins (the organization).",
        errorResponses: [400, 401, 403, 429],
      },
      scopes: ["metrics:read"],
    })
    .input(trendInputSchema)
    .output(trendSchema)
    .query(({ ctx, input }) => getTrend(ctx.svc, ctx.metrics, input)),
  cohorts: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/analytics/cohorts",
        tags: ["analytics"],
        summary: "Weekly sign-up cohorts",
        description:
          "The users who joined in each of the last `weeks` weeks (Monday to Sunday, UTC) and the share of them active in each week since (an empty `retention` for a week nobody joined). Cached for 5 minutes; `cache_metadata` says whether the answer came from the cache. Teachers (their students) and admins (the organization).",
        errorResponses: [400, 401, 403, 429],
      },
      scopes: ["metrics:read"],
    })
    .input(cohortsInputSchema)
    .output(cohortsSchema)
    .query(({ ctx, input }) => getCohorts(ctx.svc, ctx.metrics, input)),
  export: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/analytics/export/{format}",
        tags: ["analytics"],
        summary: "Export the analytics",
        description: `Every trend's daily values over the last 7, 30 or 90 days and the weekly cohorts, as a JSON, CSV or XLSX attachment. Never cached. ${planLimitText("metrics.export", "exports")} The metrics and class exports count against the same budget. Teachers (their classes) and admins (the organization).`,
        errorResponses: [400, 401, 403, 429],
      },
      scopes: ["metrics:read"],
      rateLimit: "metrics.export",
      download: { mediaTypes: EXPORT_MEDIA_TYPES },
    })
    .input(analyticsExportInputSchema)
    .output(exportFileSchema)
    .query(({ ctx, input }) => exportAnalytics(ctx.svc, ctx.metrics, input)),
  classAnalytics: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/classes/{classId}/analytics",
        tags: ["analytics"],
        summary: "A class's analytics",
        description:
          "Completion per assignment, the distribution of quiz scores, results by question and by standard, and daily submissions with their average score. Teachers of the class and admins.",
        errorResponses: [400, 401, 403, 404, 429],
      },
      scopes: ["metrics:read"],
    })
    .input(classAnalyticsInputSchema)
    .output(classAnalyticsSchema)
    .query(({ ctx, input }) => getClassAnalytics(ctx.svc, input)),
  classExport: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/classes/{classId}/analytics/export/{format}",
        tags: ["analytics"],
        summary: "Export a class's analytics",
        description: `The class's analytics (completion, score distribution, results by question and by standard, daily trends) as a JSON, CSV or XLSX attachment. Never cached. ${planLimitText("metrics.export", "exports")} The metrics and analytics exports count against the same budget. Teachers of the class and admins.`,
        errorResponses: [400, 401, 403, 404, 429],
      },
      scopes: ["metrics:read"],
      rateLimit: "metrics.export",
      download: { mediaTypes: EXPORT_MEDIA_TYPES },
    })
    .input(classAnalyticsExportInputSchema)
    .output(exportFileSchema)
    .query(({ ctx, input }) => exportClassAnalytics(ctx.svc, input)),
});
