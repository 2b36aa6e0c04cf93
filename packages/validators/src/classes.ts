import { z } from "zod";
import { idSchema, isoDate, queryBoolean } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";
import { textSchema } from "./text";

export const gradeLevels = [
  "K",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "10",
  "11",
  "12",
  "Higher ed",
  "Adult",
] as const;
export const gradeLevelSchema = z.enum(gradeLevels, { error: "Pick a grade level" });

export const subjectSchema = textSchema.trim().min(1, "Enter a subject").max(60, "Subject is at most 60 characters");

export const classInputSchema = z
  .object({
    name: textSchema.trim().min(1, "Enter a class name").max(100, "Name is at most 100 characters"),
    subject: subjectSchema,
    gradeLevel: gradeLevelSchema,
  })
  .meta({ examples: [{ name: "Period 3 Science", subject: "Science", gradeLevel: "7" }] });
export type ClassInput = z.infer<typeof classInputSchema>;

export const updateClassSchema = classInputSchema
  .extend({ classId: idSchema })
  .meta({ examples: [{ classId: ids.class, name: "Period 3 Earth Science", subject: "Science", gradeLevel: "7" }] });
export const classIdSchema = z.object({ classId: idSchema });

/** Join codes: 6 characters from an alphabet without look-alikes; typed in any case, with or without spaces. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const joinCodeSchema = textSchema
  .max(40, "A join code is 6 letters and digits, like K7QM2P")
  .transform((s) => s.replace(/[\s-]/g, "").toUpperCase())
  .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{6}$/, "A join code is 6 letters and digits, like K7QM2P"));
export const joinClassSchema = z.object({ code: joinCodeSchema }).meta({ examples: [{ code: "K7QM2P" }] });

export const rosterChangeSchema = z
  .object({ classId: idSchema, studentId: idSchema })
  .meta({ examples: [{ classId: ids.class, studentId: ids.student }] });

export const classListInputSchema = z.object({ includeArchived: queryBoolean().default(false) });

export const classSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    subject: z.string(),
    gradeLevel: z.string(),
    archived: z.boolean(),
    createdAt: isoDate(),
    teacherId: z.string(),
    teacherName: z.string(),
    studentCount: z.number().int(),
    /** Only for the class's teacher and admins. */
    joinCode: z.string().nullable(),
  })
  .meta({
    id: "Class",
    examples: [
      {
        id: "cm4class000000000000000",
        name: "Biology 7",
        subject: "Science",
        gradeLevel: "7",
        archived: false,
        createdAt: "2026-01-05T09:00:00.000Z",
        teacherId: "cm4teacher0000000000000",
        teacherName: "Ada Teacher",
        studentCount: 24,
        joinCode: "K7QM2P",
      },
    ],
  });
export type ClassView = z.infer<typeof classSchema>;

/** What joining answers: the class, and whether the student was in it already (a rejoin changes nothing). */
export const joinClassResultSchema = classSchema.extend({ alreadyEnrolled: z.boolean() });

export const rosterEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  active: z.boolean(),
  joinedAt: isoDate(),
});

export const classDetailSchema = classSchema
  .extend({
    /** Only for the class's teacher and admins. */
    roster: z.array(rosterEntrySchema).nullable(),
  })
  .meta({
    id: "ClassDetail",
    examples: [
      {
        id: ids.class,
        name: "Period 3 Science",
        subject: "Science",
        gradeLevel: "7",
        archived: false,
        createdAt: "2026-08-25T09:00:00.000Z",
        teacherId: ids.teacher,
        teacherName: "Rosa Okafor",
        studentCount: 27,
        joinCode: "K7QM2P",
        roster: [
          {
            id: ids.student,
            name: "Maya Lopez",
            email: "maya.lopez@school.example",
            active: true,
            joinedAt: "2026-09-02T13:10:00.000Z",
          },
        ],
      },
    ],
  });

export const availableStudentsInputSchema = z.object({
  classId: idSchema,
  search: textSchema.trim().max(100).optional(),
});
export const studentOptionSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
