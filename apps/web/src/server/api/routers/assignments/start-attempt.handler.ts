import { startAttempt } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const startAttemptHandler = ({ ctx, input }: HandlerArgs<{ assignmentId: string }>) =>
  startAttempt(ctx.svc, input);
