// `assignments`: teachers assign published content to classes; students read, take quizzes and
// see their results. Results never carry an answer key the teacher chose to hide.
import {
  assignmentIdSchema,
  attemptIdSchema,
  classIdSchema,
  createAssignmentSchema,
  myAssignmentSchema,
  newGradeCountSchema,
  responsesSchema,
  saveResponsesSchema,
  sectionProgressSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { attemptHandler } from "./attempt.handler";
import { completeSectionHandler } from "./complete-section.handler";
import { createAssignmentHandler } from "./create.handler";
import { listForClassHandler } from "./list-for-class.handler";
import { markResultSeenHandler } from "./mark-result-seen.handler";
import { mineHandler } from "./mine.handler";
import { myAttemptsHandler } from "./my-attempts.handler";
import { newGradeCountHandler } from "./new-grade-count.handler";
import { openLessonHandler } from "./open-lesson.handler";
import { saveResponsesHandler } from "./save-responses.handler";
import { startAttemptHandler } from "./start-attempt.handler";
import { submitAttemptHandler } from "./submit-attempt.handler";

const staff = roleProcedure("TEACHER", "ADMIN");
const student = roleProcedure("STUDENT");

export const assignmentsRouter = createTRPCRouter({
  create: staff.input(createAssignmentSchema).mutation(createAssignmentHandler),
  listForClass: staff.input(classIdSchema).query(listForClassHandler),
  mine: student.output(z.array(myAssignmentSchema)).query(mineHandler),
  openLesson: student.input(assignmentIdSchema).mutation(openLessonHandler),
  completeSection: student.input(sectionProgressSchema).mutation(completeSectionHandler),
  startAttempt: student.input(assignmentIdSchema).mutation(startAttemptHandler),
  saveResponses: student.input(saveResponsesSchema).mutation(saveResponsesHandler),
  submitAttempt: student
    .input(attemptIdSchema.extend({ responses: responsesSchema.optional() }))
    .mutation(submitAttemptHandler),
  attempt: student.input(attemptIdSchema).query(attemptHandler),
  myAttempts: student.input(assignmentIdSchema).query(myAttemptsHandler),
  /** Graded attempts whose results the student has not opened: the navigation's badge. */
  newGradeCount: student.output(newGradeCountSchema).query(newGradeCountHandler),
  /** The student opened a result: its grade is no longer new. */
  markResultSeen: student.input(attemptIdSchema).output(newGradeCountSchema).mutation(markResultSeenHandler),
});
