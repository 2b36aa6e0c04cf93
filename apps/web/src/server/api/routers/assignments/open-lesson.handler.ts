import { openLesson } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const openLessonHandler = ({ ctx, input }: HandlerArgs<{ assignmentId: string }>) => openLesson(ctx.svc, input);
