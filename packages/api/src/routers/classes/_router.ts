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
    .meta({
      openapi: {
        method: "GET",
        path: "/classes",
        tags: ["classes"],
        summary: "List classes",
        description:
          "A teacher's own classes, a student's classes, every class for an admin; archived ones with includeArchived=true. Teachers, students and admins.",
      },
      scopes: ["classes:read"],
    })
    .input(classListInputSchema)
    .output(z.array(classSchema))
    .query(({ ctx, input }) => listClasses(ctx.svc, input)),
  get: members
    .meta({
      openapi: {
        method: "GET",
        path: "/classes/{classId}",
        tags: ["classes"],
        summary: "Get a class",
        description:
          "The class; its roster and join code only for its teacher and admins. Its teacher, its students and admins.",
      },
      scopes: ["classes:read"],
    })
    .input(classIdSchema)
    .output(classDetailSchema)
    .query(({ ctx, input }) => getClass(ctx.svc, input.classId)),
  create: staff
    .meta({
      openapi: {
        method: "POST",
        path: "/classes",
        tags: ["classes"],
        summary: "Create a class",
        description: "A new class taught by the caller, with a join code. Teachers and admins.",
      },
      scopes: ["classes:write"],
      successStatus: 201,
    })
    .input(classInputSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => createClass(ctx.svc, input)),
  update: staff
    .meta({
      openapi: {
        method: "PUT",
        path: "/classes/{classId}",
        tags: ["classes"],
        summary: "Edit a class",
        description: "Its name, subject and grade level. Teachers of the class and admins.",
      },
      scopes: ["classes:write"],
    })
    .input(updateClassSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => updateClass(ctx.svc, input)),
  archive: staff
    .meta({
      openapi: {
        method: "POST",
        path: "/classes/{classId}/archive",
        tags: ["classes"],
        summary: "Archive a class",
        description:
          "Hides it from students and the teacher's list; nothing is deleted. Teachers of the class and admins.",
      },
      scopes: ["classes:write"],
    })
    .input(classIdSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => setClassArchived(ctx.svc, { classId: input.classId, archived: true })),
  unarchive: staff
    .meta({
      openapi: {
        method: "POST",
        path: "/classes/{classId}/unarchive",
        tags: ["classes"],
        summary: "Unarchive a class",
        description: "Brings an archived class back. Teachers of the class and admins.",
      },
      scopes: ["classes:write"],
    })
    .input(classIdSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => setClassArchived(ctx.svc, { classId: input.classId, archived: false })),
  regenerateCode: staff
    .meta({
      openapi: {
        method: "POST",
        path: "/classes/{classId}/join-code",
        tags: ["classes"],
        summary: "New join code",
        description: "Replaces the class's join code; the old one stops working. Teachers of the class and admins.",
      },
      scopes: ["classes:write"],
    })
    .input(classIdSchema)
    .output(classSchema)
    .mutation(({ ctx, input }) => regenerateJoinCode(ctx.svc, input.classId)),
  join: roleProcedure("STUDENT")
    .meta({
      openapi: {
        method: "POST",
        path: "/classes/join",
        tags: ["classes"],
        summary: "Join a class with its code",
        description:
          "Enrolls the student in the class whose join code they give (rejoining changes nothing). Students.",
      },
      scopes: ["classes:write"],
    })
    .input(joinClassSchema)
    .output(joinClassResultSchema)
    .mutation(({ ctx, input }) => joinClass(ctx.svc, input.code)),
  /** The student's class page: the class and their assignments in it (enrolled students only). */
  forStudent: roleProcedure("STUDENT")
    .input(classIdSchema)
    .output(studentClassSchema)
    .query(({ ctx, input }) => getClassForStudent(ctx.svc, input.classId)),
  addStudent: staff
    .meta({
      openapi: {
        method: "POST",
        path: "/classes/{classId}/students",
        tags: ["classes"],
        summary: "Add a student to the roster",
        description: "Enrolls a student of the organization. Teachers of the class and admins.",
      },
      scopes: ["classes:write"],
    })
    .input(rosterChangeSchema)
    .output(classDetailSchema)
    .mutation(({ ctx, input }) => addStudent(ctx.svc, input)),
  removeStudent: staff
    .meta({
      openapi: {
        method: "DELETE",
        path: "/classes/{classId}/students/{studentId}",
        tags: ["classes"],
        summary: "Remove a student from the roster",
        description: "Unenrolls the student; their work is kept. Teachers of the class and admins.",
      },
      scopes: ["classes:write"],
    })
    .input(rosterChangeSchema)
    .output(classDetailSchema)
    .mutation(({ ctx, input }) => removeStudent(ctx.svc, input)),
  availableStudents: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/classes/{classId}/available-students",
        tags: ["classes"],
        summary: "Students who could join",
        description:
          "Students of the organization not in the class, by name or email. Teachers of the class and admins.",
      },
      scopes: ["classes:read"],
    })
    .input(availableStudentsInputSchema)
    .output(z.array(studentOptionSchema))
    .query(({ ctx, input }) => availableStudents(ctx.svc, input)),
});
