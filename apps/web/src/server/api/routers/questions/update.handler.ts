import type { updateQuestionSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { updateQuestion } from "~/server/services/questions";
import type { HandlerArgs } from "../types";

export const updateHandler = ({ ctx, input }: HandlerArgs<z.output<typeof updateQuestionSchema>>) =>
  updateQuestion(ctx.svc, input);
