import { getAttempt } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const attemptHandler = ({ ctx, input }: HandlerArgs<{ attemptId: string }>) => getAttempt(ctx.svc, input);
