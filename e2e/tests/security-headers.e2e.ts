// Finding 5 of the security review: every response carries the security headers, pages run only
// the scripts carrying their response's nonce, and nothing personal may be cached. Through the
// production build, over real HTTP (Playwright's request client and page navigations).
import { type APIResponse, expect, type Page, type Response } from "@playwright/test";
import { DEMO, failedResponse, signIn, test } from "./helpers";

type Headers = Record<string, string>;

/** The nonce of `'nonce-…'` in the response's script-src. */
function nonceOf(headers: Headers): string {
  const match = /script-src [^;]*'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "");
  expect(match, "a script-src with a nonce").not.toBeNull();
  return match?.[1] ?? "";
}

function headersOf(response: Response | APIResponse | null): Headers {
  expect(response, "a response").not.toBeNull();
  return response?.headers() ?? {};
}

/** What every page and route handler response carries (the app is served over http here: no HSTS). */
function expectSecurityHeaders(headers: Headers) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(csp).toContain(directive);
  }
  // The realtime server of the e2e setup (apps/realtime on 127.0.0.1:6101).
  expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
    expect(headers["permissions-policy"]).toContain(`${feature}=()`);
  }
  expect(headers["strict-transport-security"]).toBeUndefined();
}

function expectNoStore(headers: Headers) {
  expect(headers["cache-control"]?.split(/,\s*/)).toContain("no-store");
}

test("the sign-in page carries the security headers, and each of its scripts this response's nonce", async ({
  page,
}) => {
  // Chromium logs any feature of the Permissions-Policy it does not know, or any header it cannot parse.
  const headerComplaints: string[] = [];
  page.on("console", (m) => {
    if (/Permissions[- ]Policy|Referrer[- ]Policy|X-Frame-Options/i.test(m.text())) headerComplaints.push(m.text());
  });
  const response = await page.goto("/signin");
  const headers = headersOf(response);
  expectSecurityHeaders(headers);
  const nonce = nonceOf(headers);
  // Browsers hide the nonce attribute from the DOM once parsed; the `nonce` property keeps it.
  const scripts = await page.locator("script").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(headerComplaints).toEqual([]);
});

test("every response gets a nonce of its own", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) nonces.add(nonceOf(headersOf(await request.get("/signin"))));
  expect(nonces.size).toBe(3);
});

test("a nonce sent by the client is replaced by the server's own", async ({ request }) => {
  const forged = "Zm9yZ2VkLW5vbmNl";
  const response = await request.get("/signin", {
    headers: { "x-nonce": forged, "content-security-policy": `script-src 'nonce-${forged}'` },
  });
  expect(nonceOf(headersOf(response))).not.toBe(forged);
  expect(await response.text()).not.toContain(forged);
});

test("a signed-in page carries the security headers and may not be stored by any cache", async ({ page }) => {
  await signIn(page, DEMO.TEACHER);
  const headers = headersOf(await page.goto("/teacher"));
  expectSecurityHeaders(headers);
  expectNoStore(headers);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a signed-in tRPC answer carries the security headers and no-store", async ({ page }) => {
  await signIn(page, DEMO.TEACHER);
  // page.request shares the browser context's cookies: this is the signed-in teacher's call.
  const response = await page.request.get("/api/trpc/me.get");
  expect(response.status()).toBe(200);
  expect(JSON.stringify(await response.json())).toContain(DEMO.TEACHER);
  const headers = headersOf(response);
  expectSecurityHeaders(headers);
  expectNoStore(headers);
});

test("an anonymous tRPC call is refused with the security headers and no-store", async ({ request }) => {
  const response = await request.get("/api/trpc/me.get");
  expect(response.status()).toBe(401);
  expectSecurityHeaders(headersOf(response));
  expectNoStore(headersOf(response));
});

test("the public health check carries the security headers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.ok()).toBe(true);
  expectSecurityHeaders(headersOf(response));
  expectNoStore(headersOf(response));
});

test("the build's static scripts are served with nosniff and no nonce policy", async ({ page, request }) => {
  await page.goto("/signin");
  const src = await page.locator("script[src*='/_next/static/']").first().getAttribute("src");
  expect(src).toBeTruthy();
  const response = await request.get(src ?? "");
  expect(response.ok()).toBe(true);
  const headers = headersOf(response);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toBeUndefined();
});

// Not `page.addScriptTag({ content })`: a script element created by a running script is trusted
// under 'strict-dynamic' by design (only script the page already trusts could create one), so the
// vector that matters is markup: a parser-inserted script or handler without the nonce.

/**
 * Markup an attacker managed to get into a page (stored XSS), served with the server's real
 * headers: the response is fetched from the app and only its HTML is changed on the way.
 */
async function serveWithInjectedMarkup(page: Page, path: string, markup: string) {
  await page.route(`**${path}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", `${markup}</body>`);
    await route.fulfill({ response, body: html });
  });
}

test("an inline script injected into a page's markup is refused and reported as a CSP violation", async ({
  page,
  cspViolations,
}) => {
  await serveWithInjectedMarkup(page, "/signin", "<script>window.__injected = true;</script>");
  await page.goto("/signin");
  await expect.poll(() => cspViolations.seen.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  const reports = cspViolations.take();
  expect(reports.some((r) => /Executing inline script violates .*Content Security Policy/.test(r))).toBe(true);
  expect(reports.some((r) => /securitypolicyviolation script-src-elem refused inline/.test(r))).toBe(true);
  // The page's own (nonced) scripts still run: the form works.
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
});

test("an inline event handler injected into a page's markup is refused and reported", async ({
  page,
  cspViolations,
  consoleErrors,
}) => {
  await serveWithInjectedMarkup(page, "/signin", `<img alt="" src="/missing.png" onerror="window.__injected = true">`);
  await page.goto("/signin");
  await expect.poll(() => cspViolations.seen.join("\n")).toContain("script-src-attr refused inline");
  // The injected image points nowhere: its 404 is part of the markup injected on purpose.
  consoleErrors.take(failedResponse(404, "/missing.png"));
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  cspViolations.take();
});

test("another site cannot frame the app", async ({ page, baseURL, cspViolations }) => {
  await page.setContent(`<iframe title="framed" src="${baseURL}/signin"></iframe>`);
  await expect.poll(() => cspViolations.seen.join("\n")).toContain("frame-ancestors 'none'");
  cspViolations.take();
  const framed = page.frameLocator("iframe");
  await expect(framed.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
});
