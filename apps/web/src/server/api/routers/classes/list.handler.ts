import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

export const listHandler = ({ ctx, input }: HandlerArgs<{ includeArchived: boolean }>) =>
  classes.listClasses(ctx.svc, input);
