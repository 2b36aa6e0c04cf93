import { z } from "zod";
import { classSchema } from "./classes";
import { idSchema, inputDate, isoDate, queryNumber } from "./common";
import { contentTypeSchema } from "./content";
import { EXAMPLE_IDS as ids } from "./examples";
import { questionResponseSchema, rubricCriterionIdSchema } from "./questions";
import { textSchema } from "./text";

export const createAssignmentSchema = z
  .object({
    classId: idSchema,
    contentId: idSchema,
    dueAt: inputDate().nullish(),
    /** Quizzes only; empty means unlimited. */
    maxAttempts: z.number().int().min(1, "At least 1 attempt").max(20, "At most 20 attempts").nullish(),
    showCorrectAnswers: z.boolean().default(false),
    /** The teacher confirmed a due date that has already passed. */
    confirmPastDue: z.boolean().default(false),
  })
  .meta({
    examples: [
      {
        classId: ids.class,
        contentId: ids.quiz,
        dueAt: "2026-12-11T15:00:00.000Z",
        maxAttempts: 2,
        showCorrectAnswers: false,
      },
    ],
  });
export type CreateAssignmentInput = z.input<typeof createAssignmentSchema>;

/** A teacher's change to an assignment; a field left out stays as it is. */
export const updateAssignmentSchema = z
  .object({
    assignmentId: idSchema,
    dueAt: inputDate().nullish(),
    maxAttempts: z.number().int().min(1, "At least 1 attempt").max(20, "At most 20 attempts").nullish(),
    /** `true` releases hidden answers: students' results show the answers from now on. */
    showCorrectAnswers: z.boolean().optional(),
    confirmPastDue: z.boolean().default(false),
  })
  .meta({ examples: [{ assignmentId: ids.assignment, dueAt: "2026-12-14T15:00:00.000Z", maxAttempts: 3 }] });
export type UpdateAssignmentInput = z.input<typeof updateAssignmentSchema>;

/** One student's own due date for an assignment; `null` removes the extension. */
export const extendDueDateSchema = z
  .object({
    assignmentId: idSchema,
    studentId: idSchema,
    dueAt: inputDate().nullable(),
    confirmPastDue: z.boolean().default(false),
  })
  .meta({ examples: [{ assignmentId: ids.assignment, studentId: ids.student, dueAt: "2026-12-16T15:00:00.000Z" }] });
export type ExtendDueDateInput = z.input<typeof extendDueDateSchema>;

/**
 * Unassigning deletes the assignment with its students' attempts and progress; when there are
 * any, the request must say how many it is deleting (the number the teacher confirmed).
 */
export const unassignSchema = z.object({
  assignmentId: idSchema,
  confirmDeletedWork: queryNumber(z.number().int().min(0)).default(0),
});
export type UnassignInput = z.input<typeof unassignSchema>;

export const assignmentIdSchema = z.object({ assignmentId: idSchema });
export const attemptIdSchema = z.object({ attemptId: idSchema });

export const sectionProgressSchema = z.object({ assignmentId: idSchema, sectionId: textSchema.min(1).max(40) });

/** Answers by question id; `null` clears a saved answer. */
export const responsesSchema = z.record(textSchema.max(64), questionResponseSchema.nullable());
export const saveResponsesSchema = z.object({ attemptId: idSchema, responses: responsesSchema }).meta({
  examples: [
    { attemptId: ids.attempt, responses: { [ids.question]: { selected: ["b"] }, [ids.question2]: { value: true } } },
  ],
});

export const assignmentStates = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED"] as const;
export const assignmentStateSchema = z.enum(assignmentStates);

/** One assignment on a student's lists (their home, a class page), with where they are in it. */
export const myAssignmentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    type: contentTypeSchema,
    classId: z.string(),
    className: z.string(),
    dueAt: isoDate().nullable(),
    state: assignmentStateSchema,
    overdue: z.boolean(),
    dueSoon: z.boolean(),
    attemptsUsed: z.number().int(),
    maxAttempts: z.number().int().nullable(),
    bestScore: z.object({ score: z.number(), maxScore: z.number() }).nullable(),
    /** A graded attempt whose result the student has not opened yet (a quiz regraded since). */
    newGrade: z.boolean(),
  })
  .meta({
    id: "MyAssignment",
    examples: [
      {
        id: ids.assignment,
        title: "Plate tectonics quiz",
        type: "QUIZ",
        classId: ids.class,
        className: "Period 3 Science",
        dueAt: "2026-12-11T15:00:00.000Z",
        state: "IN_PROGRESS",
        overdue: false,
        dueSoon: true,
        attemptsUsed: 1,
        maxAttempts: 2,
        bestScore: { score: 4, maxScore: 5 },
        newGrade: false,
      },
    ],
  });
