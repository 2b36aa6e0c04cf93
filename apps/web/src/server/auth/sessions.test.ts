// Revocable sessions over real HTTP: sign in through next-auth's route handler (CSRF token, then
// the credentials callback), then use the cookie on /api/auth/session and on the tRPC route as a
// browser would. Only the database is the test's; next-auth, its JWT and the app's callbacks
// run for real (see src/test/next-auth-http.ts for how the request reaches next-auth).
import { createDomainWorld, type DomainWorld, PASSWORD } from "@toolboxai/core/testing";
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Browser, installRequestScope, nextAuthClient, trpcClient } from "~/test/next-auth-http";

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("~/server/db", () => ({ getDb: () => state.db }));

installRequestScope();
const auth = nextAuthClient(await import("~/app/api/auth/[...nextauth]/route"));
const trpc = trpcClient(await import("~/app/api/trpc/[trpc]/route"));
const { getSessionRegistry } = await import("./options");

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
  state.db = w.t.db;
});
afterAll(async () => {
  await getSessionRegistry().close();
  await w.t.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A new teacher (their own password, sessions and audit trail) signed in on `browser`. */
async function signedIn(browser = new Browser(), role: "TEACHER" | "STUDENT" = "TEACHER") {
  const actor = await w.newActor("a", role);
  const res = await auth.signIn(browser, actor.email, PASSWORD);
  expect(res.status).toBe(200);
  expect(browser.sessionToken(), "a session cookie after sign-in").toBeTruthy();
  return { actor, browser };
}

/** A second browser holding the same cookie (a copied or stolen token). */
function copyOf(browser: Browser) {
  const copy = new Browser(browser.userAgent);
  for (const [name, value] of browser.jar) copy.jar.set(name, value);
  return copy;
}

const sessionCookieSet = (b: Browser) => b.lastSetCookies.filter((c) => c.name.endsWith("next-auth.session-token"));

describe("signing in", () => {
  it("gives a session cookie that /api/auth/session answers with the user", async () => {
    const { actor, browser } = await signedIn();
    const { status, body } = await auth.session(browser);
    expect(status).toBe(200);
    expect(body.user).toMatchObject({ id: actor.userId, email: actor.email, role: "TEACHER" });
  });

  it("records the session with the browser it came from, listed as this device", async () => {
    const { browser } = await signedIn(new Browser("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/131.0"));
    const { status, body } = await trpc(browser, "me.sessions");
    expect(status).toBe(200);
    expect(body.result?.data.json).toEqual([
      expect.objectContaining({ device: "Chrome on macOS", current: true, ip: expect.any(String) }),
    ]);
  });

  it("sets cookies without the Secure flag when the app is served over plain HTTP", async () => {
    const { browser } = await signedIn();
    const [cookie] = sessionCookieSet(browser);
    expect(cookie?.name).toBe("next-auth.session-token");
    expect(cookie?.attributes.map((a) => a.toLowerCase())).not.toContain("secure");
  });
});

describe("signing out", () => {
  it("refuses the old cookie on /api/auth/session and issues no new token for it", async () => {
    const { browser } = await signedIn();
    const stolen = copyOf(browser);
    expect((await auth.signOut(browser)).status).toBe(200);

    const { status, body } = await auth.session(stolen);
    expect(status).toBe(200);
    expect(body).toEqual({});
    expect(sessionCookieSet(stolen).every((c) => c.value === "")).toBe(true);
    expect(stolen.sessionToken(), "the cookie is cleared").toBeUndefined();
  });

  it("refuses the old cookie on the tRPC route with 401", async () => {
    const { browser } = await signedIn();
    const stolen = copyOf(browser);
    expect((await trpc(stolen, "me.get")).status).toBe(200);
    await auth.signOut(browser);
    expect((await trpc(stolen, "me.get")).status).toBe(401);
  });

  it("marks the session row as signed out", async () => {
    const { actor, browser } = await signedIn();
    await auth.signOut(browser);
    const rows = await w.t.db.session.findMany({ where: { userId: actor.userId } });
    expect(rows.map((r) => r.revokedReason)).toEqual(["sign_out"]);
  });
});

describe("ending the other sessions", () => {
  it("a password change signs out the user's other browsers and keeps the one that changed it", async () => {
    const { actor, browser: laptop } = await signedIn();
    const phone = new Browser("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Safari/604.1");
    await auth.signIn(phone, actor.email, PASSWORD);
    expect((await trpc(phone, "me.get")).status).toBe(200);

    const changed = await trpc(laptop, "me.changePassword", {
      mutation: true,
      input: { currentPassword: PASSWORD, newPassword: "fresh-pass-2026", confirmPassword: "fresh-pass-2026" },
    });
    expect(changed.status).toBe(200);
    expect((await trpc(phone, "me.get")).status).toBe(401);
    expect((await auth.session(phone)).body).toEqual({});
    expect((await trpc(laptop, "me.get")).status).toBe(200);
  });

  it("'sign out of other sessions' ends the other browsers' sessions and keeps this one", async () => {
    const { actor, browser: laptop } = await signedIn();
    const phone = new Browser("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36");
    await auth.signIn(phone, actor.email, PASSWORD);
    expect((await trpc(laptop, "me.sessions")).body.result?.data.json).toHaveLength(2);

    const res = await trpc(laptop, "me.signOutOtherSessions", { mutation: true });
    expect(res.body.result?.data.json).toEqual({ signedOut: 1 });
    expect((await trpc(phone, "me.get")).status).toBe(401);
    expect((await auth.session(phone)).body).toEqual({});
    const left = (await trpc(laptop, "me.sessions")).body.result?.data.json;
    expect(left).toEqual([expect.objectContaining({ current: true })]);
  });

  it("deactivation ends the user's sessions and reactivation does not bring them back", async () => {
    const { actor, browser: student } = await signedIn(new Browser(), "STUDENT");
    const admin = new Browser();
    await auth.signIn(admin, w.users.a.ADMIN.email, PASSWORD);

    await trpc(admin, "users.deactivate", { mutation: true, input: { userId: actor.userId } });
    expect((await trpc(student, "me.get")).status).toBe(401);
    await trpc(admin, "users.reactivate", { mutation: true, input: { userId: actor.userId } });
    expect((await trpc(student, "me.get")).status).toBe(401);
    expect((await auth.session(student)).body).toEqual({});

    const again = new Browser();
    await auth.signIn(again, actor.email, PASSWORD);
    expect((await trpc(again, "me.get")).status).toBe(200);
  });
});

describe("lifetime", () => {
  const HOUR = 3_600_000;

  it("ends at its absolute lifetime (12 h) even when the browser keeps refreshing it", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-03-02T07:00:00Z") });
    const { browser } = await signedIn();
    for (let hour = 1; hour < 12; hour++) {
      vi.setSystemTime(Date.now() + HOUR);
      expect((await auth.session(browser)).body.user, `after ${hour} h`).toBeTruthy();
    }
    vi.setSystemTime(Date.now() + HOUR);
    const sameCookie = copyOf(browser);
    expect((await auth.session(browser)).body).toEqual({});
    expect((await trpc(sameCookie, "me.get")).status).toBe(401);
  });

  it("ends after 120 minutes without a request, while the cookie itself is still valid", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-03-02T07:00:00Z") });
    const { browser } = await signedIn();
    vi.setSystemTime(Date.now() + 119 * 60_000);
    expect((await auth.session(browser)).body.user).toBeTruthy();
    vi.setSystemTime(Date.now() + 121 * 60_000);
    const sameCookie = copyOf(browser);
    expect((await auth.session(browser)).body).toEqual({});
    expect((await trpc(sameCookie, "me.get")).status).toBe(401);
  });

  it("refuses a token that names no session (issued before sessions were recorded)", async () => {
    const actor = await w.newActor("a", "TEACHER");
    const browser = new Browser();
    const token = await encode({
      secret: process.env.NEXTAUTH_SECRET as string,
      token: { sub: actor.userId, uid: actor.userId, role: actor.role, orgId: actor.orgId, email: actor.email },
    });
    browser.jar.set("next-auth.session-token", token);
    expect((await auth.session(browser)).body).toEqual({});
    browser.jar.set("next-auth.session-token", token);
    expect((await trpc(browser, "me.get")).status).toBe(401);
  });
});
