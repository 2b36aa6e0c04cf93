import { duplicateContent } from "~/server/services/content";
import type { HandlerArgs } from "../types";

export const duplicateHandler = ({ ctx, input }: HandlerArgs<{ contentId: string }>) =>
  duplicateContent(ctx.svc, input);
