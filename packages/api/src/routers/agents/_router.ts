// `agents`: generation tasks. Teachers (and admins) ask for drafts, watch them run, cancel or
// retry them; the work itself happens in packages/agents behind the queue.
import {
  agentStatus,
  cancelTask,
  generateTask,
  getTask,
  listTasks,
  retryTask,
  standardsCatalog,
} from "@toolboxai/core";
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

const teachingProcedure = roleProcedure("TEACHER", "ADMIN");

export const agentsRouter = createTRPCRouter({
  generate: teachingProcedure
    .input(generateRequestSchema)
    .output(agentTaskSummarySchema)
    .mutation(({ ctx, input }) => generateTask(ctx.svc, input, ctx.agents())),
  list: teachingProcedure
    .input(taskListInputSchema)
    .output(agentTaskListSchema)
    .query(({ ctx, input }) => listTasks(ctx.svc, input)),
  get: teachingProcedure
    .input(taskIdSchema)
    .output(agentTaskDetailSchema)
    .query(({ ctx, input }) => getTask(ctx.svc, input)),
  cancel: teachingProcedure
    .input(taskIdSchema)
    .output(agentTaskSummarySchema)
    .mutation(({ ctx, input }) => cancelTask(ctx.svc, input)),
  retry: teachingProcedure
    .input(taskIdSchema)
    .output(agentTaskSummarySchema)
    .mutation(({ ctx, input }) => retryTask(ctx.svc, input, ctx.agents())),
  status: teachingProcedure.output(agentStatusSchema).query(({ ctx }) => agentStatus(ctx.agents())),
  standardsCatalog: teachingProcedure.output(standardsCatalogSchema).query(() => standardsCatalog()),
});
