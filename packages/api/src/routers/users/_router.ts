// `users`: an admin manages the people of their organization, and links parents to children.
import {
  changeUserRole,
  createUser,
  linkParent,
  listUsers,
  parentLinks,
  setUserActive,
  unlinkParent,
} from "@toolboxai/core";
import {
  changeRoleSchema,
  createdUserSchema,
  createUserSchema,
  linkParentSchema,
  parentLinksInputSchema,
  parentLinksSchema,
  unlinkParentSchema,
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
  parentLinks: adminProcedure
    .input(parentLinksInputSchema)
    .output(parentLinksSchema)
    .query(({ ctx, input }) => parentLinks(ctx.svc, input)),
  linkParent: adminProcedure
    .input(linkParentSchema)
    .output(parentLinksSchema)
    .mutation(({ ctx, input }) => linkParent(ctx.svc, input)),
  unlinkParent: adminProcedure
    .input(unlinkParentSchema)
    .output(parentLinksSchema)
    .mutation(({ ctx, input }) => unlinkParent(ctx.svc, input)),
});
