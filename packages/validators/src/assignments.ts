import { z } from "zod";
import { idSchema } from "./common";
import { questionResponseSchema } from "./questions";

export const createAssignmentSchema = z.object({
  classId: idSchema,
  contentId: idSchema,
  dueAt: z.date().nullish(),
  /** Quizzes only; empty means unlimited. */
  maxAttempts: z.number().int().min(1, "At least 1 attempt").max(20, "At most 20 attempts").nullish(),
  showCorrectAnswers: z.boolean().default(false),
});
export type CreateAssignmentInput = z.input<typeof createAssignmentSchema>;

export const assignmentIdSchema = z.object({ assignmentId: idSchema });
export const attemptIdSchema = z.object({ attemptId: idSchema });

export const sectionProgressSchema = z.object({ assignmentId: idSchema, sectionId: z.string().min(1).max(40) });

/** Answers by question id; `null` clears a saved answer. */
export const responsesSchema = z.record(z.string().max(64), questionResponseSchema.nullable());
export const saveResponsesSchema = z.object({ attemptId: idSchema, responses: responsesSchema });

export const assignmentStates = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED"] as const;
export const assignmentStateSchema = z.enum(assignmentStates);
