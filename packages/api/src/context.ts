// The tRPC context. The inner part needs no HTTP request: tests, scripts and other apps build it
// with `createContextInner`. The outer part (`createTRPCContext`) reads a request's headers; the
// app that serves HTTP injects how to find the signed-in user (`auth`), so this package knows
// nothing of next-auth, cookies or Next.

import type { AgentRuntime } from "@toolboxai/agents";
import {
  type Actor,
  type AppTokenSettings,
  type Correlation,
  clientAddress,
  createMetricsCache,
  loadActor,
  type MetricsRuntime,
  newCorrelation,
  type ProxyTrust,
  type RateLimitDecision,
  type RateLimiter,
  type RealtimePublisher,
  requestCorrelation,
  type TaskRuntime,
} from "@toolboxai/core";
import type { Database } from "@toolboxai/db";
import pino, { type Logger } from "pino";

/** What requests need of the agents' runtime: the tasks' queue and model, and the assistants' conversation model. */
export type ContextAgents = TaskRuntime & Pick<AgentRuntime, "conversation">;

export interface RequestInfo {
  /** `Origin` header, when the browser sent one. */
  origin: string | null;
  /** The host the client addressed: `Host`, or behind trusted proxies their `X-Forwarded-Host`. */
  host: string | null;
  /** The client's IP as the trusted-proxy setting resolves it; null when it cannot be known. */
  ip?: string | null;
  /** `Sec-Fetch-Site`, sent by every current browser. */
  secFetchSite: string | null;
  /** `User-Agent`, recorded on the sessions a sign-in starts (an app's tokens). */
  userAgent?: string | null;
  /** Where the call came from: "nextjs-react", "rsc", a REST client, a test. */
  source: string;
}

export interface ContextInner {
  db: Database;
  actor: Actor | null;
  /** The chain's correlation id (`correlation.correlationId`), what services and audit rows carry. */
  correlationId: string;
  /** The request's correlation ids (see @toolboxai/core's correlation/ids.ts). */
  correlation: Correlation;
  request: RequestInfo | null;
  /** The agents' queue and models, created on first use (tests pass their own). */
  agents: () => ContextAgents;
  /** Where services publish realtime events after their writes (none: they publish nothing). */
  realtime: RealtimePublisher | undefined;
  /**
   * The metrics services' cache and system probe (the app's: Redis when configured). Services
   * invalidate through its cache (`svc.metricsCache`) when they change the numbers.
   */
  metrics: MetricsRuntime;
  /** Where the request log goes (silent unless the app passes its logger). */
  logger: Logger;
  /** Origins besides the requested host allowed to send mutations (e.g. a separate admin host). */
  trustedOrigins: readonly string[];
  /** Counts every call against the platform's limits; null: no limits (tests, the worker, scripts). */
  rateLimiter: RateLimiter | null;
  /** Every limit this request was counted against (the response's X-RateLimit-* fields). */
  limits: RateLimitDecision[];
  /** Why the request's credential was not accepted (an expired or revoked key): what requireActor says. */
  authRejection: AuthRejection | null;
  /**
   * What API keys are hashed with (`deriveSecret(authSecret, "api-key-hash")`, the same on every
   * instance); null where no key is made or checked (the worker, scripts).
   */
  apiKeyPepper: Buffer | null;
  /**
   * What first-party apps' access tokens are signed with (`appTokenSettings(authSecret)`, the same
   * on every instance); null where no app signs in (the worker, scripts).
   */
  appTokens: AppTokenSettings | null;
}

function noAgents(): never {
  throw new Error("This context has no agent runtime; pass `agents` to createContextInner");
}

const silent = pino({ level: "silent" });

/** What the system metrics read where nobody measures them (tests, scripts). */
const UNMEASURED_SYSTEM = {
  api_response_time_p95: null,
  cache_hit_rate: null,
  database_connections: 0,
  redis_memory_usage: null,
  error_rate: null,
};

let defaultMetrics: MetricsRuntime | null = null;

/**
 * One in-memory metrics runtime per process for contexts that are given none (tests, scripts),
 * so their requests share one cache as an app's do.
 */
