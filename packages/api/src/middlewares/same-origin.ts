import { TRPCError } from "@trpc/server";
import { middleware } from "../init";

/**
 * Refuses mutations (and subscriptions) sent cross-site. next-auth's CSRF token guards only its own routes, and
 * session cookies ride along on any cross-site POST, so tRPC checks what browsers declare:
 * `Sec-Fetch-Site` when present, otherwise the `Origin` against the requested host. That host is
 * the `Host` header, or a trusted proxy's `X-Forwarded-Host` (TRUSTED_PROXY_HOPS, see the context):
 * a client's own `X-Forwarded-Host` never counts.
 * Calls without either (server-side callers, tests, non-browser API clients) carry no cookie
 * risk and pass.
 */
export const sameOriginMutations = middleware(({ ctx, type, next }) => {
  const req = ctx.request;
  // Subscriptions are GETs (SSE) that change data too (the assistant saves the message it is sent
  // and spends the AI budget): a link on another site would send the session cookie with them.
  if ((type !== "mutation" && type !== "subscription") || !req) return next();
  if (req.origin && ctx.trustedOrigins.includes(req.origin)) return next();
  const site = req.secFetchSite;
  if (site && site !== "same-origin" && site !== "none") throw refused();
  if (req.origin) {
    let originHost: string | null = null;
    try {
      originHost = new URL(req.origin).host;
    } catch {
      throw refused();
    }
    if (!req.host || originHost !== req.host) throw refused();
  }
  return next();
});

function refused() {
  return new TRPCError({ code: "FORBIDDEN", message: "Cross-origin requests may not change data." });
}
