import type { QuestionResponse } from "@toolboxai/validators";
import { saveResponses } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const saveResponsesHandler = ({
  ctx,
  input,
}: HandlerArgs<{ attemptId: string; responses: Record<string, QuestionResponse | null> }>) =>
  saveResponses(ctx.svc, input);
