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
    .meta({
      openapi: {
        method: "POST",
        path: "/content/generate",
        tags: ["agents"],
        summary: "Generate content",
        description:
          "Queues a generation task (lesson, quiz, Roblox environment) and returns it at once; poll GET /agents/tasks/{taskId}. Limited to 10 a minute. Teachers (their own tasks) and admins.",
      },
      scopes: ["agents:run"],
      successStatus: 202,
    })
    // Each generation runs the agents and the model: a limit of its own (10 a minute on the free plan).
    .meta({ rateLimit: "agents.generate" })
    .input(generateRequestSchema)
    .output(agentTaskSummarySchema)
    .mutation(({ ctx, input }) => generateTask(ctx.svc, input, ctx.agents())),
  list: teachingProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/agents/tasks",
        tags: ["agents"],
        summary: "List generation tasks",
        description: "Newest first, filtered by status; pages with cursor. Teachers (their own tasks) and admins.",
      },
      scopes: ["content:read"],
    })
    .input(taskListInputSchema)
    .output(agentTaskListSchema)
    .query(({ ctx, input }) => listTasks(ctx.svc, input)),
  get: teachingProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/agents/tasks/{taskId}",
        tags: ["agents"],
        summary: "Get a generation task",
        description:
          "Its status and progress, each agent's execution, and once COMPLETED the content items it made. Teachers (their own tasks) and admins.",
      },
      scopes: ["content:read"],
    })
    .input(taskIdSchema)
    .output(agentTaskDetailSchema)
    .query(({ ctx, input }) => getTask(ctx.svc, input)),
  cancel: teachingProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/agents/tasks/{taskId}/cancel",
        tags: ["agents"],
        summary: "Cancel a generation task",
        description: "Stops a queued or running task. Teachers (their own tasks) and admins.",
      },
      scopes: ["agents:run"],
    })
    .input(taskIdSchema)
    .output(agentTaskSummarySchema)
    .mutation(({ ctx, input }) => cancelTask(ctx.svc, input)),
  retry: teachingProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/agents/tasks/{taskId}/retry",
        tags: ["agents"],
        summary: "Retry a generation task",
        description: "Queues a failed or cancelled task again. Teachers (their own tasks) and admins.",
      },
      scopes: ["agents:run"],
      successStatus: 202,
    })
    // A retry runs the agents and the model again: it counts as a generation.
    .meta({ rateLimit: "agents.generate" })
    .input(taskIdSchema)
    .output(agentTaskSummarySchema)
    .mutation(({ ctx, input }) => retryTask(ctx.svc, input, ctx.agents())),
  status: teachingProcedure.output(agentStatusSchema).query(({ ctx }) => agentStatus(ctx.agents())),
  standardsCatalog: teachingProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/agents/standards",
        tags: ["agents"],
        summary: "Curriculum standards",
        description:
          "The built-in catalog of standards a generation request may name. Teachers (their own tasks) and admins.",
      },
      scopes: ["content:read"],
    })
    .output(standardsCatalogSchema)
    .query(() => standardsCatalog()),
});
