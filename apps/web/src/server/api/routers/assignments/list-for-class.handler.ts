import { listClassAssignments } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const listForClassHandler = ({ ctx, input }: HandlerArgs<{ classId: string }>) =>
  listClassAssignments(ctx.svc, input);
