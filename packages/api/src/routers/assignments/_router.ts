// `assignments`: teachers assign published content to classes; students read, take quizzes and
// see their results. Results never carry an answer key the teacher chose to hide.
import {
  completeSection,
  countNewGrades,
  createAssignment,
  extendDueDate,
  getAttempt,
  gradeAnswer,
  listClassAssignments,
  listMyAssignments,
  listMyAttempts,
  listMyGrades,
  markResultSeen,
  openLesson,
  reviewAttempt,
  saveResponses,
  setAttemptFeedback,
  startAttempt,
  submitAttempt,
  unassign,
  updateAssignment,
} from "@toolboxai/core";
import {
  assignmentIdSchema,
  attemptFeedbackSchema,
  attemptIdSchema,
  classIdSchema,
  createAssignmentSchema,
  extendDueDateSchema,
  gradeAnswerSchema,
  myAssignmentSchema,
  newGradeCountSchema,
  responsesSchema,
  saveResponsesSchema,
  sectionProgressSchema,
  unassignSchema,
  updateAssignmentSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const staff = roleProcedure("TEACHER", "ADMIN");
const student = roleProcedure("STUDENT");

export const assignmentsRouter = createTRPCRouter({
  create: staff.input(createAssignmentSchema).mutation(({ ctx, input }) => createAssignment(ctx.svc, input)),
  /** Due date, attempts, results visibility; `showCorrectAnswers: true` releases the answers now. */
  update: staff.input(updateAssignmentSchema).mutation(({ ctx, input }) => updateAssignment(ctx.svc, input)),
  /** One student's own due date (`dueAt: null` removes it). */
  extendDueDate: staff.input(extendDueDateSchema).mutation(({ ctx, input }) => extendDueDate(ctx.svc, input)),
  /** Deletes the assignment with its students' work, once the teacher confirmed how much. */
  unassign: staff.input(unassignSchema).mutation(({ ctx, input }) => unassign(ctx.svc, input)),
  /** An attempt as its teacher reviews it: each question, the student's answer, the key, the points. */
  review: staff.input(attemptIdSchema).query(({ ctx, input }) => reviewAttempt(ctx.svc, input)),
  /** Overrides an answer's points (with a reason), marks its rubric, or comments on it. */
  gradeAnswer: staff.input(gradeAnswerSchema).mutation(({ ctx, input }) => gradeAnswer(ctx.svc, input)),
  /** The teacher's comment on the whole attempt, returned to the student. */
  setFeedback: staff.input(attemptFeedbackSchema).mutation(({ ctx, input }) => setAttemptFeedback(ctx.svc, input)),
  listForClass: staff.input(classIdSchema).query(({ ctx, input }) => listClassAssignments(ctx.svc, input)),
  /** The student's grades page: per class, each assignment's result and the teacher's feedback. */
  myGrades: student.query(({ ctx }) => listMyGrades(ctx.svc)),
  mine: student.output(z.array(myAssignmentSchema)).query(({ ctx }) => listMyAssignments(ctx.svc)),
  openLesson: student.input(assignmentIdSchema).mutation(({ ctx, input }) => openLesson(ctx.svc, input)),
  completeSection: student.input(sectionProgressSchema).mutation(({ ctx, input }) => completeSection(ctx.svc, input)),
  startAttempt: student.input(assignmentIdSchema).mutation(({ ctx, input }) => startAttempt(ctx.svc, input)),
  saveResponses: student.input(saveResponsesSchema).mutation(({ ctx, input }) => saveResponses(ctx.svc, input)),
  submitAttempt: student
    .input(attemptIdSchema.extend({ responses: responsesSchema.optional() }))
    .mutation(({ ctx, input }) => submitAttempt(ctx.svc, input)),
  attempt: student.input(attemptIdSchema).query(({ ctx, input }) => getAttempt(ctx.svc, input)),
  myAttempts: student.input(assignmentIdSchema).query(({ ctx, input }) => listMyAttempts(ctx.svc, input)),
  /** Graded attempts whose results the student has not opened: the navigation's badge. */
  newGradeCount: student.output(newGradeCountSchema).query(({ ctx }) => countNewGrades(ctx.svc)),
  /** The student opened a result: its grade is no longer new. */
  markResultSeen: student
    .input(attemptIdSchema)
    .output(newGradeCountSchema)
    .mutation(({ ctx, input }) => markResultSeen(ctx.svc, input)),
});
