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
  questionTypeSchema,
  questionViewSchema,
  quizIdSchema,
  quizQuestionListSchema,
  regradePolicySchema,
  removedQuestionSchema,
  removeQuestionSchema,
  setQuizQuestionsSchema,
  shareQuestionSchema,
  unionInput,
  updateQuestionSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../../trpc";

// The question bodies as REST documents them: the fields every type shares, and the ones whose
// shape depends on the type (checked by the question schema itself).
const { prompt, points, explanation, tags } = createQuestionSchema.options[0].shape;
const questionFields = {
  type: questionTypeSchema,
  prompt,
  points,
  explanation,
  tags,
  options: z.unknown().optional().meta({
    description: "SINGLE_CHOICE and MULTIPLE_CHOICE: 2 to 10 `{ id, text }` options; other types: none.",
  }),
  answer: z.unknown().optional().meta({
    description:
      "The key: `{ correct: [optionId] }` (choices), `{ value: boolean }` (TRUE_FALSE), `{ accepted: [text], caseSensitive }` (SHORT_ANSWER), `{ value, tolerance }` (NUMERIC).",
  }),
  rubric: z.unknown().optional().meta({ description: "SHORT_ANSWER only: up to 10 `{ id, label, points }` criteria." }),
};
const createQuestionInput = unionInput(createQuestionSchema, questionFields);
const updateQuestionInput = unionInput(updateQuestionSchema, {
  ...questionFields,
  questionId: z.string(),
  regradePolicy: regradePolicySchema.optional(),
});

const bankProcedure = roleProcedure("TEACHER", "ADMIN");

export const questionsRouter = createTRPCRouter({
  list: bankProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/questions",
        tags: ["questions"],
        summary: "List bank questions",
        description:
          "The questions the caller owns or that are shared with them, paged, by text, tag, type or scope. Teachers and admins.",
      },
      scopes: ["content:read"],
    })
    .input(questionListInputSchema)
    .output(questionListSchema)
    .query(({ ctx, input }) => listQuestions(ctx.svc, input)),
  get: bankProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/questions/{questionId}",
        tags: ["questions"],
        summary: "Get a question",
        description: "A bank question with its answer key. Teachers and admins.",
      },
      scopes: ["content:read"],
    })
    .input(questionIdSchema)
    .output(questionViewSchema)
    .query(({ ctx, input }) => getQuestion(ctx.svc, input)),
  create: bankProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/questions",
        tags: ["questions"],
        summary: "Create a question",
        description: "A question of one of five types with a consistent answer key. Teachers and admins.",
      },
      scopes: ["content:write"],
      successStatus: 201,
    })
    .input(createQuestionInput)
    .output(questionViewSchema)
    .mutation(({ ctx, input }) => createQuestion(ctx.svc, input)),
  update: bankProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/questions/{questionId}",
        tags: ["questions"],
        summary: "Edit a question",
        description:
          "Replaces the question; when students answered it and the key changes, a regradePolicy is required (else 409). Its owner, editors it is shared with, and admins.",
      },
      scopes: ["content:write"],
    })
    .input(updateQuestionInput)
    .output(questionMutationResultSchema)
    .mutation(({ ctx, input }) => updateQuestion(ctx.svc, input)),
  remove: bankProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/questions/{questionId}",
        tags: ["questions"],
        summary: "Delete a question",
        description:
          "Removes it from the bank and its quizzes (a regradePolicy when students answered it). Its owner and admins.",
      },
      scopes: ["content:write"],
    })
    .input(removeQuestionSchema)
    .output(removedQuestionSchema)
    .mutation(({ ctx, input }) => removeQuestion(ctx.svc, input)),
  share: bankProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/questions/{questionId}/sharing",
        tags: ["questions"],
        summary: "Share a question",
        description: "Shares it with the organization to VIEW or EDIT, or stops sharing (null). Its owner and admins.",
      },
      scopes: ["content:write"],
    })
    .input(shareQuestionSchema)
    .output(questionViewSchema)
    .mutation(({ ctx, input }) => shareQuestion(ctx.svc, input)),
  quizQuestions: bankProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/quizzes/{quizId}/questions",
        tags: ["questions"],
        summary: "A quiz's questions",
        description: "The questions of a quiz in order. Teachers and admins.",
      },
      scopes: ["content:read"],
    })
    .input(quizIdSchema)
    .output(quizQuestionListSchema)
    .query(({ ctx, input }) => getQuizQuestions(ctx.svc, input)),
  setQuizQuestions: bankProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/quizzes/{quizId}/questions",
        tags: ["questions"],
        summary: "Set a quiz's questions",
        description: "Replaces the quiz's questions, in the order given. The quiz's author and admins.",
      },
      scopes: ["content:write"],
    })
    .input(setQuizQuestionsSchema)
    .output(quizQuestionListSchema)
    .mutation(({ ctx, input }) => setQuizQuestions(ctx.svc, input)),
});
