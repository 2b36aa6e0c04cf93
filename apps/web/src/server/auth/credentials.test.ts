// Which credential a request carries, from its headers and URL alone.
import { generateApiKey, newRefreshToken } from "@toolboxai/core";
import { describe, expect, it } from "vitest";
import { credentialOf, KEY_IN_URL_MESSAGE, TOKEN_IN_URL_MESSAGE } from "./credentials";

const key = generateApiKey();
const h = (headers: Record<string, string>) => new Headers(headers);

describe("credentialOf", () => {
  it("reads an API key from Authorization: Bearer, whatever the scheme's case", () => {
    expect(credentialOf(h({ authorization: `Bearer ${key}` }))).toEqual({ kind: "api-key", key });
    expect(credentialOf(h({ authorization: `bearer ${key}` }))).toEqual({ kind: "api-key", key });
  });

  it("reads an API key from X-API-Key", () => {
    expect(credentialOf(h({ "x-api-key": key }))).toEqual({ kind: "api-key", key });
  });

  it("takes any other bearer token for an app's access token", () => {
    expect(credentialOf(h({ authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig" }))).toEqual({
      kind: "access-token",
      token: "eyJhbGciOiJIUzI1NiJ9.e30.sig",
    });
  });

  it("falls back to the session cookie when there is neither header", () => {
    expect(credentialOf(h({ cookie: "next-auth.session-token=abc" }))).toEqual({ kind: "session" });
  });

  it("refuses a key in any query parameter, headers or not", () => {
    for (const url of [`http://x/api/v1/content?api_key=${key}`, `http://x/api/trpc/me.get?key=${key}`]) {
      expect(credentialOf(h({}), url)).toEqual({ kind: "refused", message: KEY_IN_URL_MESSAGE });
      expect(credentialOf(h({ authorization: `Bearer ${key}` }), url)).toEqual({
        kind: "refused",
        message: KEY_IN_URL_MESSAGE,
      });
    }
  });

  it("does not mistake a query that merely mentions the prefix for a key", () => {
    const url = `http://x/api/trpc/content.list?input=${encodeURIComponent(JSON.stringify({ search: "tbx_live_" }))}`;
    expect(credentialOf(h({}), url)).toEqual({ kind: "session" });
  });

  it("refuses a refresh token or a JWT-looking access token in any query parameter", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln";
    for (const url of [
      `http://x/api/v1/me?refresh_token=${newRefreshToken()}`,
      `http://x/api/v1/me?access_token=${jwt}`,
    ]) {
      expect(credentialOf(h({}), url)).toEqual({ kind: "refused", message: TOKEN_IN_URL_MESSAGE });
      expect(credentialOf(h({ authorization: `Bearer ${jwt}` }), url)).toEqual({
        kind: "refused",
        message: TOKEN_IN_URL_MESSAGE,
      });
    }
  });

  it("does not mistake a query that merely starts like a token for one", () => {
    for (const value of ["tbx_rt_", "tbx_rt_short", "eyJ-not.a-jwt", "eyJhbGciOiJIUzI1NiJ9"]) {
      expect(credentialOf(h({}), `http://x/api/v1/content?search=${value}`), value).toEqual({ kind: "session" });
    }
  });

  it("leaves another scheme (a proxy's HTTP Basic) to the session cookie", () => {
    expect(credentialOf(h({ authorization: "Basic dXNlcjpwYXNz", cookie: "next-auth.session-token=abc" }))).toEqual({
      kind: "session",
    });
    expect(credentialOf(h({ authorization: "Basic dXNlcjpwYXNz", "x-api-key": key }))).toEqual({
      kind: "api-key",
      key,
    });
  });

  it("refuses two credentials at once, a malformed Bearer header, and an X-API-Key that is no key", () => {
    expect(credentialOf(h({ authorization: `Bearer ${key}`, "x-api-key": key })).kind).toBe("refused");
    expect(credentialOf(h({ authorization: "Bearer" })).kind).toBe("refused");
    expect(credentialOf(h({ authorization: "Bearer two tokens" })).kind).toBe("refused");
    expect(credentialOf(h({ "x-api-key": "hunter2" }))).toEqual({
      kind: "refused",
      message: "This API key is not valid.",
    });
  });
});
