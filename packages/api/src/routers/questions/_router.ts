// `questions`: the question bank (teachers and admins) and the questions of a quiz.
import {
  createQuestion,
  getQuestion,
  getQuizQuestions,
  listQuestions,
  removeQuestion,
  setQuizQuestions,
  shareQuestion,
  updateQuestion,
} from "@toolboxai/core";
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

const bankProcedure = roleProcedure("TEACHER", "ADMIN");

export const questionsRouter = createTRPCRouter({
  list: bankProcedure
    .input(questionListInputSchema)
    .output(questionListSchema)
    .query(({ ctx, input }) => listQuestions(ctx.svc, input)),
  get: bankProcedure
    .input(questionIdSchema)
    .output(questionViewSchema)
    .query(({ ctx, input }) => getQuestion(ctx.svc, input)),
  create: bankProcedure
    .input(createQuestionSchema)
    .output(questionViewSchema)
    .mutation(({ ctx, input }) => createQuestion(ctx.svc, input)),
  update: bankProcedure
    .input(updateQuestionSchema)
    .output(questionMutationResultSchema)
    .mutation(({ ctx, input }) => updateQuestion(ctx.svc, input)),
  remove: bankProcedure
    .input(removeQuestionSchema)
    .output(removedQuestionSchema)
    .mutation(({ ctx, input }) => removeQuestion(ctx.svc, input)),
  share: bankProcedure
    .input(shareQuestionSchema)
    .output(questionViewSchema)
    .mutation(({ ctx, input }) => shareQuestion(ctx.svc, input)),
  quizQuestions: bankProcedure
    .input(quizIdSchema)
    .output(quizQuestionListSchema)
    .query(({ ctx, input }) => getQuizQuestions(ctx.svc, input)),
  setQuizQuestions: bankProcedure
    .input(setQuizQuestionsSchema)
    .output(quizQuestionListSchema)
    .mutation(({ ctx, input }) => setQuizQuestions(ctx.svc, input)),
});
