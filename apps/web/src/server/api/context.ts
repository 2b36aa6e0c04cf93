import type { Database } from "@toolboxai/db";
import { getServerSession } from "next-auth";
import { type Actor, loadActor } from "~/server/actor";
import { getAgentRuntime } from "~/server/agents";
import { authOptions } from "~/server/auth/options";
import { getDb } from "~/server/db";
import { getRealtimePublisher } from "~/server/realtime";
import type { RealtimePublisher } from "~/server/realtime/publisher";
import type { TaskRuntime } from "~/server/services/agent-tasks";

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
}

function noAgents(): never {
  throw new Error("This context has no agent runtime; pass `agents` to createContextInner");
}

/** The part of the context that needs no HTTP request: tests and the worker build it directly. */
export function createContextInner(opts: Partial<ContextInner> & { db: Database }): ContextInner {
  return {
    db: opts.db,
    actor: opts.actor ?? null,
    correlationId: opts.correlationId ?? crypto.randomUUID(),
    request: opts.request ?? null,
    agents: opts.agents ?? noAgents,
    realtime: opts.realtime,
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's correlation id: the caller's `x-request-id` when it is sane, else a new one. */
export function correlationIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/** The full context for an HTTP request (tRPC route handler) or an RSC render. */
export async function createTRPCContext(opts: { headers: Headers; source?: string }): Promise<ContextInner> {
  const db = getDb();
  const session = await getServerSession(authOptions);
  const actor = session?.user?.id ? await loadActor(db, session.user.id) : null;
  const h = opts.headers;
  return createContextInner({
    db,
    actor,
    agents: getAgentRuntime,
    realtime: getRealtimePublisher(),
    correlationId: correlationIdFrom(h),
    request: {
      origin: h.get("origin"),
      host: h.get("x-forwarded-host") ?? h.get("host"),
      secFetchSite: h.get("sec-fetch-site"),
      source: opts.source ?? h.get("x-trpc-source") ?? "unknown",
    },
  });
}
