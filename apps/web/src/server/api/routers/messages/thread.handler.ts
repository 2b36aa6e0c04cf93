import * as messages from "~/server/services/messages";
import type { HandlerArgs } from "../types";

type ThreadId = { threadId: string };

export const threadHandler = ({ ctx, input }: HandlerArgs<ThreadId>) => messages.getThread(ctx.svc, input.threadId);