function memoryMetrics(): MetricsRuntime {
  if (!defaultMetrics) {
    const cache = createMetricsCache({});
    defaultMetrics = { cache, system: async () => ({ ...UNMEASURED_SYSTEM }) };
  }
  return defaultMetrics;
}

/** The part of the context that needs no HTTP request: tests and the worker build it directly. */
export function createContextInner(opts: Partial<ContextInner> & { db: Database }): ContextInner {
  const correlation = opts.correlation ?? newCorrelation("web", opts.correlationId);
  return {
    db: opts.db,
    actor: opts.actor ?? null,
    correlationId: correlation.correlationId,
    correlation,
    request: opts.request ?? null,
    agents: opts.agents ?? noAgents,
    realtime: opts.realtime,
    metrics: opts.metrics ?? memoryMetrics(),
    logger: opts.logger ?? silent,
    trustedOrigins: opts.trustedOrigins ?? [],
    rateLimiter: opts.rateLimiter ?? null,
    limits: opts.limits ?? [],
    authRejection: opts.authRejection ?? null,
    apiKeyPepper: opts.apiKeyPepper ?? null,
    appTokens: opts.appTokens ?? null,
  };
}

/**
 * Who a request's credentials say is calling: a user (with the browser or app session the
 * credential belongs to), or an API key acting as its user within its scopes.
 */
export interface AuthResult {
  userId: string;
  sessionId?: string | undefined;
  apiKey?: { id: string; scopes: readonly string[] } | undefined;
}

/**
 * A credential that was presented and not accepted: the request goes on without an actor, and
 * procedures that need one refuse with this code and message instead of "Sign in to continue".
 */
export interface AuthRejection {
  rejected: { code: "UNAUTHORIZED" | "FORBIDDEN"; message: string };
}

export function isAuthRejection(value: AuthResult | AuthRejection | null): value is AuthRejection {
  return value !== null && "rejected" in value;
}

/** What the app's authenticator sees of a request. */
export interface AuthRequest {
  headers: Headers;
  /** The client's IP as the trusted-proxy setting resolves it (API keys' allowlists). */
  ip: string | null;
}

export interface CreateContextOptions
  extends Omit<
    Partial<ContextInner>,
    "actor" | "request" | "correlationId" | "correlation" | "rateLimiter" | "limits" | "authRejection"
  > {
  db: Database;
  headers: Headers;
  /**
   * Who is calling: a session cookie, an app's access token or an API key, resolved by the app
   * (which knows next-auth and the secrets); null when the request carries no credential, an
   * AuthRejection for one that is present but not accepted (revoked, expired, wrong address).
   */
  auth: (request: AuthRequest) => Promise<AuthResult | AuthRejection | null>;
  /** The request's correlation; read from its headers when not given. */
  correlation?: Correlation;
  source?: string;
  /** Every HTTP request is limited: the app passes its limiter (null only where limits do not apply). */
  rateLimiter: RateLimiter | null;
  /** Which forwarding headers to believe (see @toolboxai/core's clientAddress). */
  proxyTrust: ProxyTrust;
}

/** The full context for an HTTP request (tRPC route handler, REST) or an RSC render. */
export async function createTRPCContext(opts: CreateContextOptions): Promise<ContextInner> {
  const { headers: h, auth, source, proxyTrust, correlation, ...rest } = opts;
  const address = clientAddress((name) => h.get(name), proxyTrust);
  const outcome = await auth({ headers: h, ip: address.ip ?? null });
  const credential = isAuthRejection(outcome) ? null : outcome;
  const user = credential ? await loadActor(opts.db, credential.userId) : null;
  const actor: Actor | null = user
    ? {
        ...user,
        ...(credential?.sessionId ? { sessionId: credential.sessionId } : {}),
        ...(credential?.apiKey ? { apiKeyId: credential.apiKey.id, scopes: credential.apiKey.scopes } : {}),
      }
    : null;
  return createContextInner({
    ...rest,
    actor,
    authRejection: isAuthRejection(outcome) ? outcome : null,
    correlation: correlation ?? requestCorrelation(h, "web"),
    request: {
      origin: h.get("origin"),
      ...address,
      secFetchSite: h.get("sec-fetch-site"),
      userAgent: h.get("user-agent"),
      source: source ?? h.get("x-trpc-source") ?? "unknown",
    },
  });
}
