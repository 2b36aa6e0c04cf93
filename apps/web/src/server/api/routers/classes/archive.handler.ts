import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

type ClassId = { classId: string };

export const archiveHandler = ({ ctx, input }: HandlerArgs<ClassId>) =>
  classes.setClassArchived(ctx.svc, { classId: input.classId, archived: true });
