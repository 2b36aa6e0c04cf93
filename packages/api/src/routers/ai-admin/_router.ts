// `aiAdmin`: the admin panel's AI page. The organization's model usage against its daily token
// budget, the console of all its generation tasks (retry and cancel are `agents.retry` and
// `agents.cancel`, which let an admin act on anyone's task), and the circuit breaker of each
// process that runs them. Admins only.
import { aiTaskConsole, aiUsage, aiWorkerBreakers } from "@toolboxai/core";
import {
  aiBreakersSchema,
  aiTaskListInputSchema,
  aiTaskListSchema,
  aiUsageInputSchema,
  aiUsageSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const adminProcedure = roleProcedure("ADMIN");

export const aiAdminRouter = createTRPCRouter({
  usage: adminProcedure
    .input(aiUsageInputSchema)
    .output(aiUsageSchema)
    .query(({ ctx, input }) => aiUsage(ctx.svc, input)),
  tasks: adminProcedure
    .input(aiTaskListInputSchema)
    .output(aiTaskListSchema)
    .query(({ ctx, input }) => aiTaskConsole(ctx.svc, input)),
  breakers: adminProcedure.output(aiBreakersSchema).query(({ ctx }) => aiWorkerBreakers(ctx.agents())),
});
