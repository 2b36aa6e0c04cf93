// `questions`: the question bank (teachers and admins) and the questions of a quiz.
import {
  createQuestionSchema,
  questionIdSchema,
  questionListInputSchema,
  questionListSchema,
  questionMutationResultSchema,
  questionViewSchema,
  quizIdSchema,
  quizQuestionListSchema,
  removedQuestionSchema,
  removeQuestionSchema,
  setQuizQuestionsSchema,
  shareQuestionSchema,
  updateQuestionSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { createHandler } from "./create.handler";
import { getHandler } from "./get.handler";
import { listHandler } from "./list.handler";
import { quizQuestionsHandler } from "./quiz-questions.handler";
import { removeHandler } from "./remove.handler";
import { setQuizQuestionsHandler } from "./set-quiz-questions.handler";
import { shareHandler } from "./share.handler";
import { updateHandler } from "./update.handler";

const bankProcedure = roleProcedure("TEACHER", "ADMIN");

export const questionsRouter = createTRPCRouter({
  list: bankProcedure.input(questionListInputSchema).output(questionListSchema).query(listHandler),
  get: bankProcedure.input(questionIdSchema).output(questionViewSchema).query(getHandler),
  create: bankProcedure.input(createQuestionSchema).output(questionViewSchema).mutation(createHandler),
  update: bankProcedure.input(updateQuestionSchema).output(questionMutationResultSchema).mutation(updateHandler),
  remove: bankProcedure.input(removeQuestionSchema).output(removedQuestionSchema).mutation(removeHandler),
  share: bankProcedure.input(shareQuestionSchema).output(questionViewSchema).mutation(shareHandler),
  quizQuestions: bankProcedure.input(quizIdSchema).output(quizQuestionListSchema).query(quizQuestionsHandler),
  setQuizQuestions: bankProcedure
    .input(setQuizQuestionsSchema)
    .output(quizQuestionListSchema)
    .mutation(setQuizQuestionsHandler),
});
