// `users`: an admin manages the people of their organization.
import { changeUserRole, createUser, listUsers, setUserActive } from "@toolboxai/core";
import {
  changeRoleSchema,
  createdUserSchema,
  createUserSchema,
  userIdSchema,
  userListInputSchema,
  userListSchema,
  userSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const adminProcedure = roleProcedure("ADMIN");

export const usersRouter = createTRPCRouter({
  list: adminProcedure
    .input(userListInputSchema)
    .output(userListSchema)
    .query(({ ctx, input }) => listUsers(ctx.svc, input)),
  create: adminProcedure
    .input(createUserSchema)
    .output(createdUserSchema)
    .mutation(({ ctx, input }) => createUser(ctx.svc, input)),
  changeRole: adminProcedure
    .input(changeRoleSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => changeUserRole(ctx.svc, input)),
  deactivate: adminProcedure
    .input(userIdSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => setUserActive(ctx.svc, { userId: input.userId, active: false })),
  reactivate: adminProcedure
    .input(userIdSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => setUserActive(ctx.svc, { userId: input.userId, active: true })),
});
