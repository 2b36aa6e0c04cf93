import type { Role } from "@toolboxai/db";
import { changeUserRole } from "~/server/services/users";
import type { HandlerArgs } from "../types";

export const changeRoleHandler = ({ ctx, input }: HandlerArgs<{ userId: string; role: Role }>) =>
  changeUserRole(ctx.svc, input);
