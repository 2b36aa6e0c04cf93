import type { ClassInput } from "@toolboxai/validators";
import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

export const createHandler = ({ ctx, input }: HandlerArgs<ClassInput>) => classes.createClass(ctx.svc, input);
