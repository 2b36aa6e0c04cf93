import { studentInClass } from "~/server/services/gradebook";
import type { HandlerArgs } from "../types";

export const studentHandler = ({ ctx, input }: HandlerArgs<{ classId: string; studentId: string }>) =>
  studentInClass(ctx.svc, input);
