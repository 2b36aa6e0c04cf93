// `me`: the signed-in user's own profile, password and sessions. Any role.
import { changePassword, getProfile, listMySessions, signOutOtherSessions, updateProfile } from "@toolboxai/core";
import {
  changePasswordSchema,
  profileSchema,
  sessionListSchema,
  signOutOtherSessionsResultSchema,
  updateProfileSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../../trpc";

export const meRouter = createTRPCRouter({
  get: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me",
        tags: ["users"],
        summary: "Who am I",
        description:
          "The caller's profile and organization (for an API key: the user it acts as). Anyone signed in, with any API key.",
      },
      // Any credential may ask whom it acts as: an API key needs no particular scope.
      scopes: [],
    })
    .output(profileSchema)
    .query(({ ctx }) => getProfile(ctx.svc)),
  updateProfile: protectedProcedure
    .input(updateProfileSchema)
    .output(profileSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx.svc, input)),
  changePassword: protectedProcedure
    .input(changePasswordSchema)
    .output(z.object({ changed: z.literal(true) }))
    .mutation(({ ctx, input }) => changePassword(ctx.svc, input)),
  /** The browsers signed in to this account (device, last seen, IP), this one first. */
  sessions: protectedProcedure.output(sessionListSchema).query(({ ctx }) => listMySessions(ctx.svc)),
  /** Ends every session of this account but the one asking. */
  signOutOtherSessions: protectedProcedure
    .output(signOutOtherSessionsResultSchema)
    .mutation(({ ctx }) => signOutOtherSessions(ctx.svc)),
});
