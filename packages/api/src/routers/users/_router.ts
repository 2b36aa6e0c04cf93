// `users`: an admin manages the people of their organization (edit, delete, reset links), and
// links parents to children.
import {
  changeUserRole,
  createPasswordResetLink,
  createUser,
  deleteUser,
  linkParent,
  listUsers,
  parentLinks,
  setUserActive,
  unlinkParent,
  updateUser,
} from "@toolboxai/core";
import {
  changeRoleSchema,
  createdUserSchema,
  createUserSchema,
  deletedUserSchema,
  linkParentSchema,
  parentLinksInputSchema,
  parentLinksSchema,
  resetLinkSchema,
  unlinkParentSchema,
  updateUserSchema,
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
  update: adminProcedure
    .input(updateUserSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => updateUser(ctx.svc, input)),
  /** Soft delete: sessions end, sign-in refuses, the address is freed (see core's deleteUser). */
  delete: adminProcedure
    .input(userIdSchema)
    .output(deletedUserSchema)
    .mutation(({ ctx, input }) => deleteUser(ctx.svc, input)),
  /** A single-use reset link, shown once (and mailed when mail is configured). */
  createResetLink: adminProcedure
    .input(userIdSchema)
    .output(resetLinkSchema)
    .mutation(({ ctx, input }) => createPasswordResetLink(ctx.svc, input, { logger: ctx.logger })),
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
