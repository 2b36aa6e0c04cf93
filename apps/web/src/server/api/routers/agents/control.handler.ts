import { cancelTask, retryTask } from "~/server/services/agent-tasks";
import type { AgentHandlerArgs, HandlerArgs } from "../types";

export const cancelHandler = ({ ctx, input }: HandlerArgs<{ taskId: string }>) => cancelTask(ctx.svc, input);

export const retryHandler = ({ ctx, input }: AgentHandlerArgs<{ taskId: string }>) =>
  retryTask(ctx.svc, input, ctx.agents());
