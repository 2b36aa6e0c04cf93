import { countNewGrades } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const newGradeCountHandler = ({ ctx }: Pick<HandlerArgs, "ctx">) => countNewGrades(ctx.svc);
