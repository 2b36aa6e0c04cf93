// The tRPC context of this app's requests: @toolboxai/api's context with what only the web app
// knows injected (who the credentials say is calling, this process's database, agents, realtime,
// metrics cache, logger, rate limiter, and which forwarding headers to believe).
import "server-only";
import {
  type AuthRejection,
  type AuthRequest,
  type AuthResult,
  type ContextInner,
  createTRPCContext,
} from "@toolboxai/api";
import { authenticateApiKey, deriveSecret, isApiKeyRejection } from "@toolboxai/core";
import { getServerSession } from "next-auth";
import { env } from "~/env";
import { getAgentRuntime } from "./agents";
import { authenticateAccessToken, getAppTokenSettings } from "./auth/access-token";
import { credentialOf } from "./auth/credentials";
import { authOptions } from "./auth/options";
import { getDb } from "./db";
import { logger } from "./logger";
import { getMetricsRuntime } from "./metrics";
import { getRateLimiter, proxyTrust } from "./rate-limit";
import { getRealtimePublisher } from "./realtime";

let pepper: Buffer | null = null;
/** What API keys are hashed with: derived from the app's one secret, so every instance agrees. */
function apiKeyPepper(): Buffer {
  pepper ??= deriveSecret(env.authSecret, "api-key-hash");
  return pepper;
}

/** The signed-in user of this request, from the next-auth session cookie. */
async function sessionUser(): Promise<AuthResult | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? { userId: session.user.id, sessionId: session.sessionId } : null;
}

/**
 * Who the request's credentials say is calling: an API key (looked up on every request, so a
 * revocation holds on every instance at once), an app's access token, or the session cookie.
 */
async function authenticate(request: AuthRequest, url: string | undefined): Promise<AuthResult | AuthRejection | null> {
  const credential = credentialOf(request.headers, url);
  switch (credential.kind) {
    case "refused":
      return { rejected: { code: "UNAUTHORIZED", message: credential.message } };
    case "api-key": {
      const key = await authenticateApiKey(getDb(), credential.key, { pepper: apiKeyPepper(), ip: request.ip });
      return isApiKeyRejection(key) ? key : { userId: key.userId, apiKey: { id: key.apiKeyId, scopes: key.scopes } };
    }
    case "access-token":
      return authenticateAccessToken(credential.token);
    case "session":
      return sessionUser();
  }
}

export function createContext(opts: {
  headers: Headers;
  source?: string;
  /** The request's URL, when there is one: a key sent in it is refused. */
  url?: string;
}): Promise<ContextInner> {
  return createTRPCContext({
    headers: opts.headers,
    source: opts.source,
    auth: (request) => authenticate(request, opts.url),
    db: getDb(),
    agents: getAgentRuntime,
    realtime: getRealtimePublisher(),
    metrics: getMetricsRuntime(),
    logger,
    trustedOrigins: env.trustedOrigins,
    rateLimiter: getRateLimiter(),
    proxyTrust: proxyTrust(),
    apiKeyPepper: apiKeyPepper(),
    appTokens: getAppTokenSettings(),
  });
}
