// Correlation ids on every kind of response of the production build (pages, tRPC, REST, route
// handlers, health, the 404 page, static files), over real HTTP with Playwright's request client;
// the 508 that ends a request loop; and the server's log lines carrying a request's ids.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { DEMO, expect, test } from "./helpers";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Where e2e/server.mjs copies the web server's stdout. */
const WEB_LOG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", ".data", "e2e-web.log");

let run = 0;
/** Headers of a caller that is part of a chain: its own chain id, its parent, two hops so far. */
function caller() {
  run += 1;
  return {
    "x-correlation-id": `e2e-chain-${Date.now().toString(36)}-${run}`,
    "x-parent-correlation-id": "e2e-parent-1",
    "x-chain-depth": "2",
  };
}

/** All six headers: the caller's chain and parent, a new request id, the service, the next depth, the duration. */
function expectCorrelated(res: APIResponse, sent: ReturnType<typeof caller>) {
  const h = res.headers();
  expect(h["x-correlation-id"], res.url()).toBe(sent["x-correlation-id"]);
  expect(h["x-request-id"], res.url()).toMatch(UUID_V4);
  expect(h["x-parent-correlation-id"], res.url()).toBe("e2e-parent-1");
  expect(h["x-service-name"], res.url()).toBe("web");
  expect(h["x-chain-depth"], res.url()).toBe("3");
  expect(h["x-request-duration"], res.url()).toMatch(/^\d+\.\dms$/);
}

async function get(request: APIRequestContext, url: string) {
  const sent = caller();
  const res = await request.get(url, { headers: sent, maxRedirects: 0 });
  return { res, sent };
}

const trpcInput = (json: unknown) => `input=${encodeURIComponent(JSON.stringify({ json }))}`;

test("every kind of response carries the caller's correlation id and all the other ids", async ({ request }) => {
  const signin = await get(request, "/signin");
  const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(await signin.res.text())?.[1];
  expect(script, "a build script on the sign-in page").toBeTruthy();
  const urls: [string, number][] = [
    ["/signin", 200],
    [`/api/trpc/me.get?${trpcInput(null)}`, 401],
    ["/api/v1/health", 200],
    ["/api/v1/openapi.json", 200],
    ["/api/health", 200],
    ["/api/content/no-such-item/rojo.zip", 401],
    ["/no-such-page", 404],
    [script ?? "/_next/static/missing.js", 200],
    ["/favicon.ico", 200],
  ];
  const requestIds = new Set<string>();
  for (const [url, status] of urls) {
    const { res, sent } = await get(request, url);
    expect(res.status(), url).toBe(status);
    expectCorrelated(res, sent);
    requestIds.add(res.headers()["x-request-id"] ?? "");
  }
  expect(requestIds.size, "a request id of its own for each request").toBe(urls.length);
});

test("a caller without ids gets a new chain: a UUID v4, depth 1, no parent", async ({ request }) => {
  const res = await request.get("/api/health");
  const h = res.headers();
  expect(h["x-correlation-id"]).toMatch(UUID_V4);
  expect(h["x-correlation-id"]).not.toBe(h["x-request-id"]);
  expect(h["x-chain-depth"]).toBe("1");
  expect(h["x-parent-correlation-id"]).toBeUndefined();
});

test("a tRPC error's body names the same request id as its headers", async ({ request }) => {
  const { res, sent } = await get(request, `/api/trpc/me.get?${trpcInput(null)}`);
  const body = (await res.json()) as { error: { json: { data: { requestId: string; correlationId: string } } } };
  expect(body.error.json.data.requestId).toBe(res.headers()["x-request-id"]);
  expect(body.error.json.data.correlationId).toBe(sent["x-correlation-id"]);
});

test("a REST error's problem details name the same ids as its headers", async ({ request }) => {
  const { res, sent } = await get(request, "/api/v1/no-such-route");
  expect(res.status()).toBe(404);
  const body = (await res.json()) as { requestId: string; correlationId: string };
  expect(body.requestId).toBe(res.headers()["x-request-id"]);
  expect(body.correlationId).toBe(sent["x-correlation-id"]);
});

test("a request whose chain is already 11 hops deep is refused with 508 problem details", async ({ request }) => {
  for (const url of ["/api/v1/health", "/signin", "/api/trpc/me.get"]) {
    const res = await request.get(url, { headers: { "x-chain-depth": "11", "x-correlation-id": "e2e-loop" } });
    expect(res.status(), url).toBe(508);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(res.headers()["x-chain-depth"]).toBe("12");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 508,
      code: "LOOP_DETECTED",
      type: "/docs/problems#loop-detected",
      correlationId: "e2e-loop",
      requestId: res.headers()["x-request-id"],
      instance: url,
    });
  }
});

test("the server's log lines written while serving a request carry its correlation and request ids", async ({
  request,
}) => {
  // Forgot password for a demo account: without SMTP the mailer logs the message it did not send,
  // from inside the request (its own logger, no ids passed to it: they come from the request's scope).
  const sent = caller();
  const res = await request.post("/api/trpc/passwordReset.request", {
    headers: { ...sent, "content-type": "application/json" },
    data: { json: { email: DEMO.PARENT } },
  });
  expect(res.status()).toBe(200);
  const requestId = res.headers()["x-request-id"];
  type Line = { msg?: string; correlationId?: string; requestId?: string };
  let lines: Line[] = [];
  await expect
    .poll(() => {
      lines = fs
        .readFileSync(WEB_LOG, "utf8")
        .split("\n")
        .filter((l) => l.includes(sent["x-correlation-id"]))
        .map((l) => JSON.parse(l) as Line);
      return lines.some((l) => l.msg?.startsWith("MAIL NOT SENT"));
    })
    .toBe(true);
  for (const line of lines) expect(line).toMatchObject({ correlationId: sent["x-correlation-id"], requestId });
});
