import type { updateContentSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { updateContent } from "~/server/services/content";
import type { HandlerArgs } from "../types";

export const updateHandler = ({ ctx, input }: HandlerArgs<z.output<typeof updateContentSchema>>) =>
  updateContent(ctx.svc, input);
