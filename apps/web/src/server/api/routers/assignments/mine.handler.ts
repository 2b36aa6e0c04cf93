import { listMyAssignments } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const mineHandler = ({ ctx }: Pick<HandlerArgs, "ctx">) => listMyAssignments(ctx.svc);
