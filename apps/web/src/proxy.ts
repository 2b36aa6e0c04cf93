// Runs before every page and route handler (Next 16's proxy, formerly middleware): a fresh CSP
// nonce per request and the security headers from server/security-headers.ts. Next reads the
// nonce from the request's Content-Security-Policy header and puts it on its own scripts; server
// components that add scripts of their own read it with `(await headers()).get("x-nonce")`.
import { type NextRequest, NextResponse } from "next/server";
import { env } from "~/env";
import { createNonce, mayCarryPersonalData, securityHeaders } from "~/server/security-headers";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = securityHeaders({
    nonce,
    development: env.nodeEnv === "development",
    appUrl: env.appUrl,
    realtime: env.realtime?.client ?? null,
    noStore: mayCarryPersonalData({
      pathname: request.nextUrl.pathname,
      cookieNames: request.cookies.getAll().map((c) => c.name),
      authorization: request.headers.get("authorization"),
    }),
  });

  // Whatever a client sent under these names is replaced: only this request's nonce counts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages and route handlers; not the build's static files, image optimization or the favicon
  // (next.config.ts gives those the headers that need no nonce).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
