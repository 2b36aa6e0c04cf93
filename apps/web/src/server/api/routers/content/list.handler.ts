import type { contentListInputSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { listContent } from "~/server/services/content";
import type { HandlerArgs } from "../types";

export const listHandler = ({ ctx, input }: HandlerArgs<z.output<typeof contentListInputSchema>>) =>
  listContent(ctx.svc, input);
