// `imports`: an admin imports people from a simple CSV or a OneRoster 1.1 CSV zip. `start` checks
// the file (a dry run writes nothing) or applies it, as a background job; `get` is the job's
// progress, problems and summary (the page polls it); `list` the latest jobs.
import { getImport, listImports, startImport } from "@toolboxai/core";
import {
  importJobIdSchema,
  importJobListSchema,
  importJobSchema,
  importListInputSchema,
  startImportSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const adminProcedure = roleProcedure("ADMIN");

export const importsRouter = createTRPCRouter({
  start: adminProcedure
    .input(startImportSchema)
    .output(importJobSchema)
    .mutation(({ ctx, input }) => startImport(ctx.svc, input)),
  get: adminProcedure
    .input(importJobIdSchema)
    .output(importJobSchema)
    .query(({ ctx, input }) => getImport(ctx.svc, input)),
  list: adminProcedure
    .input(importListInputSchema)
    .output(importJobListSchema)
    .query(({ ctx, input }) => listImports(ctx.svc, input)),
});
