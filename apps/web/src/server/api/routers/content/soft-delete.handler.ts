import { deleteContent, restoreContent } from "~/server/services/content";
import type { HandlerArgs } from "../types";

export const deleteHandler = ({ ctx, input }: HandlerArgs<{ contentId: string }>) => deleteContent(ctx.svc, input);

export const restoreHandler = ({ ctx, input }: HandlerArgs<{ contentId: string }>) => restoreContent(ctx.svc, input);
