import { getContent } from "~/server/services/content";
import type { HandlerArgs } from "../types";

export const getHandler = ({ ctx, input }: HandlerArgs<{ contentId: string }>) => getContent(ctx.svc, input);
