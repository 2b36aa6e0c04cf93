import type { userListInputSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { listUsers } from "~/server/services/users";
import type { HandlerArgs } from "../types";

export const listHandler = ({ ctx, input }: HandlerArgs<z.output<typeof userListInputSchema>>) =>
  listUsers(ctx.svc, input);
