// Sign-in protection as the browser meets it: through the credentials check next-auth calls, and
// through next-auth's own route handler (CSRF token, then the credentials callback). The database
// handle and the limiter instance are the test's; next-auth, its callbacks and the limits are real.

import { createRateLimiter } from "@toolboxai/core";
import { createDomainWorld, type DomainWorld, PASSWORD } from "@toolboxai/core/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { tooManyAttemptsCode } from "~/app/signin/too-many-attempts";
import { Browser, installRequestScope, ORIGIN } from "~/test/next-auth-http";

const state = vi.hoisted(() => ({ db: null as unknown, limiter: null as unknown }));
vi.mock("~/server/db", () => ({ getDb: () => state.db }));
vi.mock("~/server/rate-limit", async (importOriginal) => ({
  ...(await importOriginal<typeof import("~/server/rate-limit")>()),
  getRateLimiter: () => state.limiter,
}));

installRequestScope();
const route = await import("~/app/api/auth/[...nextauth]/route");
const { authorizeCredentials, TooManySignInAttempts } = await import("./sign-in");
const { getSessionRegistry } = await import("./options");
const { SOCKET_ADDRESS_APPENDED } = await import("~/server/rate-limit");

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
  state.db = w.t.db;
});
afterAll(async () => {
  await getSessionRegistry().close();
  await w.t.close();
});
beforeEach(() => {
  state.limiter = createRateLimiter();
});
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED];
});

/** The credentials callback as the sign-in form posts it, with any extra request headers. */
async function postSignIn(browser: Browser, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await browser.send(browser.request("/api/auth/csrf"), (r) =>
    route.GET(r, { params: Promise.resolve({ nextauth: ["csrf"] }) }),
  );
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const req = browser.request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...headers },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: ORIGIN, json: "true" }).toString(),
  });
  const res = await browser.send(req, (r) =>
    route.POST(r, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) }),
  );
  const { url } = (await res.json()) as { url: string };
  return { status: res.status, error: new URL(url).searchParams.get("error") };
}

describe("the credentials check", () => {
  it("returns the user for the right password", async () => {
    const user = await authorizeCredentials({ email: w.users.a.TEACHER.email, password: PASSWORD }, { headers: {} });
    expect(user).toMatchObject({ id: w.users.a.TEACHER.id, role: "TEACHER" });
  });

  it("returns null for the first wrong passwords, then throws the wait on the fifth", async () => {
    const attempt = () => authorizeCredentials({ email: w.users.a.STUDENT.email, password: "wrong" }, { headers: {} });
    for (let i = 0; i < 4; i++) expect(await attempt()).toBeNull();
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManySignInAttempts);
    expect((error as InstanceType<typeof TooManySignInAttempts>).retryAfterSeconds).toBe(60);
  });
});

describe("signing in through next-auth", () => {
  it("refuses five wrong passwords in a row and then the right one too, saying how long to wait", async () => {
    const browser = new Browser();
    const email = w.users.b.TEACHER.email;
    const errors = [];
    for (let i = 0; i < 5; i++) errors.push((await postSignIn(browser, email, "wrong-password")).error);
    expect(errors).toEqual([...Array.from({ length: 4 }, () => "CredentialsSignin"), tooManyAttemptsCode(60)]);
    const right = await postSignIn(browser, email, PASSWORD);
    expect(right).toEqual({ status: 401, error: tooManyAttemptsCode(60) });
    expect(browser.sessionToken()).toBeUndefined();
  });

  it("still signs in someone who gets their password right after a few typos", async () => {
    const browser = new Browser();
    for (let i = 0; i < 3; i++) await postSignIn(browser, w.users.b.STUDENT.email, "typo");
    expect(await postSignIn(browser, w.users.b.STUDENT.email, PASSWORD)).toEqual({ status: 200, error: null });
    expect(browser.sessionToken()).toBeTruthy();
  });

  it("audits the socket's address as the sign-in IP, not the X-Forwarded-For the client sent (finding 7)", async () => {
    (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_APPENDED] = true;
    // What the app's server passes on: the client's claim, then the socket's address it appended.
    await postSignIn(new Browser(), w.users.b.PARENT.email, "wrong", { "x-forwarded-for": "6.6.6.6, 198.51.100.20" });
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "auth.sign_in_failed", targetId: w.users.b.PARENT.id },
    });
    expect((row.metadata as { ip?: string }).ip).toBe("198.51.100.20");
  });
});
