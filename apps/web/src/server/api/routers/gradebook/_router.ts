// `gradebook`: a class's students x assignments for its teacher (and admins), as data or CSV;
// a parent's read-only view of their linked children.
import { classIdSchema, rosterChangeSchema } from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { childrenHandler } from "./children.handler";
import { csvHandler } from "./csv.handler";
import { forClassHandler } from "./for-class.handler";
import { studentHandler } from "./student.handler";

const staff = roleProcedure("TEACHER", "ADMIN");

export const gradebookRouter = createTRPCRouter({
  forClass: staff.input(classIdSchema).query(forClassHandler),
  csv: staff.input(classIdSchema).query(csvHandler),
  student: staff.input(rosterChangeSchema).query(studentHandler),
  children: roleProcedure("PARENT").query(childrenHandler),
});
