// `classes`: teachers run their classes and rosters; students join with a code; admins see all.
import {
  addStudent,
  availableStudents,
  createClass,
  getClass,
  getClassForStudent,
  joinClass,
  listClasses,
  regenerateJoinCode,
  removeStudent,
  setClassArchived,
  updateClass,
} from "@toolboxai/core";
import {
  availableStudentsInputSchema,
  classDetailSchema,
  classIdSchema,
  classInputSchema,
  classListInputSchema,
  classSchema,
  joinClassResultSchema,
  joinClassSchema,
  rosterChangeSchema,
  studentClassSchema,
  studentOptionSchema,
  updateClassSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const staff = roleProcedure("TEACHER", "ADMIN");
const members = roleProcedure("TEACHER", "ADMIN", "STUDENT");

export const classesRouter = createTRPCRouter({
  list: members
    .input(classListInputSchema)
    .output(z.array(classSchema))
    .query(({ ctx, input }) => listClasses(ctx.svc, input)),
  get: members
    .input(classIdSchema)
    .output(classDetailSchema)
    .query(({ ctx, input }) => getClass(ctx.svc, input.classId)),
  create: staff
    .input(classInputSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => createClass(ctx.svc, input)),
  update: staff
    .input(updateClassSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => updateClass(ctx.svc, input)),
  archive: staff
    .input(classIdSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => setClassArchived(ctx.svc, { classId: input.classId, archived: true })),
  unarchive: staff
    .input(classIdSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => setClassArchived(ctx.svc, { classId: input.classId, archived: false })),
  regenerateCode: staff
    .input(classIdSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => regenerateJoinCode(ctx.svc, input.classId)),
  join: roleProcedure("STUDENT")
    .input(joinClassSchema)
    .output(joinClassResultSchema)
    .mutation(({ ctx, input }) => joinClass(ctx.svc, input.code)),
  /** The student's class page: the class and their assignments in it (enrolled students only). */
  forStudent: roleProcedure("STUDENT")
    .input(classIdSchema)
    .output(studentClassSchema)
    .query(({ ctx, input }) => getClassForStudent(ctx.svc, input.classId)),
  addStudent: staff
    .input(rosterChangeSchema)
    .output(classDetailSchema)
    .mutation(({ ctx, input }) => addStudent(ctx.svc, input)),
  removeStudent: staff
    .input(rosterChangeSchema)
    .output(classDetailSchema)
    .mutation(({ ctx, input }) => removeStudent(ctx.svc, input)),
  availableStudents: staff
    .input(availableStudentsInputSchema)
    .output(z.array(studentOptionSchema))
    .query(({ ctx, input }) => availableStudents(ctx.svc, input)),
});
