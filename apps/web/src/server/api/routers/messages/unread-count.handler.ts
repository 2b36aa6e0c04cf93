import * as messages from "~/server/services/messages";
import type { HandlerArgs } from "../types";

export const unreadCountHandler = ({ ctx }: Pick<HandlerArgs, "ctx">) => messages.unreadCount(ctx.svc);
