// `me`: the signed-in user's own profile and password. Any role.
import { changePasswordSchema, profileSchema, updateProfileSchema } from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../../trpc";
import { changePasswordHandler } from "./change-password.handler";
import { getHandler } from "./get.handler";
import { updateProfileHandler } from "./update-profile.handler";

export const meRouter = createTRPCRouter({
  get: protectedProcedure.output(profileSchema).query(getHandler),
  updateProfile: protectedProcedure.input(updateProfileSchema).output(profileSchema).mutation(updateProfileHandler),
  changePassword: protectedProcedure
    .input(changePasswordSchema)
    .output(z.object({ changed: z.literal(true) }))
    .mutation(changePasswordHandler),
});
