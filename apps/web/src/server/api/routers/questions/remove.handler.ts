import type { removeQuestionSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { removeQuestion } from "~/server/services/questions";
import type { HandlerArgs } from "../types";

export const removeHandler = ({ ctx, input }: HandlerArgs<z.output<typeof removeQuestionSchema>>) =>
  removeQuestion(ctx.svc, input);
