import type { taskListInputSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { agentStatus, getTask, listTasks } from "~/server/services/agent-tasks";
import type { AgentHandlerArgs, HandlerArgs } from "../types";

export const listHandler = ({ ctx, input }: HandlerArgs<z.output<typeof taskListInputSchema>>) =>
  listTasks(ctx.svc, input);

export const getHandler = ({ ctx, input }: HandlerArgs<{ taskId: string }>) => getTask(ctx.svc, input);

export const statusHandler = ({ ctx }: AgentHandlerArgs) => agentStatus(ctx.agents());
