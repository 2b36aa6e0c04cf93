import { getQuestion } from "~/server/services/questions";
import type { HandlerArgs } from "../types";

export const getHandler = ({ ctx, input }: HandlerArgs<{ questionId: string }>) => getQuestion(ctx.svc, input);
