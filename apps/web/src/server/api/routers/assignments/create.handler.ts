import type { createAssignmentSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { createAssignment } from "~/server/services/assignments";
import type { HandlerArgs } from "../types";

export const createAssignmentHandler = ({ ctx, input }: HandlerArgs<z.output<typeof createAssignmentSchema>>) =>
  createAssignment(ctx.svc, input);
