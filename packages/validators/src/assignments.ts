import { z } from "zod";
import { classSchema } from "./classes";
import { idSchema } from "./common";
import { contentTypeSchema } from "./content";
import { questionResponseSchema, rubricCriterionIdSchema } from "./questions";
import { textSchema } from "./text";

export const createAssignmentSchema = z.object({
  classId: idSchema,
  contentId: idSchema,
  dueAt: z.date().nullish(),
  /** Quizzes only; empty means unlimited. */
  maxAttempts: z.number().int().min(1, "At least 1 attempt").max(20, "At most 20 attempts").nullish(),
  showCorrectAnswers: z.boolean().default(false),
  /** The teacher confirmed a due date that has already passed. */
  confirmPastDue: z.boolean().default(false),
});
export type CreateAssignmentInput = z.input<typeof createAssignmentSchema>;

/** A teacher's change to an assignment; a field left out stays as it is. */
export const updateAssignmentSchema = z.object({
  assignmentId: idSchema,
  dueAt: z.date().nullish(),
  maxAttempts: z.number().int().min(1, "At least 1 attempt").max(20, "At most 20 attempts").nullish(),
  /** `true` releases hidden answers: students' results show the answers from now on. */
  showCorrectAnswers: z.boolean().optional(),
  confirmPastDue: z.boolean().default(false),
});
export type UpdateAssignmentInput = z.input<typeof updateAssignmentSchema>;

/** One student's own due date for an assignment; `null` removes the extension. */
export const extendDueDateSchema = z.object({
  assignmentId: idSchema,
  studentId: idSchema,
  dueAt: z.date().nullable(),
  confirmPastDue: z.boolean().default(false),
});
export type ExtendDueDateInput = z.input<typeof extendDueDateSchema>;

/**
 * Unassigning deletes the assignment with its students' attempts and progress; when there are
 * any, the request must say how many it is deleting (the number the teacher confirmed).
 */
export const unassignSchema = z.object({
  assignmentId: idSchema,
  confirmDeletedWork: z.number().int().min(0).default(0),
});
export type UnassignInput = z.input<typeof unassignSchema>;

export const assignmentIdSchema = z.object({ assignmentId: idSchema });
export const attemptIdSchema = z.object({ attemptId: idSchema });

export const sectionProgressSchema = z.object({ assignmentId: idSchema, sectionId: textSchema.min(1).max(40) });

/** Answers by question id; `null` clears a saved answer. */
export const responsesSchema = z.record(textSchema.max(64), questionResponseSchema.nullable());
export const saveResponsesSchema = z.object({ attemptId: idSchema, responses: responsesSchema });

export const assignmentStates = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED"] as const;
export const assignmentStateSchema = z.enum(assignmentStates);

/** One assignment on a student's lists (their home, a class page), with where they are in it. */
export const myAssignmentSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: contentTypeSchema,
  classId: z.string(),
  className: z.string(),
  dueAt: z.date().nullable(),
  state: assignmentStateSchema,
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  attemptsUsed: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  bestScore: z.object({ score: z.number(), maxScore: z.number() }).nullable(),
  /** A graded attempt whose result the student has not opened yet (a quiz regraded since). */
  newGrade: z.boolean(),
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
  });
export type GradeAnswerInput = z.input<typeof gradeAnswerSchema>;

/** The teacher's comment on a whole attempt, returned to the student ("" removes it). */
export const attemptFeedbackSchema = z.object({ attemptId: idSchema, feedback: commentSchema });
export type AttemptFeedbackInput = z.input<typeof attemptFeedbackSchema>;
