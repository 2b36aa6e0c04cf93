import * as messages from "~/server/services/messages";
import type { HandlerArgs } from "../types";

export const threadsHandler = ({ ctx }: Pick<HandlerArgs, "ctx">) => messages.listThreads(ctx.svc);
