import { childrenProgress } from "~/server/services/gradebook";
import type { HandlerArgs } from "../types";

export const childrenHandler = ({ ctx }: Pick<HandlerArgs, "ctx">) => childrenProgress(ctx.svc);
