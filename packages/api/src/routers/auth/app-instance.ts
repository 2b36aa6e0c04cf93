// Test support: one app instance as the web app builds it (a session registry on its own hub,
// optionally with the Redis revocation bus; app-token settings from the shared secret; bearer
// access tokens resolved through the registry), calling the real router through createTRPCContext.
import {
  appTokenSettings,
  checkAccessToken,
  createRedisRevocationBus,
  createRevocationHub,
  createSessionRegistry,
  DEFAULT_SESSION_POLICY,
  type RateLimiter,
  type RevocationBus,
  type SessionRegistry,
} from "@toolboxai/core";
import type { Database } from "@toolboxai/db";
import type { AuthRejection, AuthResult } from "../../context";
import { createTRPCContext } from "../../context";
import { createCaller } from "../../root";

export const SHARED_SECRET = "the-one-secret-every-instance-of-this-deployment-shares";
export const APP_USER_AGENT = "ToolboxAI/2.1 CFNetwork/1494.0.7 Darwin/23.4.0";

export interface AppInstance {
  registry: SessionRegistry;
  bus: RevocationBus | undefined;
  /** A caller for one request with these headers (an `authorization` header makes it an app's). */
  caller(headers?: Record<string, string>): Promise<ReturnType<typeof createCaller>>;
  /** A caller acting with this access token. */
  bearer(accessToken: string): Promise<ReturnType<typeof createCaller>>;
  close(): Promise<void>;
}

export function createAppInstance(options: {
  db: Database;
  limiter?: RateLimiter | null;
  /** Another instance shares this channel through Redis. */
  redis?: { url: string; channel: string };
  ip?: string;
}): AppInstance {
  const hub = createRevocationHub();
  const bus = options.redis ? createRedisRevocationBus(options.redis) : undefined;
  const registry = createSessionRegistry({
    db: options.db,
    policy: DEFAULT_SESSION_POLICY,
    hub,
    bus,
    singleProcess: !bus,
  });
  const settings = { ...appTokenSettings(SHARED_SECRET), revocations: hub };

  async function auth({ headers }: { headers: Headers }): Promise<AuthResult | AuthRejection | null> {
    const match = /^Bearer (\S+)$/.exec(headers.get("authorization") ?? "");
    if (!match?.[1]) return null;
    const check = await checkAccessToken(settings, registry, match[1]);
    return check.ok
      ? { userId: check.userId, sessionId: check.sessionId }
      : { rejected: { code: "UNAUTHORIZED", message: check.message } };
  }

  async function caller(headers: Record<string, string> = {}) {
    return createCaller(
      await createTRPCContext({
        db: options.db,
        headers: new Headers({
          "user-agent": APP_USER_AGENT,
          "x-forwarded-for": options.ip ?? "203.0.113.30",
          ...headers,
        }),
        auth,
        appTokens: settings,
        rateLimiter: options.limiter ?? null,
        // As behind the app's own server, which appends the socket's address.
        proxyTrust: { hops: 0, socketAddressAppended: true },
        source: "test",
      }),
    );
  }

  return {
    registry,
    bus,
    caller,
    bearer: (accessToken) => caller({ authorization: `Bearer ${accessToken}` }),
    close: () => registry.close(),
  };
}
