import type { QuestionData } from "@toolboxai/validators";
import { createQuestion } from "~/server/services/questions";
import type { HandlerArgs } from "../types";

export const createHandler = ({ ctx, input }: HandlerArgs<QuestionData>) => createQuestion(ctx.svc, input);
