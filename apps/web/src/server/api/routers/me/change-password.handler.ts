import type { ChangePasswordInput } from "@toolboxai/validators";
import { changePassword } from "~/server/services/me";
import type { HandlerArgs } from "../types";

export const changePasswordHandler = ({ ctx, input }: HandlerArgs<ChangePasswordInput>) =>
  changePassword(ctx.svc, input);
