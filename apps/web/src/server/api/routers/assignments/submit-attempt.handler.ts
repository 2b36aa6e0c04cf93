import type { QuestionResponse } from "@toolboxai/validators";
import { submitAttempt } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const submitAttemptHandler = ({
  ctx,
  input,
}: HandlerArgs<{ attemptId: string; responses?: Record<string, QuestionResponse | null> | undefined }>) =>
  submitAttempt(ctx.svc, input);
