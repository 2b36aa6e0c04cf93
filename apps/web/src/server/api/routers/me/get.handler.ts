import { getProfile } from "~/server/services/me";
import type { HandlerArgs } from "../types";

export const getHandler = ({ ctx }: Pick<HandlerArgs, "ctx">) => getProfile(ctx.svc);
