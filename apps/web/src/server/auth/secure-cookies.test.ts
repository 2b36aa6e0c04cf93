// Served over HTTPS (APP_URL https://...), next-auth's cookies are Secure and carry the __Secure-
// and __Host- prefixes, so a browser never sends them over plain HTTP or lets a subdomain set them.
import { createDomainWorld, type DomainWorld, PASSWORD } from "@toolboxai/core/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Browser, installRequestScope, nextAuthClient } from "~/test/next-auth-http";

const state = vi.hoisted(() => {
  process.env.APP_URL = "https://school.example";
  // next-auth alone would judge by NEXTAUTH_URL; behind a TLS-terminating proxy that may be plain
  // HTTP, and the public APP_URL is what decides.
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  return { db: null as unknown };
});
vi.mock("~/server/db", () => ({ getDb: () => state.db }));

installRequestScope();
const auth = nextAuthClient(await import("~/app/api/auth/[...nextauth]/route"));
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

const attributesOf = (b: Browser, name: string) =>
  b.lastSetCookies.find((c) => c.name === name)?.attributes.map((a) => a.toLowerCase());

describe("cookies when the app is served over HTTPS", () => {
  it("names the session cookie __Secure-next-auth.session-token and marks it Secure and HttpOnly", async () => {
    const browser = new Browser();
    expect((await auth.signIn(browser, w.users.a.TEACHER.email, PASSWORD)).status).toBe(200);
    const attributes = attributesOf(browser, "__Secure-next-auth.session-token");
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax"]));
    expect((await auth.session(browser)).body.user).toMatchObject({ email: w.users.a.TEACHER.email });
  });

  it("names the CSRF cookie __Host-next-auth.csrf-token and marks it Secure", async () => {
    const browser = new Browser();
    await auth.csrfToken(browser);
    expect(attributesOf(browser, "__Host-next-auth.csrf-token")).toEqual(
      expect.arrayContaining(["secure", "httponly", "path=/"]),
    );
  });
});
