import { pusherAuthResponse } from "@toolboxai/core";
import { createContext } from "~/server/context";
import { logger } from "~/server/logger";
import { limitRoute, rateLimitHeadersOf } from "~/server/rate-limit";
import { getRealtimeSigner } from "~/server/realtime";

export const dynamic = "force-dynamic";

/**
 * POST /api/pusher/auth: pusher-js's channel authorization endpoint. Signs a private or presence
 * channel subscription for the signed-in user when they may use the channel: 503 when realtime is
 * off, 401 signed out, 400 malformed, 403 not theirs (see server/realtime/auth-endpoint.ts) or an
 * API key (keys never sign realtime subscriptions), 429 over the channel-authorization limit.
 */
export async function POST(req: Request) {
  const ctx = await createContext({ headers: req.headers, source: "pusher-auth", url: req.url });
  const limited = await limitRoute(ctx, "realtime-auth.user", req);
  if (limited) return limited;
  const res = await pusherAuthResponse(req, {
    db: ctx.db,
    actor: ctx.actor,
    correlationId: ctx.correlationId,
    requestId: ctx.correlation.requestId,
    signer: getRealtimeSigner(),
    logger,
  });
  for (const [name, value] of Object.entries(rateLimitHeadersOf([], ctx))) res.headers.set(name, value);
  return res;
}
