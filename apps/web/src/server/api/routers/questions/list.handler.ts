import type { questionListInputSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { listQuestions } from "~/server/services/questions";
import type { HandlerArgs } from "../types";

export const listHandler = ({ ctx, input }: HandlerArgs<z.output<typeof questionListInputSchema>>) =>
  listQuestions(ctx.svc, input);
