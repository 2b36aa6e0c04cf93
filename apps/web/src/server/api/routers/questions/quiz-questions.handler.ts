import { getQuizQuestions } from "~/server/services/questions";
import type { HandlerArgs } from "../types";

export const quizQuestionsHandler = ({ ctx, input }: HandlerArgs<{ quizId: string }>) =>
  getQuizQuestions(ctx.svc, input);
