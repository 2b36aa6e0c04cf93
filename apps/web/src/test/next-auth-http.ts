// Drives the app's real route handlers the way a browser does: next-auth's (CSRF token, credentials
// sign-in, session, sign-out) and any route that reads the session, with cookies kept by hand.
//
// next-auth reads the request's headers and cookies through `next/headers`, which only works
// inside Next's request scope. It loads that module with require() on every call, so the test
// puts a stand-in into Node's module cache that answers from the request being handled. Nothing
// else is replaced: next-auth, its JWT encryption and the app's callbacks all run for real.
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";

const requestScope = new AsyncLocalStorage<Request>();

function cookiesOf(header: string | null): { name: string; value: string }[] {
  if (!header) return [];
  return header.split(";").flatMap((part) => {
    const at = part.indexOf("=");
    if (at < 0) return [];
    return [{ name: part.slice(0, at).trim(), value: decodeURIComponent(part.slice(at + 1).trim()) }];
  });
}

/** Puts the `next/headers` stand-in in place; call before the route modules are imported. */
export function installRequestScope(): void {
  const fromHere = createRequire(import.meta.url);
  const modulePath = createRequire(fromHere.resolve("next-auth")).resolve("next/headers");
  const standIn = {
    headers: async () => new Headers(requestScope.getStore()?.headers),
    cookies: async () => {
      const all = cookiesOf(requestScope.getStore()?.headers.get("cookie") ?? null);
      return { getAll: () => all, get: (name: string) => all.find((c) => c.name === name) };
    },
  };
  // A module record as Node keeps it; only `exports` and `loaded` are read by require().
  fromHere.cache[modulePath] = {
    id: modulePath,
    filename: modulePath,
    loaded: true,
    exports: standIn,
  } as unknown as NodeJS.Module;
}

export const ORIGIN = "http://localhost:3000";

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string[]>> }) => Promise<Response>;

export interface SetCookie {
  name: string;
  value: string;
  attributes: string[];
}

function parseSetCookie(line: string): SetCookie {
  const [pair = "", ...attributes] = line.split(";").map((s) => s.trim());
  const at = pair.indexOf("=");
  return { name: pair.slice(0, at), value: decodeURIComponent(pair.slice(at + 1)), attributes };
}

/** One browser: its own cookie jar and user agent. */
export class Browser {
  readonly jar = new Map<string, string>();
  /** The Set-Cookie lines of the last response. */
  lastSetCookies: SetCookie[] = [];

  constructor(readonly userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0") {}

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** The session cookie's value, whatever next-auth names it. */
  sessionToken(): string | undefined {
    for (const [name, value] of this.jar) if (name.endsWith("next-auth.session-token")) return value;
    return undefined;
  }

  request(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}) {
    const headers = new Headers({ host: "localhost:3000", "user-agent": this.userAgent, ...init.headers });
    const cookie = [...this.jar].map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join("; ");
    if (cookie) headers.set("cookie", cookie);
    return new NextRequest(`${ORIGIN}${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
  }

  /** Sends `req` to `handle` inside its request scope and keeps the cookies it sets. */
  async send(req: NextRequest, handle: (req: NextRequest) => Promise<Response>): Promise<Response> {
    const res = await requestScope.run(req, () => handle(req));
    this.lastSetCookies = res.headers.getSetCookie().map(parseSetCookie);
    for (const c of this.lastSetCookies) {
      const cleared = c.value === "" || c.attributes.some((a) => /^max-age=0$/i.test(a));
      if (cleared) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }
}

/** next-auth's routes, through the app's `app/api/auth/[...nextauth]/route.ts`. */
export function nextAuthClient(route: { GET: Handler; POST: Handler }) {
  const call = (browser: Browser, method: "GET" | "POST", action: string[], form?: Record<string, string>) => {
    const req = browser.request(`/api/auth/${action.join("/")}`, {
      method,
      ...(form
        ? {
            headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
            body: new URLSearchParams(form).toString(),
          }
        : {}),
    });
    const handle = method === "GET" ? route.GET : route.POST;
    return browser.send(req, (r) => handle(r, { params: Promise.resolve({ nextauth: action }) }));
  };
  const csrfToken = async (browser: Browser) => {
    const res = await call(browser, "GET", ["csrf"]);
    return ((await res.json()) as { csrfToken: string }).csrfToken;
  };
  return {
    csrfToken,
    async signIn(browser: Browser, email: string, password: string): Promise<Response> {
      const token = await csrfToken(browser);
      return call(browser, "POST", ["callback", "credentials"], {
        csrfToken: token,
        email,
        password,
        callbackUrl: ORIGIN,
        json: "true",
      });
    },
    /** GET /api/auth/session: the session as the browser's `useSession` sees it ({} when signed out). */
    async session(browser: Browser): Promise<{ status: number; body: Record<string, unknown> }> {
      const res = await call(browser, "GET", ["session"]);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async signOut(browser: Browser): Promise<Response> {
      const token = await csrfToken(browser);
      return call(browser, "POST", ["signout"], { csrfToken: token, callbackUrl: ORIGIN, json: "true" });
    },
  };
}

/** A tRPC call through the app's `app/api/trpc/[trpc]/route.ts`, as the browser's client sends it. */
export function trpcClient(route: {
  GET: (req: Request) => Promise<Response>;
  POST: (req: Request) => Promise<Response>;
}) {
  return async (browser: Browser, path: string, options: { input?: unknown; mutation?: boolean } = {}) => {
    const json = encodeURIComponent(JSON.stringify({ json: options.input ?? null }));
    const req = options.mutation
      ? browser.request(`/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN, "sec-fetch-site": "same-origin" },
          body: JSON.stringify({ json: options.input ?? null }),
        })
      : browser.request(`/api/trpc/${path}?input=${json}`);
    const res = await browser.send(req, options.mutation ? route.POST : route.GET);
    return { status: res.status, body: (await res.json()) as { result?: { data: { json: unknown } } } };
  };
}
