import { setUserActive } from "~/server/services/users";
import type { HandlerArgs } from "../types";

export const deactivateHandler = ({ ctx, input }: HandlerArgs<{ userId: string }>) =>
  setUserActive(ctx.svc, { userId: input.userId, active: false });

export const reactivateHandler = ({ ctx, input }: HandlerArgs<{ userId: string }>) =>
  setUserActive(ctx.svc, { userId: input.userId, active: true });
