import { classGradebook } from "~/server/services/gradebook";
import type { HandlerArgs } from "../types";

export const forClassHandler = ({ ctx, input }: HandlerArgs<{ classId: string }>) => classGradebook(ctx.svc, input);
