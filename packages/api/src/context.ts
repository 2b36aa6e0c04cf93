// The tRPC context. The inner part needs no HTTP request: tests, scripts and other apps build it
// with `createContextInner`. The outer part (`createTRPCContext`) reads a request's headers; the
// app that serves HTTP injects how to find the signed-in user (`auth`), so this package knows
// nothing of next-auth, cookies or Next.
import { type Actor, loadActor, type RealtimePublisher, type TaskRuntime } from "@toolboxai/core";
import type { Database } from "@toolboxai/db";
import pino, { type Logger } from "pino";

export interface RequestInfo {
  /** `Origin` header, when the browser sent one. */
  origin: string | null;
  /** The host the request was addressed to (x-forwarded-host behind a proxy). */
  host: string | null;
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
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's correlation id: the caller's `x-request-id` when it is sane, else a new one. */
export function correlationIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

export interface CreateContextOptions extends Omit<Partial<ContextInner>, "actor" | "request" | "correlationId"> {
  db: Database;
  headers: Headers;
  /** The signed-in user's id for this request (the app's session), or null. */
  auth: () => Promise<{ userId: string } | null>;
  source?: string;
}

/** The full context for an HTTP request (tRPC route handler, REST) or an RSC render. */
export async function createTRPCContext(opts: CreateContextOptions): Promise<ContextInner> {
  const { headers: h, auth, source, ...rest } = opts;
  const session = await auth();
  const actor = session ? await loadActor(opts.db, session.userId) : null;
  return createContextInner({
    ...rest,
    actor,
    correlationId: correlationIdFrom(h),
    request: {
      origin: h.get("origin"),
      host: h.get("x-forwarded-host") ?? h.get("host"),
      secFetchSite: h.get("sec-fetch-site"),
      source: source ?? h.get("x-trpc-source") ?? "unknown",
    },
  });
}
