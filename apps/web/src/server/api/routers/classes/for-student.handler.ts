import { getClassForStudent } from "~/server/services/classes";
import type { HandlerArgs } from "../types";

export const forStudentHandler = ({ ctx, input }: HandlerArgs<{ classId: string }>) =>
  getClassForStudent(ctx.svc, input.classId);
