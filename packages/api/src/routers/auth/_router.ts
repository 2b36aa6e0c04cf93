// `auth`: tokens for first-party apps (the mobile app), published as POST /api/v1/auth/token,
// /auth/refresh and /auth/revoke. Public: the caller is signing in. The token grant goes through
// the web's sign-in limits; every grant is an app session the account's session list shows.
import { type AppTokenDeps, grantAppTokens, refreshAppTokens, revokeAppTokens } from "@toolboxai/core";
import {
  appTokenGrantSchema,
  appTokenRefreshSchema,
  appTokenRequestSchema,
  appTokenRevokeResultSchema,
  appTokenRevokeSchema,
} from "@toolboxai/validators";
import type { ContextInner } from "../../context";
import { createTRPCRouter, publicProcedure } from "../../trpc";

const tags = ["auth"];

/** What the token services need from the request: where it came from, and who asks. */
function requestDeps(ctx: ContextInner) {
  return {
    db: ctx.db,
    ip: ctx.request?.ip ?? null,
    userAgent: ctx.request?.userAgent,
    correlationId: ctx.correlationId,
    // Where this instance's session registry hears of the sessions these calls end.
    hub: ctx.appTokens?.revocations,
  };
}

/** ...and, to issue tokens, the signing key and the sign-in limits. */
function tokenDeps(ctx: ContextInner): AppTokenDeps {
  if (!ctx.appTokens) {
    throw new Error("This context signs no app tokens: pass `appTokens` (appTokenSettings(authSecret)).");
  }
  return { ...requestDeps(ctx), settings: ctx.appTokens, limiter: ctx.rateLimiter };
}

export const authRouter = createTRPCRouter({
  token: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/token",
        tags,
        summary: "Sign in an app",
        description:
          "Email and password give a 15-minute access token (send it as \"Authorization: Bearer\") and a single-use refresh token; the session appears in the account's session list. Wrong passwords count toward the same blocks as the web's sign-in (429 with Retry-After). Anyone with an active account.",
        protect: false,
        errorResponses: { 400: "Invalid input", 401: "Wrong email or password", 429: "Too many sign-in attempts" },
      },
    })
    .input(appTokenRequestSchema)
    .output(appTokenGrantSchema)
    .mutation(({ ctx, input }) => grantAppTokens(tokenDeps(ctx), input)),
  refresh: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/refresh",
        tags,
        summary: "Refresh an app's tokens",
        description:
          "Trades a refresh token for a new pair; the one sent is used up. Sending a used refresh token again ends its whole session (401): sign in again. The session's idle and absolute limits apply. Anyone holding a refresh token.",
        protect: false,
        errorResponses: { 400: "Invalid input", 401: "Unknown, used or expired refresh token, or an ended session" },
      },
    })
    .input(appTokenRefreshSchema)
    .output(appTokenGrantSchema)
    .mutation(({ ctx, input }) => refreshAppTokens(tokenDeps(ctx), input)),
  revoke: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/revoke",
        tags,
        summary: "Sign out an app",
        description:
          "Ends the session of the refresh token sent or, without one, of the access token in the Authorization header. Answers the same for an unknown token (RFC 7009). Anyone.",
        protect: false,
        errorResponses: { 400: "Invalid input" },
      },
    })
    .input(appTokenRevokeSchema)
    .output(appTokenRevokeResultSchema)
    .mutation(({ ctx, input }) =>
      revokeAppTokens(requestDeps(ctx), {
        refreshToken: input.refreshToken,
        // An access token's own session (an API key has none; a browser's is refused by the service).
        sessionId: ctx.actor?.apiKeyId ? undefined : ctx.actor?.sessionId,
      }),
    ),
});
