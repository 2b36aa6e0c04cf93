// `users`: an admin manages the people of their organization (edit, delete, reset links), and
// links parents to children.
import {
  bulkChangeRole,
  bulkDeactivate,
  bulkLinkParent,
  changeUserRole,
  createPasswordResetLink,
  createUser,
  deleteUser,
  linkParent,
  listUsers,
  parentLinks,
  setTemporaryPassword,
  setUserActive,
  unlinkParent,
  updateUser,
} from "@toolboxai/core";
import {
  bulkChangeRoleSchema,
  bulkDeactivateSchema,
  bulkLinkParentSchema,
  bulkUsersResultSchema,
  changeRoleSchema,
  createdUserSchema,
  createUserSchema,
  deletedUserSchema,
  linkParentSchema,
  parentLinksInputSchema,
  parentLinksSchema,
  resetLinkSchema,
  setTemporaryPasswordSchema,
  temporaryPasswordResultSchema,
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
    .meta({
      openapi: {
        method: "GET",
        path: "/users",
        tags: ["users"],
        summary: "List people",
        description: "The organization's people, paged, filtered by name or email, role and status. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(userListInputSchema)
    .output(userListSchema)
    .query(({ ctx, input }) => listUsers(ctx.svc, input)),
  create: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/users",
        tags: ["users"],
        summary: "Create a person",
        description:
          "An account in the organization; without a password one is generated and returned once. Admins only.",
      },
      scopes: ["admin"],
      successStatus: 201,
    })
    .input(createUserSchema)
    .output(createdUserSchema)
    .mutation(({ ctx, input }) => createUser(ctx.svc, input)),
  update: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/users/{userId}",
        tags: ["users"],
        summary: "Edit a person",
        description: "Their name and email (unique in the organization). Admins only.",
      },
      scopes: ["admin"],
    })
    .input(updateUserSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => updateUser(ctx.svc, input)),
  /** Soft delete: sessions end, sign-in refuses, the address is freed (see core's deleteUser). */
  delete: adminProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/users/{userId}",
        tags: ["users"],
        summary: "Delete a person",
        description: "Ends their sessions, refuses their sign-in and frees the address. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(userIdSchema)
    .output(deletedUserSchema)
    .mutation(({ ctx, input }) => deleteUser(ctx.svc, input)),
  /** A single-use reset link, shown once (and mailed when mail is configured). */
  createResetLink: adminProcedure
    .input(userIdSchema)
    .output(resetLinkSchema)
    .mutation(({ ctx, input }) => createPasswordResetLink(ctx.svc, input, { logger: ctx.logger })),
  /** A temporary password (typed or generated, shown once): signs them out; they choose their own next. */
  setTemporaryPassword: adminProcedure
    .input(setTemporaryPasswordSchema)
    .output(temporaryPasswordResultSchema)
    .mutation(({ ctx, input }) => setTemporaryPassword(ctx.svc, input)),
  changeRole: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/users/{userId}/role",
        tags: ["users"],
        summary: "Change a person's role",
        description: "ADMIN, TEACHER, STUDENT or PARENT. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(changeRoleSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => changeUserRole(ctx.svc, input)),
  deactivate: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/users/{userId}/deactivate",
        tags: ["users"],
        summary: "Deactivate a person",
        description: "They can no longer sign in; their sessions end. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(userIdSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => setUserActive(ctx.svc, { userId: input.userId, active: false })),
  reactivate: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/users/{userId}/reactivate",
        tags: ["users"],
        summary: "Reactivate a person",
        description: "They may sign in again. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(userIdSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => setUserActive(ctx.svc, { userId: input.userId, active: true })),
  parentLinks: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/users/{parentId}/children",
        tags: ["users"],
        summary: "A parent's children",
        description: "The students linked to a parent. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(parentLinksInputSchema)
    .output(parentLinksSchema)
    .query(({ ctx, input }) => parentLinks(ctx.svc, input)),
  linkParent: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/users/{parentId}/children",
        tags: ["users"],
        summary: "Link children to a parent",
        description: "Links up to 20 students to a parent at a time. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(linkParentSchema)
    .output(parentLinksSchema)
    .mutation(({ ctx, input }) => linkParent(ctx.svc, input)),
  unlinkParent: adminProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/users/{parentId}/children/{studentId}",
        tags: ["users"],
        summary: "Unlink a child from a parent",
        description: "Removes the link between a parent and a student. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(unlinkParentSchema)
    .output(parentLinksSchema)
    .mutation(({ ctx, input }) => unlinkParent(ctx.svc, input)),
  // Bulk actions on selected people: all of the organization or none is touched; the answer says
  // per person whether it was done and why not (yourself, the last admin, not a student).
  bulkDeactivate: adminProcedure
    .input(bulkDeactivateSchema)
    .output(bulkUsersResultSchema)
    .mutation(({ ctx, input }) => bulkDeactivate(ctx.svc, input)),
  bulkChangeRole: adminProcedure
    .input(bulkChangeRoleSchema)
    .output(bulkUsersResultSchema)
    .mutation(({ ctx, input }) => bulkChangeRole(ctx.svc, input)),
  bulkLinkParent: adminProcedure
    .input(bulkLinkParentSchema)
    .output(bulkUsersResultSchema)
    .mutation(({ ctx, input }) => bulkLinkParent(ctx.svc, input)),
});
