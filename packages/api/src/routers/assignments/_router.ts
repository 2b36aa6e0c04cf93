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
  attemptPlayerSchema,
  attemptResultSchema,
  attemptReviewSchema,
  attemptViewSchema,
  classIdSchema,
  createAssignmentSchema,
  createdAssignmentSchema,
  extendDueDateSchema,
  gradeAnswerSchema,
  lessonViewSchema,
  myAssignmentSchema,
  myAttemptsSchema,
  myGradesSchema,
  newGradeCountSchema,
  responsesSchema,
  savedResponsesSchema,
  saveResponsesSchema,
  sectionProgressSchema,
  teacherAssignmentSchema,
  unassignResultSchema,
  unassignSchema,
  updateAssignmentSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const staff = roleProcedure("TEACHER", "ADMIN");
const student = roleProcedure("STUDENT");
const STAFF = "Teachers of the class and admins.";
const STUDENT =
  "Students enrolled in the class (with an app session: API keys act as their user, who must be the student).";
const read = ["assignments:read"] as const;
const write = ["assignments:write"] as const;

export const assignmentsRouter = createTRPCRouter({
  create: staff
    .meta({
      openapi: {
        method: "POST",
        path: "/assignments",
        tags: ["assignments"],
        summary: "Assign content to a class",
        description: `Assigns a published lesson, quiz or activity, with an optional due date and attempt limit. ${STAFF}`,
      },
      scopes: write,
      successStatus: 201,
    })
    .input(createAssignmentSchema)
    .output(createdAssignmentSchema)
    .mutation(({ ctx, input }) => createAssignment(ctx.svc, input)),
  /** Due date, attempts, results visibility; `showCorrectAnswers: true` releases the answers now. */
  update: staff
    .meta({
      openapi: {
        method: "PATCH",
        path: "/assignments/{assignmentId}",
        tags: ["assignments"],
        summary: "Change an assignment",
        description: `Due date, attempt limit, whether results show the answers; a field left out stays as it is. ${STAFF}`,
      },
      scopes: write,
    })
    .input(updateAssignmentSchema)
    .output(teacherAssignmentSchema)
    .mutation(({ ctx, input }) => updateAssignment(ctx.svc, input)),
  /** One student's own due date (`dueAt: null` removes it). */
  extendDueDate: staff
    .meta({
      openapi: {
        method: "PUT",
        path: "/assignments/{assignmentId}/extensions/{studentId}",
        tags: ["assignments"],
        summary: "Give a student their own due date",
        description: `\`dueAt: null\` removes the extension. ${STAFF}`,
      },
      scopes: write,
    })
    .input(extendDueDateSchema)
    .output(teacherAssignmentSchema)
    .mutation(({ ctx, input }) => extendDueDate(ctx.svc, input)),
  /** Deletes the assignment with its students' work, once the teacher confirmed how much. */
  unassign: staff
    .meta({
      openapi: {
        method: "DELETE",
        path: "/assignments/{assignmentId}",
        tags: ["assignments"],
        summary: "Unassign",
        description: `Deletes the assignment with its students' work; when there is work, \`confirmDeletedWork\` must be its count (else 409). ${STAFF}`,
      },
      scopes: write,
    })
    .input(unassignSchema)
    .output(unassignResultSchema)
    .mutation(({ ctx, input }) => unassign(ctx.svc, input)),
  /** An attempt as its teacher reviews it: each question, the student's answer, the key, the points. */
  review: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/attempts/{attemptId}/review",
        tags: ["attempts"],
        summary: "Review an attempt",
        description: `Each question with the answer key, the student's answer and the points. ${STAFF}`,
      },
      scopes: read,
    })
    .input(attemptIdSchema)
    .output(attemptReviewSchema)
    .query(({ ctx, input }) => reviewAttempt(ctx.svc, input)),
  /** Overrides an answer's points (with a reason), marks its rubric, or comments on it. */
  gradeAnswer: staff
    .meta({
      openapi: {
        method: "PUT",
        path: "/attempts/{attemptId}/answers/{questionId}",
        tags: ["attempts"],
        summary: "Grade an answer",
        description: `Overrides its points (with a reason), marks its rubric, comments on it, or accepts it; returns the attempt to the student. ${STAFF}`,
      },
      scopes: write,
    })
    .input(gradeAnswerSchema)
    .output(attemptReviewSchema)
    .mutation(({ ctx, input }) => gradeAnswer(ctx.svc, input)),
  /** The teacher's comment on the whole attempt, returned to the student. */
  setFeedback: staff
    .meta({
      openapi: {
        method: "PUT",
        path: "/attempts/{attemptId}/feedback",
        tags: ["attempts"],
        summary: "Comment on an attempt",
        description: `The teacher's feedback on the whole attempt ("" removes it), returned to the student. ${STAFF}`,
      },
      scopes: write,
    })
    .input(attemptFeedbackSchema)
    .output(attemptReviewSchema)
    .mutation(({ ctx, input }) => setAttemptFeedback(ctx.svc, input)),
  listForClass: staff
    .meta({
      openapi: {
        method: "GET",
        path: "/classes/{classId}/assignments",
        tags: ["assignments"],
        summary: "List a class's assignments",
        description: `Newest first, with due dates, extensions and how much work each holds. ${STAFF}`,
      },
      scopes: read,
    })
    .input(classIdSchema)
    .output(z.array(teacherAssignmentSchema))
    .query(({ ctx, input }) => listClassAssignments(ctx.svc, input)),
  /** The student's grades page: per class, each assignment's result and the teacher's feedback. */
  myGrades: student
    .meta({
      openapi: {
        method: "GET",
        path: "/me/grades",
        tags: ["attempts"],
        summary: "My grades",
        description: `Per class, each assignment's result and the teacher's feedback. ${STUDENT}`,
      },
      scopes: read,
    })
    .output(myGradesSchema)
    .query(({ ctx }) => listMyGrades(ctx.svc)),
  mine: student
    .meta({
      openapi: {
        method: "GET",
        path: "/me/assignments",
        tags: ["assignments"],
        summary: "My assignments",
        description: `The student's assignments in due-date order, with where they are in each. ${STUDENT}`,
      },
      scopes: read,
    })
    .output(z.array(myAssignmentSchema))
    .query(({ ctx }) => listMyAssignments(ctx.svc)),
  openLesson: student
    .meta({
      openapi: {
        method: "POST",
        path: "/assignments/{assignmentId}/lesson",
        tags: ["assignments"],
        summary: "Open a lesson",
        description: `A lesson or activity to read, with the sections completed so far (opening starts it). ${STUDENT}`,
      },
      scopes: write,
    })
    .input(assignmentIdSchema)
    .output(lessonViewSchema)
    .mutation(({ ctx, input }) => openLesson(ctx.svc, input)),
  completeSection: student
    .meta({
      openapi: {
        method: "POST",
        path: "/assignments/{assignmentId}/sections/{sectionId}/complete",
        tags: ["assignments"],
        summary: "Complete a lesson section",
        description: `Marks a section (or an activity's step) done; the last one completes the lesson. ${STUDENT}`,
      },
      scopes: write,
    })
    .input(sectionProgressSchema)
    .output(lessonViewSchema)
    .mutation(({ ctx, input }) => completeSection(ctx.svc, input)),
  startAttempt: student
    .meta({
      openapi: {
        method: "POST",
        path: "/assignments/{assignmentId}/attempts",
        tags: ["attempts"],
        summary: "Start a quiz attempt",
        description: `Starts an attempt (or returns the one in progress) within the attempt limit. ${STUDENT}`,
      },
      scopes: write,
    })
    .input(assignmentIdSchema)
    .output(attemptPlayerSchema)
    .mutation(({ ctx, input }) => startAttempt(ctx.svc, input)),
  saveResponses: student
    .meta({
      openapi: {
        method: "PUT",
        path: "/attempts/{attemptId}/responses",
        tags: ["attempts"],
        summary: "Save answers",
        description: `Saves answers by question id (null clears one) without submitting. ${STUDENT}`,
      },
      scopes: write,
    })
    .input(saveResponsesSchema)
    .output(savedResponsesSchema)
    .mutation(({ ctx, input }) => saveResponses(ctx.svc, input)),
  submitAttempt: student
    .meta({
      openapi: {
        method: "POST",
        path: "/attempts/{attemptId}/submit",
        tags: ["attempts"],
        summary: "Submit an attempt",
        description: `Saves the given answers, submits and grades the attempt, and returns its result. ${STUDENT}`,
      },
      scopes: write,
    })
    .input(
      attemptIdSchema.extend({ responses: responsesSchema.optional() }).meta({
        examples: [
          { attemptId: "cmx5k8s0t0009ur7d5l8m9bci", responses: { cmx5k9u1v000aur7d7n0p1cdj: { selected: ["b"] } } },
        ],
      }),
    )
    .output(attemptResultSchema)
    .mutation(({ ctx, input }) => submitAttempt(ctx.svc, input)),
  attempt: student
    .meta({
      openapi: {
        method: "GET",
        path: "/attempts/{attemptId}",
        tags: ["attempts"],
        summary: "Get an attempt",
        description: `The player while in progress, the result once submitted. ${STUDENT}`,
      },
      scopes: read,
    })
    .input(attemptIdSchema)
    .output(attemptViewSchema)
    .query(({ ctx, input }) => getAttempt(ctx.svc, input)),
  myAttempts: student
    .meta({
      openapi: {
        method: "GET",
        path: "/assignments/{assignmentId}/attempts",
        tags: ["attempts"],
        summary: "My attempts at a quiz",
        description: `The quiz's instructions and limits, and the student's attempts at it. ${STUDENT}`,
      },
      scopes: read,
    })
    .input(assignmentIdSchema)
    .output(myAttemptsSchema)
    .query(({ ctx, input }) => listMyAttempts(ctx.svc, input)),
  /** Graded attempts whose results the student has not opened: the navigation's badge. */
  newGradeCount: student.output(newGradeCountSchema).query(({ ctx }) => countNewGrades(ctx.svc)),
  /** The student opened a result: its grade is no longer new. */
  markResultSeen: student
    .input(attemptIdSchema)
    .output(newGradeCountSchema)
    .mutation(({ ctx, input }) => markResultSeen(ctx.svc, input)),
});
