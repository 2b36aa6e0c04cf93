import { classGradebookCsv } from "~/server/services/gradebook";
import type { HandlerArgs } from "../types";

export const csvHandler = ({ ctx, input }: HandlerArgs<{ classId: string }>) => classGradebookCsv(ctx.svc, input);
