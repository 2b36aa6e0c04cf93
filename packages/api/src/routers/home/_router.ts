// `home`: what each role's home shows as needing attention. Teachers: work to review, due this
// week, recent submissions, AI drafts to keep. Students: what is due and what was returned.
import { studentHome, teacherHome } from "@toolboxai/core";
import { studentHomeSchema, teacherHomeSchema } from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

export const homeRouter = createTRPCRouter({
  teacher: roleProcedure("TEACHER")
    .output(teacherHomeSchema)
    .query(({ ctx }) => teacherHome(ctx.svc)),
  student: roleProcedure("STUDENT")
    .output(studentHomeSchema)
    .query(({ ctx }) => studentHome(ctx.svc)),
});
