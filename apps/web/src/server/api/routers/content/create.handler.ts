import type { createContentSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { createContent } from "~/server/services/content";
import type { HandlerArgs } from "../types";

export const createHandler = ({ ctx, input }: HandlerArgs<z.output<typeof createContentSchema>>) =>
  createContent(ctx.svc, input);
