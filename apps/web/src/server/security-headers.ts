// The one place that decides the security headers of every response the app sends: the proxy
// (src/proxy.ts) applies `securityHeaders()` to pages and route handlers with a fresh nonce per
// request, and next.config.ts applies `staticAssetHeaders()` to the files the proxy skips.
// Pure: everything it depends on comes in as arguments, so it is tested without a server.
import type { RealtimeClientConfig } from "@toolboxai/validators";

/** next-auth v4's session cookie: plain over http, `__Secure-` over https, `.0`, `.1`... when chunked. */
export const SESSION_COOKIE_NAMES = ["next-auth.session-token", "__Secure-next-auth.session-token"] as const;

export interface SecurityHeaderOptions {
  /** A fresh, unguessable value for this response only (`createNonce()`). */
  nonce: string;
  /** NODE_ENV is development: React's dev build needs `'unsafe-eval'` (never in production). */
  development: boolean;
  /** The app's public URL (env.appUrl): https turns on HSTS and upgrade-insecure-requests. */
  appUrl: string;
  /** Where browsers open the realtime WebSocket (env.realtime?.client); null when realtime is off. */
  realtime: RealtimeClientConfig;
  /** The response may carry personal data (see `mayCarryPersonalData`): no cache may keep it. */
  noStore: boolean;
}

/** 128 random bits, base64: the value of `'nonce-…'` for one response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/i;

function origin(scheme: "ws" | "wss", host: string, port: number | undefined): string {
  const defaultPort = scheme === "wss" ? 443 : 80;
  return `${scheme}://${host}${port === undefined || port === defaultPort ? "" : `:${port}`}`;
}

/**
 * The WebSocket origins the browser's realtime client (pusher-js, ws/wss transports only) may
 * open: the self-hosted server's `wsHost:wsPort`, or Pusher's cloud `ws-{cluster}.pusher.com`.
 * Without forced TLS pusher-js tries `ws://` first and `wss://` on the same host after 2 s, so
 * both are listed. A host that is not a plain host name or bracketed IP is left out (it could
 * otherwise smuggle CSP syntax into the header).
 */
export function realtimeOrigins(config: RealtimeClientConfig): string[] {
  if (!config) return [];
  let host = config.wsHost ?? `ws-${config.cluster}.pusher.com`;
  if (host.includes(":") && !host.startsWith("[")) host = `[${host}]`; // a bare IPv6 address
  if (!HOST.test(host)) return [];
  const port = config.wsHost ? config.wsPort : undefined;
  const secure = origin("wss", host, port);
  return config.forceTLS ? [secure] : [origin("ws", host, port), secure];
}

function isHttps(appUrl: string): boolean {
  try {
    return new URL(appUrl).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The Content-Security-Policy of a page (route handlers get the same one: it costs nothing on
 * JSON and keeps one policy to reason about).
 * - scripts: only those carrying this response's nonce (Next adds it to its own scripts) and
 *   what they load ('strict-dynamic'); no 'unsafe-inline', so an injected script never runs.
 * - styles: 'unsafe-inline', because Radix positions popovers and menus with inline `style`
 *   attributes and sonner injects a <style> element; nonces cannot cover style attributes.
 * - images: the app's own, data: and blob: URLs (lessons link to media, they do not embed it).
 * - connections: the app itself and the realtime WebSocket.
 */
export function contentSecurityPolicy(options: Omit<SecurityHeaderOptions, "noStore">): string {
  const https = isHttps(options.appUrl);
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      ...(options.development ? ["'unsafe-eval'"] : []),
    ],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...realtimeOrigins(options.realtime)],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as [string][]) : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * Powerful features the app never uses, turned off for it and anything it could embed. The
 * clipboard stays on: the class page and the new-user dialog copy codes and passwords. Only features
 * Chromium knows are listed: it logs a console error for any other.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "browsing-topics",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** Two years, the subdomains too (what hstspreload.org asks for, without opting into the list). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** The headers that hold for any response of the app, static files included. */
function baseHeaders(appUrl: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(isHttps(appUrl) ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** Every security header of a page or route handler response. */
export function securityHeaders(
  options: SecurityHeaderOptions,
): { "Content-Security-Policy": string } & Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    ...baseHeaders(options.appUrl),
    ...(options.noStore ? { "Cache-Control": "no-store" } : {}),
  };
}

/** For `_next/static`, images and the favicon, which the proxy skips: no nonce, nothing personal. */
export function staticAssetHeaders(appUrl: string): { key: string; value: string }[] {
  return Object.entries(baseHeaders(appUrl)).map(([key, value]) => ({ key, value }));
}

/**
 * Whether a response to this request may carry personal data, so no browser or shared cache may
 * store it: the request carries a next-auth session cookie (chunked ones too) or an Authorization
 * header, or it goes to the API (every /api/ answer is computed for its caller).
 */
export function mayCarryPersonalData(request: {
  pathname: string;
  cookieNames: Iterable<string>;
  authorization: string | null;
}): boolean {
  if (request.authorization) return true;
  if (request.pathname === "/api" || request.pathname.startsWith("/api/")) return true;
  for (const name of request.cookieNames) {
    if (SESSION_COOKIE_NAMES.some((session) => name === session || name.startsWith(`${session}.`))) return true;
  }
  return false;
}
