import { z } from "zod";
import { emailSchema } from "./common";
import { textSchema } from "./text";

export const signInSchema = z.object({
  email: emailSchema,
  password: textSchema.min(1, "Enter your password").max(128),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The one message for every failed sign-in: it never says whether the email exists. */
export const SIGN_IN_FAILED_MESSAGE = "That email and password don't match an active account.";
