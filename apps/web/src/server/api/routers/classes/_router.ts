// `classes`: teachers run their classes and rosters; students join with a code; admins see all.
import {
  availableStudentsInputSchema,
  classDetailSchema,
  classIdSchema,
  classInputSchema,
  classListInputSchema,
  classSchema,
  joinClassSchema,
  rosterChangeSchema,
  studentClassSchema,
  studentOptionSchema,
  updateClassSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { addStudentHandler } from "./add-student.handler";
import { archiveHandler } from "./archive.handler";
import { availableStudentsHandler } from "./available-students.handler";
import { createHandler } from "./create.handler";
import { forStudentHandler } from "./for-student.handler";
import { getHandler } from "./get.handler";
import { joinHandler } from "./join.handler";
import { listHandler } from "./list.handler";
import { regenerateCodeHandler } from "./regenerate-code.handler";
import { removeStudentHandler } from "./remove-student.handler";
import { unarchiveHandler } from "./unarchive.handler";
import { updateHandler } from "./update.handler";

const staff = roleProcedure("TEACHER", "ADMIN");
const members = roleProcedure("TEACHER", "ADMIN", "STUDENT");

export const classesRouter = createTRPCRouter({
  list: members.input(classListInputSchema).output(z.array(classSchema)).query(listHandler),
  get: members.input(classIdSchema).output(classDetailSchema).query(getHandler),
  create: staff.input(classInputSchema).output(classSchema).mutation(createHandler),
  update: staff.input(updateClassSchema).output(classSchema).mutation(updateHandler),
  archive: staff.input(classIdSchema).output(classSchema).mutation(archiveHandler),
  unarchive: staff.input(classIdSchema).output(classSchema).mutation(unarchiveHandler),
  regenerateCode: staff.input(classIdSchema).output(classSchema).mutation(regenerateCodeHandler),
  join: roleProcedure("STUDENT").input(joinClassSchema).output(classSchema).mutation(joinHandler),
  /** The student's class page: the class and their assignments in it (enrolled students only). */
  forStudent: roleProcedure("STUDENT").input(classIdSchema).output(studentClassSchema).query(forStudentHandler),
  addStudent: staff.input(rosterChangeSchema).output(classDetailSchema).mutation(addStudentHandler),
  removeStudent: staff.input(rosterChangeSchema).output(classDetailSchema).mutation(removeStudentHandler),
  availableStudents: staff
    .input(availableStudentsInputSchema)
    .output(z.array(studentOptionSchema))
    .query(availableStudentsHandler),
});
