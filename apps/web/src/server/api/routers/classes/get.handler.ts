import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

type ClassId = { classId: string };

export const getHandler = ({ ctx, input }: HandlerArgs<ClassId>) => classes.getClass(ctx.svc, input.classId);
