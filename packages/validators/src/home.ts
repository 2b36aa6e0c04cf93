// What the teacher's and the student's homes show as needing attention (`home.teacher`, `home.student`).
import { z } from "zod";
import { isoDate } from "./common";
import { contentTypeSchema } from "./content";

/** A submitted attempt with short answers the teacher has not marked yet. */
export const reviewItemSchema = z.object({
  attemptId: z.string(),
  assignmentId: z.string(),
  classId: z.string(),
  className: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  title: z.string(),
  submittedAt: isoDate(),
  /** Short answers in the attempt still waiting for the teacher's mark. */
  waiting: z.number().int().min(1),
  /** The first of them in the attempt's order: the home's link lands on it. */
  firstWaitingQuestionId: z.string(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/** An assignment of one of the teacher's classes due in the next seven days. */
export const dueItemSchema = z.object({
  assignmentId: z.string(),
  classId: z.string(),
  className: z.string(),
  title: z.string(),
  type: contentTypeSchema,
  dueAt: isoDate(),
  /** Students of the class who handed it in (a submitted quiz, a completed lesson or activity). */
  submitted: z.number().int().min(0),
  students: z.number().int().min(0),
});
export type DueItem = z.infer<typeof dueItemSchema>;

/** A quiz a student submitted, or a lesson or activity they completed, lately. */
export const recentSubmissionSchema = z.object({
  /** The submitted attempt; null for a completed lesson or activity. */
  attemptId: z.string().nullable(),
  assignmentId: z.string(),
  classId: z.string(),
  className: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  title: z.string(),
  type: contentTypeSchema,
  submittedAt: isoDate(),
  score: z.number().nullable(),
  maxScore: z.number().nullable(),
});
export type RecentSubmission = z.infer<typeof recentSubmissionSchema>;

/** Content the AI drafted for the teacher that they have not kept (published or copied) yet. */
export const waitingDraftSchema = z.object({
  contentId: z.string(),
  title: z.string(),
  type: contentTypeSchema,
  taskId: z.string().nullable(),
  createdAt: isoDate(),
});
export type WaitingDraft = z.infer<typeof waitingDraftSchema>;

export const teacherHomeSchema = z.object({
  toReview: z.object({ items: z.array(reviewItemSchema), total: z.number().int().min(0) }),
  dueThisWeek: z.array(dueItemSchema),
  recentSubmissions: z.array(recentSubmissionSchema),
  drafts: z.object({ items: z.array(waitingDraftSchema), total: z.number().int().min(0) }),
});
export type TeacherHome = z.infer<typeof teacherHomeSchema>;

/** Open work of the student's with a due date: their own (extended) one when they have it. */
export const studentDueItemSchema = z.object({
  assignmentId: z.string(),
  classId: z.string(),
  className: z.string(),
  title: z.string(),
  type: contentTypeSchema,
  dueAt: isoDate(),
  overdue: z.boolean(),
  state: z.enum(["NOT_STARTED", "IN_PROGRESS"]),
});
export type StudentDueItem = z.infer<typeof studentDueItemSchema>;

/** A result the teacher returned (marked, overrode, commented) or that is new to the student. */
export const returnedItemSchema = z.object({
  attemptId: z.string(),
  assignmentId: z.string(),
  classId: z.string(),
  className: z.string(),
  title: z.string(),
  score: z.number().nullable(),
  maxScore: z.number().nullable(),
  /** When the teacher returned it, else when it was graded on submission. */
  at: isoDate(),
  /** The teacher returned it, rather than automatic grading alone. */
  returned: z.boolean(),
  /** The student has not opened this result since. */
  isNew: z.boolean(),
  /** The teacher left feedback on the attempt or a comment on one of its answers. */
  hasFeedback: z.boolean(),
});
export type ReturnedItem = z.infer<typeof returnedItemSchema>;

export const studentHomeSchema = z.object({
  due: z.array(studentDueItemSchema),
  returned: z.array(returnedItemSchema),
});
export type StudentHome = z.infer<typeof studentHomeSchema>;
