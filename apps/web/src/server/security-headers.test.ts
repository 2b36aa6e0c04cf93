import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  createNonce,
  HSTS,
  mayCarryPersonalData,
  PERMISSIONS_POLICY,
  realtimeOrigins,
  securityHeaders,
  staticAssetHeaders,
} from "./security-headers";

const selfHosted = { key: "k", cluster: "mt1", wsHost: "127.0.0.1", wsPort: 6101, forceTLS: false };
const base = {
  nonce: "bm9uY2U=",
  development: false,
  appUrl: "http://localhost:3000",
  realtime: selfHosted,
  noStore: false,
};

/** The CSP as a map of directive to its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((d) => {
      const [name = "", ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe("the nonce", () => {
  it("is 128 random bits in base64, different on every call", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});

describe("the Content-Security-Policy", () => {
  it("runs only scripts carrying this response's nonce and what they load, never inline ones", () => {
    const script = directives(contentSecurityPolicy(base)).get("script-src");
    expect(script).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  it("allows 'unsafe-eval' only in development, where React's dev build needs it", () => {
    expect(directives(contentSecurityPolicy({ ...base, development: true })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
    expect(contentSecurityPolicy(base)).not.toContain("unsafe-eval");
  });

  it("allows inline styles (Radix and sonner set them) but no other site's styles", () => {
    expect(directives(contentSecurityPolicy(base)).get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("refuses framing, plugins, foreign base URLs and form targets", () => {
    const csp = directives(contentSecurityPolicy(base));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("loads images only from the app, data: and blob: URLs", () => {
    expect(directives(contentSecurityPolicy(base)).get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  });

  it("connects to the app and the realtime server's WebSocket", () => {
    expect(directives(contentSecurityPolicy(base)).get("connect-src")).toEqual([
      "'self'",
      "ws://127.0.0.1:6101",
      "wss://127.0.0.1:6101",
    ]);
  });

  it("connects only to the app when realtime is off", () => {
    expect(directives(contentSecurityPolicy({ ...base, realtime: null })).get("connect-src")).toEqual(["'self'"]);
  });

  it("upgrades insecure requests only when the app is served over https", () => {
    expect(contentSecurityPolicy(base)).not.toContain("upgrade-insecure-requests");
    expect(
      directives(contentSecurityPolicy({ ...base, appUrl: "https://school.example" })).has("upgrade-insecure-requests"),
    ).toBe(true);
  });
});

describe("the realtime origins", () => {
  it("are wss:// only when TLS is forced", () => {
    expect(realtimeOrigins({ ...selfHosted, wsHost: "rt.school.example", wsPort: 443, forceTLS: true })).toEqual([
      "wss://rt.school.example",
    ]);
  });

  it("list ws:// and wss:// on the same port without forced TLS (pusher-js tries wss:// after 2 s)", () => {
    expect(realtimeOrigins({ ...selfHosted, wsHost: "rt.local", wsPort: 8080 })).toEqual([
      "ws://rt.local:8080",
      "wss://rt.local:8080",
    ]);
  });

  it("point at Pusher's cloud cluster when no host is configured", () => {
    expect(realtimeOrigins({ key: "k", cluster: "eu", forceTLS: true })).toEqual(["wss://ws-eu.pusher.com"]);
  });

  it("bracket an IPv6 host", () => {
    expect(realtimeOrigins({ ...selfHosted, wsHost: "::1", forceTLS: true })).toEqual(["wss://[::1]:6101"]);
  });

  it("leave out a host that could inject CSP syntax", () => {
    expect(realtimeOrigins({ ...selfHosted, wsHost: "evil.example; script-src *" })).toEqual([]);
  });

  it("are none when realtime is off", () => {
    expect(realtimeOrigins(null)).toEqual([]);
  });
});

describe("the header set", () => {
  it("carries the CSP, nosniff, a strict referrer policy, DENY framing and the permissions policy", () => {
    const headers = securityHeaders(base);
    expect(headers).toMatchObject({
      "Content-Security-Policy": contentSecurityPolicy(base),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": PERMISSIONS_POLICY,
    });
  });

  it("turns off camera, microphone, geolocation, payment and USB, and leaves the clipboard on", () => {
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(PERMISSIONS_POLICY.split(", ")).toContain(`${feature}=()`);
    }
    expect(PERMISSIONS_POLICY).not.toContain("clipboard");
  });

  it("sends HSTS for two years with subdomains only when the app URL is https", () => {
    expect(securityHeaders(base)).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ ...base, appUrl: "https://school.example" })["Strict-Transport-Security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(HSTS).toBe("max-age=63072000; includeSubDomains");
  });

  it("forbids caching when the response may carry personal data, and says nothing otherwise", () => {
    expect(securityHeaders({ ...base, noStore: true })["Cache-Control"]).toBe("no-store");
    expect(securityHeaders(base)).not.toHaveProperty("Cache-Control");
  });

  it("gives static files the same headers except the CSP and Cache-Control", () => {
    const headers = Object.fromEntries(staticAssetHeaders("https://school.example").map((h) => [h.key, h.value]));
    expect(headers).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": PERMISSIONS_POLICY,
      "Strict-Transport-Security": HSTS,
    });
  });
});

describe("whether a response may carry personal data", () => {
  const anonymousPage = { pathname: "/signin", cookieNames: [], authorization: null };

  it("is no for an anonymous page", () => {
    expect(mayCarryPersonalData(anonymousPage)).toBe(false);
  });

  it("is yes with next-auth's session cookie, over http or https, whole or chunked", () => {
    for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token", "next-auth.session-token.0"]) {
      expect(mayCarryPersonalData({ ...anonymousPage, cookieNames: [name] })).toBe(true);
    }
  });

  it("is no for next-auth's other cookies", () => {
    expect(
      mayCarryPersonalData({ ...anonymousPage, cookieNames: ["next-auth.csrf-token", "next-auth.callback-url"] }),
    ).toBe(false);
  });

  it("is yes with an Authorization header", () => {
    expect(mayCarryPersonalData({ ...anonymousPage, authorization: "Bearer key" })).toBe(true);
  });

  it("is yes for every API route, signed in or not", () => {
    expect(mayCarryPersonalData({ ...anonymousPage, pathname: "/api/trpc/me.get" })).toBe(true);
    expect(mayCarryPersonalData({ ...anonymousPage, pathname: "/api-docs" })).toBe(false);
  });
});
