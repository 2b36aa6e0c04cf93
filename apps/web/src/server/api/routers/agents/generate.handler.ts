import type { GenerateRequest } from "@toolboxai/validators";
import { generateTask } from "~/server/services/agent-tasks";
import type { AgentHandlerArgs } from "../types";

export const generateHandler = ({ ctx, input }: AgentHandlerArgs<GenerateRequest>) =>
  generateTask(ctx.svc, input, ctx.agents());
