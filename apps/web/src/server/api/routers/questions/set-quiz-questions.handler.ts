import type { setQuizQuestionsSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { setQuizQuestions } from "~/server/services/questions";
import type { HandlerArgs } from "../types";

export const setQuizQuestionsHandler = ({ ctx, input }: HandlerArgs<z.output<typeof setQuizQuestionsSchema>>) =>
  setQuizQuestions(ctx.svc, input);
