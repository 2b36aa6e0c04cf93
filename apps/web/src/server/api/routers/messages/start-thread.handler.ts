import type { StartThreadInput } from "@toolboxai/validators";
import * as messages from "~/server/services/messages";
import type { HandlerArgs } from "../types";

export const startThreadHandler = ({ ctx, input }: HandlerArgs<StartThreadInput>) =>
  messages.startThread(ctx.svc, input);
