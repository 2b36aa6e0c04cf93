// `audit`: the organization's audit log, for admins. A filtered page (REST `GET /audit`), the
// same filters as a CSV attachment (`POST /audit/export`, meta `download`, which the web page's
// "Export CSV" fetches too), and the filter bar's choices and people picker (the web page only).
import { auditFilters, auditPeople, exportAuditCsv, listAudit } from "@toolboxai/core";
import {
  auditExportInputSchema,
  auditFiltersSchema,
  auditListInputSchema,
  auditListSchema,
  auditPeopleInputSchema,
  auditPeopleSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { exportFileSchema } from "../metrics/export-file";

const adminProcedure = roleProcedure("ADMIN");

export const auditRouter = createTRPCRouter({
  list: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/audit",
        tags: ["audit"],
        summary: "The audit log",
        description:
          "Who did what in the organization, newest first, paged. Filters: the person who acted (`actorId`), `action`, the target (`targetType`, `targetId`), `correlationId` (everything one request chain did), a time range (`from`, `to`, ISO 8601, both inclusive) and `search` (the action, target, correlation id, or the person's name or email). Admins only.",
        errorResponses: [400, 401, 403, 429],
      },
      scopes: ["admin"],
    })
    .input(auditListInputSchema)
    .output(auditListSchema)
    .query(({ ctx, input }) => listAudit(ctx.svc, input)),
  export: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/audit/export",
        tags: ["audit"],
        summary: "Export the audit log",
        description:
          "Every entry matching the filters of `GET /audit` (not one page; newest first, at most 50,000) as a CSV attachment: time (UTC), actor, email, action, the action in words, target, correlation id, request id and details. Admins only.",
        errorResponses: [400, 401, 403, 429],
      },
      scopes: ["admin"],
      rateLimit: "download.user",
      download: { mediaTypes: ["text/csv"] },
    })
    .input(auditExportInputSchema)
    .output(exportFileSchema)
    .mutation(({ ctx, input }) => exportAuditCsv(ctx.svc, input)),
  filters: adminProcedure.output(auditFiltersSchema).query(({ ctx }) => auditFilters(ctx.svc)),
  people: adminProcedure
    .input(auditPeopleInputSchema)
    .output(auditPeopleSchema)
    .query(({ ctx, input }) => auditPeople(ctx.svc, input)),
});
