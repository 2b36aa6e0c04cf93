// The tRPC context of this app's requests: @toolboxai/api's context with what only the web app
// knows injected (the next-auth session, this process's database, agents, realtime, logger, rate
// limiter, and which forwarding headers to believe).
import "server-only";
import { type AuthResult, type ContextInner, createTRPCContext } from "@toolboxai/api";
import { getServerSession } from "next-auth";
import { env } from "~/env";
import { getAgentRuntime } from "./agents";
import { authOptions } from "./auth/options";
import { getDb } from "./db";
import { logger } from "./logger";
import { getRateLimiter, proxyTrust } from "./rate-limit";
import { getRealtimePublisher } from "./realtime";

/** The signed-in user of this request, from the next-auth session cookie. */
async function sessionUser(): Promise<AuthResult | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? { userId: session.user.id, sessionId: session.sessionId } : null;
}

export function createContext(opts: { headers: Headers; source?: string }): Promise<ContextInner> {
  return createTRPCContext({
    headers: opts.headers,
    source: opts.source,
    auth: sessionUser,
    db: getDb(),
    agents: getAgentRuntime,
    realtime: getRealtimePublisher(),
    logger,
    trustedOrigins: env.trustedOrigins,
    rateLimiter: getRateLimiter(),
    proxyTrust: proxyTrust(),
  });
}
