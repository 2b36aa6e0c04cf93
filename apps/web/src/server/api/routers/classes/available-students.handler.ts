import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

export const availableStudentsHandler = ({
  ctx,
  input,
}: HandlerArgs<{ classId: string; search?: string | undefined }>) => classes.availableStudents(ctx.svc, input);
