import type { createUserSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { createUser } from "~/server/services/users";
import type { HandlerArgs } from "../types";

export const createHandler = ({ ctx, input }: HandlerArgs<z.output<typeof createUserSchema>>) =>
  createUser(ctx.svc, input);
