// The tRPC context. The inner part needs no HTTP request: tests, scripts and other apps build it
// with `createContextInner`. The outer part (`createTRPCContext`) reads a request's headers; the
// app that serves HTTP injects how to find the signed-in user (`auth`), so this package knows
// nothing of next-auth, cookies or Next.
import {
  type Actor,
  clientAddress,
  loadActor,
  type ProxyTrust,
  type RateLimiter,
  type RealtimePublisher,
  type TaskRuntime,
} from "@toolboxai/core";
import type { Database } from "@toolboxai/db";
import pino, { type Logger } from "pino";

export interface RequestInfo {
  /** `Origin` header, when the browser sent one. */
  origin: string | null;
  /** The host the client addressed: `Host`, or behind trusted proxies their `X-Forwarded-Host`. */
  host: string | null;
  /** The client's IP as the trusted-proxy setting resolves it; null when it cannot be known. */
  ip?: string | null;
  /** `Sec-Fetch-Site`, sent by every current browser. */
  secFetchSite: string | null;
  /** Where the call came from: "nextjs-react", "rsc", a REST client, a test. */
  source: string;
}

export interface ContextInner {
  db: Database;
  actor: Actor | null;
  correlationId: string;
  request: RequestInfo | null;
  /** The agents' queue and model, created on first use (tests pass their own). */
  agents: () => TaskRuntime;
  /** Where services publish realtime events after their writes (none: they publish nothing). */
  realtime: RealtimePublisher | undefined;
  /** Where the request log goes (silent unless the app passes its logger). */
  logger: Logger;
  /** Origins besides the requested host allowed to send mutations (e.g. a separate admin host). */
  trustedOrigins: readonly string[];
  /** Counts every call against the platform's limits; null: no limits (tests, the worker, scripts). */
  rateLimiter: RateLimiter | null;
}

function noAgents(): never {
  throw new Error("This context has no agent runtime; pass `agents` to createContextInner");
}

const silent = pino({ level: "silent" });

/** The part of the context that needs no HTTP request: tests and the worker build it directly. */
export function createContextInner(opts: Partial<ContextInner> & { db: Database }): ContextInner {
  return {
    db: opts.db,
    actor: opts.actor ?? null,
    correlationId: opts.correlationId ?? crypto.randomUUID(),
    request: opts.request ?? null,
    agents: opts.agents ?? noAgents,
    realtime: opts.realtime,
    logger: opts.logger ?? silent,
    trustedOrigins: opts.trustedOrigins ?? [],
    rateLimiter: opts.rateLimiter ?? null,
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's correlation id: the caller's `x-request-id` when it is sane, else a new one. */
export function correlationIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

export interface CreateContextOptions
  extends Omit<Partial<ContextInner>, "actor" | "request" | "correlationId" | "rateLimiter"> {
  db: Database;
  headers: Headers;
  /** The signed-in user's id for this request (the app's session, and that session's id), or null. */
  auth: () => Promise<{ userId: string; sessionId?: string | undefined } | null>;
  source?: string;
  /** Every HTTP request is limited: the app passes its limiter (null only where limits do not apply). */
  rateLimiter: RateLimiter | null;
  /** Which forwarding headers to believe (see @toolboxai/core's clientAddress). */
  proxyTrust: ProxyTrust;
}

/** The full context for an HTTP request (tRPC route handler, REST) or an RSC render. */
export async function createTRPCContext(opts: CreateContextOptions): Promise<ContextInner> {
  const { headers: h, auth, source, proxyTrust, ...rest } = opts;
  const session = await auth();
  const user = session ? await loadActor(opts.db, session.userId) : null;
  const actor = user && session?.sessionId ? { ...user, sessionId: session.sessionId } : user;
  return createContextInner({
    ...rest,
    actor,
    correlationId: correlationIdFrom(h),
    request: {
      origin: h.get("origin"),
      ...clientAddress((name) => h.get(name), proxyTrust),
      secFetchSite: h.get("sec-fetch-site"),
      source: source ?? h.get("x-trpc-source") ?? "unknown",
    },
  });
}
