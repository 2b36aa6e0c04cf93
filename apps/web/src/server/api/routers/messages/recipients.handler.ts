import * as messages from "~/server/services/messages";
import type { HandlerArgs } from "../types";

export const recipientsHandler = ({ ctx }: Pick<HandlerArgs, "ctx">) => messages.recipients(ctx.svc);
