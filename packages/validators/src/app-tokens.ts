// Tokens for first-party apps (the mobile app): POST /api/v1/auth/token, /auth/refresh and
// /auth/revoke. An app signs in with an email and password and gets a short-lived access token
// (a JWT it sends as `Authorization: Bearer`) and an opaque refresh token it trades for a new
// pair; each grant is an app session the account's session list shows.
import { z } from "zod";
import { emailSchema, roleSchema } from "./common";
import { textSchema } from "./text";

/** A refresh token: `tbx_rt_` and 43 base64url characters (anything else is refused as unknown). */
export const refreshTokenSchema = textSchema
  .trim()
  .min(1, "Enter the refresh token")
  .max(200, "This refresh token is not valid");

/**
 * What the app calls itself in the account's session list ("ToolboxAI for iPad"). No "/": a
 * session's recorded client is either this name or an HTTP user agent, and user agents have one.
 */
export const appClientNameSchema = textSchema
  .trim()
  .min(1, "Enter the app's name")
  .max(60, "The app's name is at most 60 characters")
  .regex(/^[\p{L}\p{N} .,_'()+:-]+$/u, "Use letters, digits, spaces and . , _ ' ( ) + : - in the app's name");

/** An organization's slug (`alpha-school`), for an email that has accounts in two schools. */
export const organizationSlugSchema = textSchema
  .trim()
  .toLowerCase()
  .min(1, "Enter the school's short name")
  .max(64, "The school's short name is at most 64 characters")
  .regex(/^[a-z0-9-]+$/, "Use the school's short name: letters, digits and dashes");

export const appTokenRequestSchema = z
  .object({
    email: emailSchema,
    password: textSchema.min(1, "Enter your password").max(128, "Password is at most 128 characters"),
    /**
     * The school, when the email has an account in more than one. Without it, the account is the
     * one the web's sign-in would pick: the oldest whose password matches.
     */
    organization: organizationSlugSchema.optional(),
    clientName: appClientNameSchema.optional(),
  })
  .meta({
    id: "AppTokenRequest",
    examples: [{ email: "teacher@school.example", password: "correct-horse-42", clientName: "ToolboxAI for iPad" }],
  });
export type AppTokenRequest = z.infer<typeof appTokenRequestSchema>;

export const appTokenRefreshSchema = z
  .object({ refreshToken: refreshTokenSchema })
  .meta({ id: "AppTokenRefresh", examples: [{ refreshToken: "tbx_rt_3q2-7wEXAMPLEoK9bN1ZzW0aVt5yQmR8sLhJ4dFcGuI" }] });
export type AppTokenRefreshInput = z.infer<typeof appTokenRefreshSchema>;

/** Revoke a refresh token's session, or (without one) the session of the access token sent. */
export const appTokenRevokeSchema = z
  .object({ refreshToken: refreshTokenSchema.optional() })
  .meta({ id: "AppTokenRevoke", examples: [{ refreshToken: "tbx_rt_3q2-7wEXAMPLEoK9bN1ZzW0aVt5yQmR8sLhJ4dFcGuI" }] });
export type AppTokenRevokeInput = z.infer<typeof appTokenRevokeSchema>;

export const appTokenUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  organizationId: z.string(),
});

export const appTokenGrantSchema = z
  .object({
    /** A JWT valid for `expiresIn` seconds: `Authorization: Bearer <accessToken>`. */
    accessToken: z.string(),
    tokenType: z.literal("Bearer"),
    expiresIn: z.number().int().min(0),
    /** Single use: trade it at /auth/refresh for the next pair. Presenting it twice ends the session. */
    refreshToken: z.string(),
    /** Seconds until the session's absolute end, after which the app must sign in again. */
    refreshExpiresIn: z.number().int().min(0),
    user: appTokenUserSchema,
  })
  .meta({
    id: "AppTokenGrant",
    examples: [
      {
        accessToken: "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJl",
        tokenType: "Bearer",
        expiresIn: 900,
        refreshToken: "tbx_rt_3q2-7wEXAMPLEoK9bN1ZzW0aVt5yQmR8sLhJ4dFcGuI",
        refreshExpiresIn: 43200,
        user: { id: "cmabc123teacher", name: "Ada Lovelace", role: "TEACHER", organizationId: "cmabc123org" },
      },
    ],
  });
export type AppTokenGrant = z.infer<typeof appTokenGrantSchema>;

/** RFC 7009: the same answer whether or not the token was known. */
export const appTokenRevokeResultSchema = z
  .object({ revoked: z.literal(true) })
  .meta({ id: "AppTokenRevoked", examples: [{ revoked: true }] });
export type AppTokenRevokeResult = z.infer<typeof appTokenRevokeResultSchema>;

/** What a refused refresh says (the app signs in again after each of them). */
export const APP_TOKEN_MESSAGES = {
  unknownRefresh: "This refresh token is not valid; sign in again.",
  reusedRefresh: "This refresh token was already used; sign in again.",
  expiredRefresh: "This refresh token has expired; sign in again.",
  sessionEnded: "This session has ended; sign in again.",
  expiredAccess: "This access token has expired.",
  invalidAccess: "This access token is not valid.",
  revokedAccess: "This access token's session was revoked; sign in again.",
} as const;
