// The audit log as an admin uses it: they change someone's role, open the audit log, narrow it to
// that action and that person, see the row (who, what, when), follow the row's request link to
// everything that one request did, and export the filtered log as CSV.
import fs from "node:fs";
import { DEMO, expect, expectAccessible, signIn, snap, test } from "./helpers";

test("an admin finds the role change they just made in the audit log, follows its request and exports it", async ({
  page,
}) => {
  const stamp = Date.now();
  const email = `audit-e2e-${stamp}@maplegrove.test`;
  const name = `Audit Pupil ${stamp}`;
  await signIn(page, DEMO.ADMIN);

  // Something audited: a new person, whose role the admin then changes.
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const add = page.getByRole("dialog", { name: "Add a user" });
  await add.getByLabel("Full name").fill(name);
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Role").selectOption("STUDENT");
  await add.getByLabel("Password (optional)").fill("audit-e2e-password-1");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add).toBeHidden();
  await page.getByLabel("Search").fill(name);
  const userRow = page.getByTestId(`user-row-${email}`);
  await userRow.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Change role…" }).click();
  const roleDialog = page.getByRole("dialog", { name: "Change role" });
  await roleDialog.getByLabel("Role").selectOption("TEACHER");
  await roleDialog.getByRole("button", { name: "Save role" }).click();
  await expect(userRow).toContainText("Teacher");

  // The person's id, as the admin's browser reads it from the REST API.
  const userId = await page.evaluate(async (address) => {
    const res = await fetch(`/api/v1/users?search=${encodeURIComponent(address)}`);
    const body = (await res.json()) as { items: { id: string; email: string }[] };
    return body.items.find((u) => u.email === address)?.id ?? "";
  }, email);
  expect(userId).not.toBe("");

  // The audit log, from the admin navigation.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await snap(page, "admin-audit-log");
  await expectAccessible(page, "audit log");

  // Narrowed to role changes of this person: the filters go into the URL.
  await page.getByLabel("Action", { exact: true }).selectOption("user.role_changed");
  await expect(page).toHaveURL(/action=user\.role_changed/);
  await page.getByLabel("Target id", { exact: true }).fill(userId);
  await expect(page).toHaveURL(new RegExp(`targetId=${userId}`));
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toContainText("Changed a person's role");
  // The details list the metadata in the order PostgreSQL keeps jsonb keys (shortest first).
  await expect(row).toContainText("from: STUDENT");
  await expect(row).toContainText("to: TEACHER");
  await snap(page, "admin-audit-filtered");

  // The row's request link shows everything that one request did.
  const requestLink = row.getByRole("link", { name: /^Show everything request .+ did$/ });
  await requestLink.click();
  await expect(page).toHaveURL(/correlationId=/);
  await expect(page.getByText(/^Everything request .+ did\.$/)).toBeVisible();
  await expect(page.getByTestId("audit-row").filter({ hasText: "Changed a person's role" })).toHaveCount(1);
  await snap(page, "admin-audit-request");

  // The filtered log as CSV: a header row, then the row shown.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-log-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe("time (UTC),actor,email,action,what,target type,target id,correlation id,request id,details");
  expect(lines.filter((l) => l.includes("user.role_changed") && l.includes(userId))).toHaveLength(1);
  await expect(page.getByText(/^Downloaded audit-log-/)).toBeVisible();
  await snap(page, "admin-audit-exported");
});
