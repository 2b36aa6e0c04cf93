// `gradebook`: a class's students x assignments for its teacher (and admins), as data or CSV;
// a parent's read-only view of their linked children.
import { childrenProgress, classGradebook, classGradebookCsv, studentInClass } from "@toolboxai/core";
import { classIdSchema, rosterChangeSchema } from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const staff = roleProcedure("TEACHER", "ADMIN");

export const gradebookRouter = createTRPCRouter({
  forClass: staff.input(classIdSchema).query(({ ctx, input }) => classGradebook(ctx.svc, input)),
  csv: staff.input(classIdSchema).query(({ ctx, input }) => classGradebookCsv(ctx.svc, input)),
  student: staff.input(rosterChangeSchema).query(({ ctx, input }) => studentInClass(ctx.svc, input)),
  children: roleProcedure("PARENT").query(({ ctx }) => childrenProgress(ctx.svc)),
});
