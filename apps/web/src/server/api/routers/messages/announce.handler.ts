import type { AnnounceInput } from "@toolboxai/validators";
import * as messages from "~/server/services/messages";
import type { HandlerArgs } from "../types";

export const announceHandler = ({ ctx, input }: HandlerArgs<AnnounceInput>) => messages.announce(ctx.svc, input);
