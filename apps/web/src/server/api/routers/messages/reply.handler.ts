import type { ReplyInput } from "@toolboxai/validators";
import * as messages from "~/server/services/messages";
import type { HandlerArgs } from "../types";

export const replyHandler = ({ ctx, input }: HandlerArgs<ReplyInput>) => messages.reply(ctx.svc, input);
