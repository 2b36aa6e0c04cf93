// The REST API's docs as an integrator first meets them, in a real browser against the production
// build: /docs renders the operations from /api/v1/openapi.json with every file from our own
// origin (no CDN, no validator badge) and no CSP violation or console error; the problem types
// the errors link to are explained at /docs/problems.
import { expect, snap, test } from "./helpers";

test("/docs renders the API's operations, loading nothing from another host", async ({ page, baseURL }) => {
  const own = new URL(baseURL ?? "http://localhost:3100").host;
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && url.host !== own) elsewhere.push(request.url());
  });

  const response = await page.goto("/docs");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: /ToolboxAI API/ }).first()).toBeVisible();
  await expect(page.locator(".opblock-tag-section").first()).toBeVisible();
  expect(await page.locator(".opblock").count()).toBeGreaterThan(20);
  await expect(page.locator(".opblock-summary-path", { hasText: "/content/{contentId}/publish" })).toBeVisible();

  // An operation opens to the scope a key needs and its error responses, problem+json among them.
  await page.locator(".opblock-summary", { hasText: "/content/{contentId}/publish" }).first().click();
  const publish = page.locator(".opblock.is-open").first();
  await expect(publish.getByText("content:write").first()).toBeVisible();
  for (const status of ["200", "404", "429"]) {
    await expect(publish.locator(".response-col_status", { hasText: status }).first()).toBeAttached();
  }
  await expect(publish.locator("select option", { hasText: "application/problem+json" }).first()).toBeAttached();

  await snap(page, "api-docs");
  expect(elsewhere).toEqual([]);
});

test("/docs/problems explains each problem type the errors point at", async ({ page, request }) => {
  const problem = await request.get("/api/v1/no/such/operation");
  expect(problem.status()).toBe(404);
  expect(problem.headers()["content-type"]).toBe("application/problem+json");
  const body = (await problem.json()) as { type: string; requestId: string };
  expect(body.requestId).toBe(problem.headers()["x-request-id"]);

  await page.goto(body.type);
  const entry = page.locator("section#not-found");
  await expect(entry.getByRole("heading", { name: "404 Not found" })).toBeVisible();
  await expect(entry).toContainText('code: "NOT_FOUND"');
  expect(await page.locator("section").count()).toBeGreaterThanOrEqual(10);
  await snap(page, "api-docs-problems");
});

test("the OpenAPI document is served at /openapi.json and /api/v1/openapi.json", async ({ request }) => {
  const [root, versioned] = await Promise.all([request.get("/openapi.json"), request.get("/api/v1/openapi.json")]);
  expect(root.status()).toBe(200);
  expect(versioned.status()).toBe(200);
  const doc = (await versioned.json()) as { openapi: string; servers: { url: string }[] };
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.servers).toEqual([{ url: "/api/v1" }]);
  expect(await root.json()).toEqual(doc);
});
