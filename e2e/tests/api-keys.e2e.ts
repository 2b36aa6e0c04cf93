// API keys as people meet them: an admin creates a key for a service and sees it once, the
// service calls the REST API with it (and is refused what its scopes don't cover), the admin
// reads its usage and revokes it, and the next call is refused. A rotated key's predecessor keeps
// working through its grace period. A teacher's key manager offers no admin scope.
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, failedResponse, signIn, snap, test } from "./helpers";

const KEY_PATTERN = /^tbx_live_[0-9A-Za-z]{36}$/;

/** Fills the create dialog with a name and scopes (by their labels) and creates the key; returns the secret shown. */
async function createKey(page: Page, name: string, scopeLabels: string[]): Promise<string> {
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  for (const label of scopeLabels) await dialog.getByRole("checkbox", { name: label }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "Copy your new key" });
  await expect(shown).toBeVisible();
  const secret = (await shown.getByTestId("new-api-key").textContent()) ?? "";
  expect(secret).toMatch(KEY_PATTERN);
  return secret;
}

function listClasses(request: APIRequestContext, secret: string) {
  return request.get("/api/v1/classes", { headers: { Authorization: `Bearer ${secret}` } });
}

test("an admin creates a key, sees it once, the key calls the API within its scopes, and after revoking it the next call is refused", async ({
  page,
  context,
  request,
  consoleErrors,
}) => {
  const name = `Roster sync ${Date.now()}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, DEMO.ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByRole("link", { name: "API docs", exact: true })).toHaveAttribute("href", "/docs");
  await snap(page, "api-keys-list-before");

  // The form says what is missing, next to each field, before anything is sent.
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Give the key a name (what uses it).")).toBeVisible();
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();
  await dialog.getByLabel("IP allowlist (optional)").fill("not-an-address");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByLabel("IP allowlist (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByRole("alert").filter({ hasText: /IP address/ })).toBeVisible();
  await dialog.getByLabel("IP allowlist (optional)").fill("");

  // An expiry past the longest lifetime is the server's refusal, shown next to the date.
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByRole("checkbox", { name: "Read classes" }).check();
  await dialog.getByLabel("Expires").selectOption("date");
  await dialog.getByLabel("Expiry date").fill("2099-01-01");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("A key may be made to last at most 365 days.")).toBeVisible();
  consoleErrors.take(failedResponse(400, "apiKeys.create"));
  await dialog.getByLabel("Expires").selectOption("90");
  await expect(dialog.getByRole("checkbox", { name: "Administer the organization" })).toBeVisible();
  await snap(page, "api-keys-create-dialog");
  await expectAccessible(page, "create API key dialog");
  await dialog.getByRole("button", { name: "Create key" }).click();

  // Shown once, with Copy and a curl line to try it.
  const shown = page.getByRole("dialog", { name: "Copy your new key" });
  await expect(shown.getByText("This is the only time the key is shown")).toBeVisible();
  const secret = (await shown.getByTestId("new-api-key").textContent()) ?? "";
  expect(secret).toMatch(KEY_PATTERN);
  await expect(shown.getByText(`curl -H "Authorization: Bearer ${secret}"`)).toBeVisible();
  await shown.getByRole("button", { name: "Copy", exact: true }).first().click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await snap(page, "api-keys-show-once");
  await expectAccessible(page, "new API key dialog");
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();

  // Never shown again: not in the list, not after a reload.
  const row = page.getByTestId(`api-key-row-${name}`);
  await expect(row).toContainText(`${secret.slice(0, 13)}…`);
  await expect(row.getByText("classes:read")).toBeVisible();
  await expect(row).toContainText("Never");
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await snap(page, "api-keys-list");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("dialog", { name: "Create an API key" }).getByLabel("Name", { exact: true })).toHaveValue(
    "",
  );
  await page.keyboard.press("Escape");

  // The key calls the API as the admin, within its scopes.
  const classes = await listClasses(request, secret);
  expect(classes.status()).toBe(200);
  const list = (await classes.json()) as { id: string; name: string }[];
  expect(Array.isArray(list)).toBe(true);
  expect(list.length).toBeGreaterThan(0);
  const content = await request.get("/api/v1/content", { headers: { "X-API-Key": secret } });
  expect(content.status()).toBe(403);
  expect(content.headers()["content-type"]).toContain("application/problem+json");
  expect(((await content.json()) as { detail: string }).detail).toContain("content:read");

  // Its last use and its usage.
  await page.reload();
  await expect(row).toContainText(/from [0-9a-f.:]+/);
  await row.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Usage…" }).click();
  const usage = page.getByRole("dialog", { name: `Usage of “${name}”` });
  await expect(usage.getByText(/2 requests in the last 30 days: 1 error/)).toBeVisible();
  await expect(usage.getByRole("cell", { name: "GET /classes" })).toBeVisible();
  await expect(usage.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await snap(page, "api-keys-usage-chart");
  await expectAccessible(page, "API key usage dialog");
  await page.keyboard.press("Escape");
  await expect(usage).toBeHidden();

  // Revoked, with a reason: the row says so and the next call is refused.
  await row.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Revoke…" }).click();
  const revoke = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(revoke.getByText("Say why the key is revoked (it goes in the audit log).")).toBeVisible();
  await revoke.getByLabel("Reason").fill("The sync moved to another service");
  await snap(page, "api-keys-revoke-dialog");
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(revoke).toBeHidden();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(row).toContainText("The sync moved to another service");
  const refused = await listClasses(request, secret);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  await snap(page, "api-keys-list-revoked");
});

test("a rotated key's predecessor keeps working through the grace period, and the new key is shown once", async ({
  page,
  request,
}) => {
  const name = `Studio plugin ${Date.now()}`;
  await signIn(page, DEMO.ADMIN);
  await page.goto("/admin/api-keys");
  const old = await createKey(page, name, ["Read classes"]);
  await page.getByRole("dialog", { name: "Copy your new key" }).getByRole("button", { name: "Done" }).click();

  const row = page.getByTestId(`api-key-row-${name}`).filter({ hasText: `${old.slice(0, 13)}…` });
  await row.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Rotate…" }).click();
  const rotate = page.getByRole("dialog", { name: `Rotate “${name}”` });
  await rotate.getByLabel("For 1 hour").check();
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  const shown = page.getByRole("dialog", { name: "Copy the new key" });
  await expect(shown.getByText(/The old key \(tbx_live_\w{4}…\) keeps working until/)).toBeVisible();
  const replacement = (await shown.getByTestId("new-api-key").textContent()) ?? "";
  expect(replacement).toMatch(KEY_PATTERN);
  expect(replacement).not.toBe(old);
  await snap(page, "api-keys-rotated");
  await shown.getByRole("button", { name: "Done" }).click();

  await expect(row.getByText("Rotated", { exact: true })).toBeVisible();
  await expect(row).toContainText("Works until");
  expect((await listClasses(request, old)).status()).toBe(200);
  expect((await listClasses(request, replacement)).status()).toBe(200);
});

test("a teacher's key manager explains keys, links the docs and offers no admin scope", async ({ page }) => {
  await signIn(page, DEMO.TEACHER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/teacher\/api-keys$/);
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Read the API docs" })).toHaveAttribute("href", "/docs");
  await snap(page, "api-keys-teacher-empty");
  await expectAccessible(page, "teacher API keys page");

  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await expect(dialog.getByRole("checkbox", { name: "Read classes" })).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: "Run AI generation" })).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: "Administer the organization" })).toHaveCount(0);
});
