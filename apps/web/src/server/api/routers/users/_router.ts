// `users`: an admin manages the people of their organization.
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
import { changeRoleHandler } from "./change-role.handler";
import { createHandler } from "./create.handler";
import { listHandler } from "./list.handler";
import { deactivateHandler, reactivateHandler } from "./set-active.handler";

const adminProcedure = roleProcedure("ADMIN");

export const usersRouter = createTRPCRouter({
  list: adminProcedure.input(userListInputSchema).output(userListSchema).query(listHandler),
  create: adminProcedure.input(createUserSchema).output(createdUserSchema).mutation(createHandler),
  changeRole: adminProcedure.input(changeRoleSchema).output(userSchema).mutation(changeRoleHandler),
  deactivate: adminProcedure.input(userIdSchema).output(userSchema).mutation(deactivateHandler),
  reactivate: adminProcedure.input(userIdSchema).output(userSchema).mutation(reactivateHandler),
});
