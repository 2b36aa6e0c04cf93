import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

type ClassId = { classId: string };

export const regenerateCodeHandler = ({ ctx, input }: HandlerArgs<ClassId>) =>
  classes.regenerateJoinCode(ctx.svc, input.classId);
