// `passwordReset`: "Forgot password" and the reset page. Public: the person is signed out. Each
// call is also counted by the limiter every public call passes; requests have limits of their own.
import { requestPasswordReset, resetPassword, resetTokenStatus } from "@toolboxai/core";
import {
  FORGOT_PASSWORD_MESSAGE,
  forgotPasswordSchema,
  resetPasswordResultSchema,
  resetPasswordSchema,
  resetTokenInputSchema,
  resetTokenStatusSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "../../trpc";

export const passwordResetRouter = createTRPCRouter({
  /** Always the same answer, whether or not the email has an account. */
  request: publicProcedure
    .input(forgotPasswordSchema)
    .output(z.object({ message: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await requestPasswordReset(
        {
          db: ctx.db,
          limiter: ctx.rateLimiter,
          ip: ctx.request?.ip ?? null,
          correlationId: ctx.correlationId,
          logger: ctx.logger,
        },
        input,
      );
      return { message: FORGOT_PASSWORD_MESSAGE };
    }),
  status: publicProcedure
    .input(resetTokenInputSchema)
    .output(resetTokenStatusSchema)
    .query(({ ctx, input }) => resetTokenStatus({ db: ctx.db }, input)),
  complete: publicProcedure
    .input(resetPasswordSchema)
    .output(resetPasswordResultSchema)
    .mutation(({ ctx, input }) =>
      resetPassword({ db: ctx.db, correlationId: ctx.correlationId, ip: ctx.request?.ip ?? null }, input),
    ),
});
