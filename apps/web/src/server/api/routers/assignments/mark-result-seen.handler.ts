import { markResultSeen } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const markResultSeenHandler = ({ ctx, input }: HandlerArgs<{ attemptId: string }>) =>
  markResultSeen(ctx.svc, input);
