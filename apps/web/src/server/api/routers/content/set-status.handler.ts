import { publishContent, unpublishContent } from "~/server/services/content";
import type { HandlerArgs } from "../types";

export const publishHandler = ({ ctx, input }: HandlerArgs<{ contentId: string }>) => publishContent(ctx.svc, input);

export const unpublishHandler = ({ ctx, input }: HandlerArgs<{ contentId: string }>) =>
  unpublishContent(ctx.svc, input);
