import { listMyAttempts } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const myAttemptsHandler = ({ ctx, input }: HandlerArgs<{ assignmentId: string }>) =>
  listMyAttempts(ctx.svc, input);
