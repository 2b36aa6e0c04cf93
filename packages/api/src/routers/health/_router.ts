// `health`: whether the platform is alive, for anyone (REST GET /health). The details
// (database, version, realtime) stay with /api/health for admins and monitors.
import { checkHealth } from "@toolboxai/core";
import { livenessSchema } from "@toolboxai/validators";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, publicProcedure } from "../../trpc";

export const healthRouter = createTRPCRouter({
  check: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/health",
        tags: ["health"],
        summary: "Liveness",
        description:
          '200 `{ "status": "ok" }` while the database answers, 503 when not; nothing about the deployment. Anyone, no credential.',
        protect: false,
        errorResponses: { 429: "Too many requests from this address", 503: "The database is not answering" },
      },
    })
    .output(livenessSchema)
    .query(async ({ ctx }) => {
      // Only the status leaves: kind and version are not reported here.
      const report = await checkHealth({ db: ctx.db, kind: "postgresql", version: "" });
      if (report.status !== "ok") {
        throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "The platform is not answering right now." });
      }
      return { status: "ok" as const };
    }),
});
