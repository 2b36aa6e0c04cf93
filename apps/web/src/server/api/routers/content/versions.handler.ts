import { listContentVersions, restoreContentVersion } from "~/server/services/content";
import type { HandlerArgs } from "../types";

export const listVersionsHandler = ({ ctx, input }: HandlerArgs<{ contentId: string }>) =>
  listContentVersions(ctx.svc, input);

export const restoreVersionHandler = ({ ctx, input }: HandlerArgs<{ contentId: string; version: number }>) =>
  restoreContentVersion(ctx.svc, input);
