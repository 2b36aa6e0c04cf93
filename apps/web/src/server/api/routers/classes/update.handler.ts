import type { ClassInput } from "@toolboxai/validators";
import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

type ClassId = { classId: string };

export const updateHandler = ({ ctx, input }: HandlerArgs<ClassInput & ClassId>) => classes.updateClass(ctx.svc, input);