export type MyAssignment = z.infer<typeof myAssignmentSchema>;

/** The student's graded attempts whose results they have not opened: the navigation's badge. */
export const newGradeCountSchema = z.object({ count: z.number().int().min(0) });

/** A class as one of its enrolled students sees it: no join code or roster, their own assignments. */
export const studentClassSchema = classSchema.extend({
  assignments: z.array(myAssignmentSchema),
});
export type StudentClassView = z.infer<typeof studentClassSchema>;

// --- Grading and feedback (teachers) ---------------------------------------------------------

const commentSchema = textSchema.trim().max(2000, "Keep comments under 2,000 characters");

/**
 * A teacher's marking of one answer of a submitted attempt; a field left out stays as it is.
 * `points` overrides the automatic score (a `reason` is then required; `null` goes back to the
 * automatic score); `rubricScores` marks the question's rubric criteria (points = their sum, capped
 * at the question's points); `comment` is shown to the student ("" removes it); `reviewed`
 * accepts the score as it is. Any save counts the answer as reviewed by the teacher. Points and
 * marks are kept to 2 decimals.
 */
export const gradeAnswerSchema = z
  .object({
    attemptId: idSchema,
    questionId: idSchema,
    points: z
      .number({ error: "Enter a number of points" })
      .finite("Enter a number of points")
      .min(0, "Points can't be negative")
      .nullish(),
    reason: textSchema.trim().max(500, "Keep the reason under 500 characters").optional(),
    rubricScores: z
      .record(
        rubricCriterionIdSchema,
        z
          .number({ error: "Enter a number of points" })
          .finite("Enter a number of points")
          .min(0, "Marks can't be negative"),
      )
      .optional(),
    comment: commentSchema.optional(),
    /** The teacher accepts the score as it stands: the answer counts as reviewed (audited). */
    reviewed: z.literal(true).optional(),
  })
  .superRefine((input, ctx) => {
    if (typeof input.points === "number" && !input.reason) {
      ctx.addIssue({ code: "custom", message: "Say why you are changing the score", path: ["reason"] });
    }
  })
  .meta({
    examples: [
      {
        attemptId: ids.attempt,
        questionId: ids.question2,
        points: 2,
        reason: "Named subduction correctly, in other words.",
        comment: "Good explanation of why the ocean plate sinks.",
      },
    ],
  });
export type GradeAnswerInput = z.input<typeof gradeAnswerSchema>;

/** The teacher's comment on a whole attempt, returned to the student ("" removes it). */
export const attemptFeedbackSchema = z.object({ attemptId: idSchema, feedback: commentSchema }).meta({
  examples: [
    {
      attemptId: ids.attempt,
      feedback: "Great work on the plate boundaries. Review transform faults before Friday.",
    },
  ],
});
export type AttemptFeedbackInput = z.input<typeof attemptFeedbackSchema>;

// --- Outputs ---------------------------------------------------------------------------------

/** An assignment as its teacher sees it: the content, due dates (with extensions) and how much work it holds. */
export const teacherAssignmentSchema = z
  .object({
    id: z.string(),
    dueAt: isoDate().nullable(),
    maxAttempts: z.number().int().nullable(),
    showCorrectAnswers: z.boolean(),
    createdAt: isoDate(),
    content: z.object({ id: z.string(), title: z.string(), type: contentTypeSchema }),
    /** Students with a due date of their own. */
    extensions: z.array(z.object({ studentId: z.string(), dueAt: isoDate() })),
    /** Attempts and lesson progress that unassigning would delete. */
    studentWork: z.number().int(),
  })
  .meta({
    id: "Assignment",
    examples: [
      {
        id: ids.assignment,
        dueAt: "2026-12-11T15:00:00.000Z",
        maxAttempts: 2,
        showCorrectAnswers: false,
        createdAt: "2026-12-01T10:00:00.000Z",
        content: { id: ids.quiz, title: "Plate tectonics quiz", type: "QUIZ" },
        extensions: [{ studentId: ids.student2, dueAt: "2026-12-16T15:00:00.000Z" }],
        studentWork: 12,
      },
    ],
  });

/** What creating an assignment answers: the new assignment. */
export const createdAssignmentSchema = z.object({
  id: z.string(),
  classId: z.string(),
  contentId: z.string(),
  dueAt: isoDate().nullable(),
  maxAttempts: z.number().int().nullable(),
  showCorrectAnswers: z.boolean(),
  createdAt: isoDate(),
});

export const unassignResultSchema = z.object({ assignmentId: z.string(), deletedWork: z.number().int() });
