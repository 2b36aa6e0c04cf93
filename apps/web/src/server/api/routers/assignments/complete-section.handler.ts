import { completeSection } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const completeSectionHandler = ({ ctx, input }: HandlerArgs<{ assignmentId: string; sectionId: string }>) =>
  completeSection(ctx.svc, input);
