// POST /api/pusher/auth, without Next: pusher-js posts `socket_id` and `channel_name`
// (application/x-www-form-urlencoded) before it subscribes to a private or presence channel, and
// gets back `{ auth, channel_data? }` signed with the app secret. The route handler
// (app/api/pusher/auth/route.ts) supplies the request's actor and the signer.
//
//   503  realtime is not configured
//   401  signed out
//   403  an API key (problem+json): keys act without a person present and hold no realtime scope,
//        so they never sign a subscription to their owner's private channels; app tokens may
//   400  malformed input (socket_id must look like `123.456`)
//   403  the user may not use this channel (services/realtime-auth.ts decides)
import { type Database, scopeToOrganization } from "@toolboxai/db";
import type Pusher from "pusher";
import type { Actor } from "../actor";
import { authorizeChannel } from "./channels";

const SOCKET_ID = /^\d+\.\d+$/;
const MAX_CHANNEL_LENGTH = 200;
const MAX_BODY_LENGTH = 4096;
/** The same words the API's scope check uses for an operation no key may call. */
const API_KEY_REFUSAL = "This operation cannot be called with an API key.";

export interface PusherAuthDeps {
  db: Database;
  actor: Actor | null;
  correlationId: string;
  /** The request's own id (server-chosen), for problem+json refusals; the correlation id otherwise. */
  requestId?: string | undefined;
  /** Signs subscriptions with the app secret; null when realtime is not configured. */
  signer: Pick<Pusher, "authorizeChannel"> | null;
  /** Where refusals are logged (info); none in tests. */
  logger?: { info(fields: object, message: string): void } | undefined;
}

function fail(deps: PusherAuthDeps, status: number, code: string, message: string) {
  return Response.json(
    { error: { code, message, requestId: deps.correlationId } },
    { status, headers: { "cache-control": "no-store", "x-request-id": deps.correlationId } },
  );
}

/** The refusal of an API key, as RFC 9457 problem details (the REST API's error shape). */
function refuseApiKey(req: Request, deps: PusherAuthDeps): Response {
  const requestId = deps.requestId ?? deps.correlationId;
  return Response.json(
    {
      type: "/docs/problems#forbidden",
      title: "Not allowed",
      status: 403,
      detail: API_KEY_REFUSAL,
      instance: new URL(req.url).pathname,
      code: "FORBIDDEN",
      requestId,
      correlationId: deps.correlationId,
    },
    {
      status: 403,
      headers: { "content-type": "application/problem+json", "cache-control": "no-store", "x-request-id": requestId },
    },
  );
}

async function readForm(req: Request): Promise<URLSearchParams | null> {
  try {
    const body = await req.text();
    if (body.length > MAX_BODY_LENGTH) return null;
    return new URLSearchParams(body);
  } catch {
    return null;
  }
}

export async function pusherAuthResponse(req: Request, deps: PusherAuthDeps): Promise<Response> {
  const { signer, actor } = deps;
  if (!signer) return fail(deps, 503, "SERVICE_UNAVAILABLE", "Realtime updates are not configured on this server.");
  if (!actor) return fail(deps, 401, "UNAUTHORIZED", "Sign in to continue.");
  if (actor.apiKeyId) {
    deps.logger?.info(
      { requestId: deps.requestId ?? deps.correlationId, userId: actor.userId, apiKeyId: actor.apiKeyId },
      "realtime subscription refused to an API key",
    );
    return refuseApiKey(req, deps);
  }

  const form = await readForm(req);
  const socketId = form?.get("socket_id") ?? "";
  const channel = form?.get("channel_name") ?? "";
  if (!SOCKET_ID.test(socketId)) return fail(deps, 400, "BAD_REQUEST", "socket_id is missing or malformed.");
  if (!channel || channel.length > MAX_CHANNEL_LENGTH) {
    return fail(deps, 400, "BAD_REQUEST", "channel_name is missing or too long.");
  }

  const decision = await authorizeChannel(
    { db: scopeToOrganization(deps.db, actor.orgId), actor, correlationId: deps.correlationId },
    channel,
  );
  if (!decision.allowed) {
    deps.logger?.info(
      { requestId: deps.correlationId, userId: actor.userId, channel, reason: decision.reason },
      "realtime subscription refused",
    );
    return fail(deps, 403, "FORBIDDEN", decision.reason);
  }
  const signature = signer.authorizeChannel(socketId, channel, decision.presence);
  return Response.json(signature, { headers: { "cache-control": "no-store", "x-request-id": deps.correlationId } });
}
