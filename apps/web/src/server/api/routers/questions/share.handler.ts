import type { shareQuestionSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { shareQuestion } from "~/server/services/questions";
import type { HandlerArgs } from "../types";

export const shareHandler = ({ ctx, input }: HandlerArgs<z.output<typeof shareQuestionSchema>>) =>
  shareQuestion(ctx.svc, input);
