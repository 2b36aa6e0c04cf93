// `dataExports`: a person's data export (FERPA inspection, GDPR articles 15 and 20). Every signed-in
// person may call these; the service decides: an admin for anyone of the organization, anyone for
// themself, a parent for a linked child (see @toolboxai/core's privacy/export.ts). The zip is
// downloaded from /api/exports/:token (apps/web), which calls `download` through the server caller.
import { createExportLink, downloadExport, getExport, listExports, requestExport } from "@toolboxai/core";
import {
  dataExportIdSchema,
  dataExportLinkSchema,
  dataExportListInputSchema,
  dataExportListSchema,
  dataExportSchema,
  dataExportTokenSchema,
  requestDataExportSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { exportFileSchema } from "../metrics/export-file";

export const dataExportsRouter = createTRPCRouter({
  /** Starts building the export (in the background); poll `get` or `list` for its progress. */
  request: protectedProcedure
    .input(requestDataExportSchema)
    .output(dataExportSchema)
    .mutation(({ ctx, input }) => requestExport(ctx.svc, input)),
  get: protectedProcedure
    .input(dataExportIdSchema)
    .output(dataExportSchema)
    .query(({ ctx, input }) => getExport(ctx.svc, input)),
  list: protectedProcedure
    .input(dataExportListInputSchema)
    .output(dataExportListSchema)
    .query(({ ctx, input }) => listExports(ctx.svc, input)),
  /** A fresh download link (the token is shown only in this answer; an older link stops working). */
  link: protectedProcedure
    .input(dataExportIdSchema)
    .output(dataExportLinkSchema)
    .mutation(({ ctx, input }) => createExportLink(ctx.svc, input)),
  /** The zip behind a link, for a signed-in person who sees the export; audited. Expired: PRECONDITION_FAILED. */
  download: protectedProcedure
    .input(dataExportTokenSchema)
    .output(exportFileSchema)
    .mutation(({ ctx, input }) => downloadExport(ctx.svc, input)),
});
