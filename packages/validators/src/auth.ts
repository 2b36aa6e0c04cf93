import { z } from "zod";
import { emailSchema, isoDate, newPasswordSchema } from "./common";
import { textSchema } from "./text";

export const signInSchema = z.object({
  email: emailSchema,
  password: textSchema.min(1, "Enter your password").max(128),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The one message for every failed sign-in: it never says whether the email exists. */
export const SIGN_IN_FAILED_MESSAGE = "That email and password don't match an active account.";

/** "Forgot password": the address to send a reset link to. */
export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

/**
 * The one answer to every "Forgot password" request: it never says whether the email has an
 * account, and gives a next step to people without a mailbox of their own (many students).
 */
export const FORGOT_PASSWORD_MESSAGE =
  "If that email belongs to an account, we've sent it a link to choose a new password. The link works once, for 24 hours. No email? Ask your teacher or school admin to reset your password.";

/** A reset link's token: 32 random bytes, base64url (43 characters). */
export const resetTokenSchema = textSchema.trim().min(1, "This link is incomplete").max(200, "This link is not valid");

export const resetTokenInputSchema = z.object({ token: resetTokenSchema });

export const resetTokenStatusSchema = z.discriminatedUnion("valid", [
  z.object({ valid: z.literal(true), email: z.string(), expiresAt: isoDate() }),
  z.object({ valid: z.literal(false), reason: z.enum(["unknown", "expired", "used"]) }),
]);
export type ResetTokenStatus = z.infer<typeof resetTokenStatusSchema>;

export const resetPasswordSchema = z
  .object({
    token: resetTokenSchema,
    password: newPasswordSchema,
    confirmPassword: textSchema.max(128),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "The passwords don't match",
    path: ["confirmPassword"],
  });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** After a reset: the account's email, so the page can sign the person in with the new password. */
export const resetPasswordResultSchema = z.object({ email: z.string() });
