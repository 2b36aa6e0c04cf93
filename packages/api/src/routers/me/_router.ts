// `me`: the signed-in user's own profile and password. Any role.
import { changePassword, getProfile, updateProfile } from "@toolboxai/core";
import { changePasswordSchema, profileSchema, updateProfileSchema } from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../../trpc";

export const meRouter = createTRPCRouter({
  get: protectedProcedure.output(profileSchema).query(({ ctx }) => getProfile(ctx.svc)),
  updateProfile: protectedProcedure
    .input(updateProfileSchema)
    .output(profileSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx.svc, input)),
  changePassword: protectedProcedure
    .input(changePasswordSchema)
    .output(z.object({ changed: z.literal(true) }))
    .mutation(({ ctx, input }) => changePassword(ctx.svc, input)),
});
