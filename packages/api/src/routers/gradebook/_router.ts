// `gradebook`: a class's students x assignments for its teacher (and admins), as data or CSV;
// a parent's read-only view of their linked children. The CSV is served in REST by the adapter
// (GET /classes/{classId}/gradebook.csv), calling `csv`.
import { childrenProgress, classGradebook, classGradebookCsv, studentInClass } from "@toolboxai/core";
import { classGradebookSchema, classIdSchema, rosterChangeSchema, studentGradebookSchema } from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const staff = roleProcedure("TEACHER", "ADMIN");

export const gradebookRouter = createTRPCRouter({
  forClass: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/classes/{classId}/gradebook",
        tags: ["gradebook"],
        summary: "A class's gradebook",
        description:
          "Students x assignments: each cell's status, percent and attempts, with averages (as CSV: /classes/{classId}/gradebook.csv). Teachers of the class and admins.",
      },
      scopes: ["gradebook:read"],
    })
    .input(classIdSchema)
    .output(classGradebookSchema)
    .query(({ ctx, input }) => classGradebook(ctx.svc, input)),
  csv: staff
    .meta({ scopes: ["gradebook:read"] })
    .input(classIdSchema)
    .query(({ ctx, input }) => classGradebookCsv(ctx.svc, input)),
  student: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/classes/{classId}/students/{studentId}/gradebook",
        tags: ["gradebook"],
        summary: "A student's gradebook in a class",
        description:
          "Every assignment of the class with the student's status and each attempt. Teachers of the class and admins.",
      },
      scopes: ["gradebook:read"],
    })
    .input(rosterChangeSchema)
    .output(studentGradebookSchema)
    .query(({ ctx, input }) => studentInClass(ctx.svc, input)),
  children: roleProcedure("PARENT").query(({ ctx }) => childrenProgress(ctx.svc)),
});
