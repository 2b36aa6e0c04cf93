import type { UpdateProfileInput } from "@toolboxai/validators";
import { updateProfile } from "~/server/services/me";
import type { HandlerArgs } from "../types";

export const updateProfileHandler = ({ ctx, input }: HandlerArgs<UpdateProfileInput>) => updateProfile(ctx.svc, input);
