// The gradebook's outputs: a class's students x assignments, and one student in a class.
import { z } from "zod";
import { isoDate } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";

export const gradebookCellStatuses = ["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "COMPLETED"] as const;

export const gradebookCellSchema = z.object({
  status: z.enum(gradebookCellStatuses),
  /** Best submitted score in percent (quizzes), or completion percent (lessons, activities). */
  percent: z.number().nullable(),
  attempts: z.number().int(),
  /** The attempt the cell opens: the best submitted one, else the latest (null: none). */
  attemptId: z.string().nullable(),
  /** The student's own due date when their teacher extended it (null: the assignment's holds). */
  extendedDueAt: isoDate().nullable(),
});

const gradebookAssignmentSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  dueAt: isoDate().nullable(),
  totalSections: z.number().int(),
});

const gradebookClassSchema = z.object({ id: z.string(), name: z.string() });
const gradebookStudentSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const classGradebookSchema = z
  .object({
    class: gradebookClassSchema,
    assignments: z.array(gradebookAssignmentSchema),
    /** One row per student (by name), one cell per assignment (in `assignments` order). */
    rows: z.array(
      z.object({
        student: gradebookStudentSchema,
        cells: z.array(gradebookCellSchema),
        /** The student's quiz average in percent. */
        average: z.number().nullable(),
      }),
    ),
    /** Per assignment, the class's average in percent. */
    assignmentAverages: z.array(z.number().nullable()),
  })
  .meta({
    id: "Gradebook",
    examples: [
      {
        class: { id: ids.class, name: "Period 3 Science" },
        assignments: [
          {
            id: ids.assignment,
            title: "Plate tectonics quiz",
            type: "QUIZ",
            dueAt: "2026-12-11T15:00:00.000Z",
            totalSections: 0,
          },
        ],
        rows: [
          {
            student: { id: ids.student, name: "Maya Lopez", email: "maya.lopez@school.example" },
            cells: [{ status: "SUBMITTED", percent: 80, attempts: 1, attemptId: ids.attempt, extendedDueAt: null }],
            average: 80,
          },
        ],
        assignmentAverages: [80],
      },
    ],
  });

export const studentGradebookSchema = z.object({
  class: gradebookClassSchema,
  student: gradebookStudentSchema,
  average: z.number().nullable(),
  items: z.array(
    gradebookAssignmentSchema.extend({
      cell: gradebookCellSchema,
      attempts: z.array(
        z.object({
          id: z.string(),
          assignmentId: z.string(),
          number: z.number().int(),
          status: z.string(),
          score: z.number().nullable(),
          maxScore: z.number().nullable(),
          submittedAt: isoDate().nullable(),
        }),
      ),
    }),
  ),
});
