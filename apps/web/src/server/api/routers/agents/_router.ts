// `agents`: generation tasks. Teachers (and admins) ask for drafts, watch them run, cancel or
// retry them; the work itself happens in packages/agents behind the queue.
import {
  agentStatusSchema,
  agentTaskDetailSchema,
  agentTaskListSchema,
  agentTaskSummarySchema,
  generateRequestSchema,
  standardsCatalogSchema,
  taskIdSchema,
  taskListInputSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { standardsCatalogHandler } from "./catalog.handler";
import { cancelHandler, retryHandler } from "./control.handler";
import { generateHandler } from "./generate.handler";
import { getHandler, listHandler, statusHandler } from "./read.handler";

const teachingProcedure = roleProcedure("TEACHER", "ADMIN");

export const agentsRouter = createTRPCRouter({
  generate: teachingProcedure.input(generateRequestSchema).output(agentTaskSummarySchema).mutation(generateHandler),
  list: teachingProcedure.input(taskListInputSchema).output(agentTaskListSchema).query(listHandler),
  get: teachingProcedure.input(taskIdSchema).output(agentTaskDetailSchema).query(getHandler),
  cancel: teachingProcedure.input(taskIdSchema).output(agentTaskSummarySchema).mutation(cancelHandler),
  retry: teachingProcedure.input(taskIdSchema).output(agentTaskSummarySchema).mutation(retryHandler),
  status: teachingProcedure.output(agentStatusSchema).query(statusHandler),
  standardsCatalog: teachingProcedure.output(standardsCatalogSchema).query(standardsCatalogHandler),
});
