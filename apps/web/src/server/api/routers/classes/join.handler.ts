import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

export const joinHandler = ({ ctx, input }: HandlerArgs<{ code: string }>) => classes.joinClass(ctx.svc, input.code);
