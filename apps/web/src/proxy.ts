// Runs before every page and route handler (Next 16's proxy, formerly middleware): a fresh CSP
// nonce per request and the security headers from server/security-headers.ts; the request's
// correlation ids. Next reads the nonce from the request's Content-Security-Policy header and puts
// it on its own scripts; server components that add scripts of their own read it with
// `(await headers()).get("x-nonce")`.
import {
  CORRELATION_HEADER,
  type Correlation,
  chainTooDeep,
  correlationFrom,
  correlationResponseHeaders,
  currentCorrelation,
  MAX_CHAIN_DEPTH,
} from "@toolboxai/core";
import { type NextRequest, NextResponse } from "next/server";
import { env } from "~/env";
import { createNonce, mayCarryPersonalData, securityHeaders } from "~/server/security-headers";

/** 508: the caller's chain is already MAX_CHAIN_DEPTH hops deep (RFC 9457 problem details). */
function loopDetected(request: NextRequest, correlation: Correlation, headers: Record<string, string>) {
  const body = {
    type: "/docs/problems#loop-detected",
    title: "Loop Detected",
    status: 508,
    detail: `This request is hop ${correlation.chainDepth} of its chain (X-Chain-Depth), more than the ${MAX_CHAIN_DEPTH} allowed: something is calling the API in a loop.`,
    instance: request.nextUrl.pathname,
    code: "LOOP_DETECTED",
    requestId: correlation.requestId,
    correlationId: correlation.correlationId,
  };
  // Header names are case-insensitive: the security headers' own "Cache-Control" would be joined
  // with this one ("no-store, no-store").
  const rest = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "cache-control"));
  return new NextResponse(JSON.stringify(body), {
    status: 508,
    headers: { ...rest, "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}

export function proxy(request: NextRequest) {
  // The production server (scripts/serve.mjs) chose this request's ids and serves it in their
  // scope, so its log lines carry them; without it (`next dev`, `next start`) they are chosen here.
  const correlation = currentCorrelation() ?? correlationFrom(request.headers, "web");
  const nonce = createNonce();
  const headers = {
    ...securityHeaders({
      nonce,
      development: env.nodeEnv === "development",
      appUrl: env.appUrl,
      realtime: env.realtime?.client ?? null,
      noStore: mayCarryPersonalData({
        pathname: request.nextUrl.pathname,
        cookieNames: request.cookies.getAll().map((c) => c.name),
        authorization: request.headers.get("authorization"),
      }),
    }),
    ...correlationResponseHeaders(correlation),
  };
  if (chainTooDeep(correlation)) return loopDetected(request, correlation, headers);

  // Whatever a client sent under these names is replaced: only this request's nonce counts, and
  // handlers read the ids chosen here (requestCorrelation) instead of deriving others.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  requestHeaders.set(CORRELATION_HEADER, JSON.stringify(correlation));

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages and route handlers; not the build's static files, image optimization or the favicon
  // (next.config.ts gives those the headers that need no nonce; scripts/serve.mjs their ids).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
