// The admin's Settings, System and retention journeys: an admin changes the school's time zone
// and AI budget and finds them saved after a reload (a field left invalid is named next to it),
// opens the System page and clears the metrics cache, and previews retention on the Data
// protection page. The settings are put back at the end, so other specs see the demo school as seeded.
import { DEMO, expect, expectAccessible, signIn, snap, test } from "./helpers";

test("an admin changes the settings and sees them saved after a reload", async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const form = page.getByRole("form", { name: "Organization settings" });
  const timeZone = form.getByLabel("Time zone", { exact: true });
  const before = await timeZone.inputValue();
  const target = before === "America/Chicago" ? "Europe/Paris" : "America/Chicago";
  await snap(page, "admin-settings-before");

  // An invalid field is named next to it, and nothing is sent.
  const name = form.getByLabel("Name", { exact: true });
  const schoolName = await name.inputValue();
  await name.fill("");
  await form.getByRole("button", { name: "Save settings", exact: true }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill(schoolName);

  await timeZone.selectOption(target);
  const noBudget = form.getByRole("checkbox", { name: "No daily budget", exact: true });
  const hadBudget = !(await noBudget.isChecked());
  if (!hadBudget) await noBudget.uncheck();
  const budget = form.getByLabel("Daily token budget", { exact: true });
  const budgetBefore = await budget.inputValue();
  await budget.fill("150000");
  await form.getByRole("button", { name: "Save settings", exact: true }).click();
  await expect(page.getByText("Settings saved", { exact: true })).toBeVisible();
  await snap(page, "admin-settings-saved");
  await expectAccessible(page, "settings page");

  await page.reload();
  await expect(timeZone).toHaveValue(target);
  await expect(budget).toHaveValue("150000");

  // Put the demo school back as it was.
  await timeZone.selectOption(before);
  if (hadBudget) await budget.fill(budgetBefore);
  else await noBudget.check();
  await form.getByRole("button", { name: "Save settings", exact: true }).click();
  await expect(page.getByText("Settings saved", { exact: true })).toBeVisible();
});

test("an admin opens the System page and clears the metrics cache", async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "System" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Database", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Metrics cache", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Realtime connections", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Version", exact: true })).toBeVisible();
  await snap(page, "admin-system");
  await expectAccessible(page, "system page");

  await page.getByRole("button", { name: "Clear metrics cache", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Clear the metrics cache?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Clear metrics cache", exact: true }).click();
  await expect(page.getByText(/^The metrics cache was cleared/)).toBeVisible();
  await expect(confirm).toBeHidden();
});

test("an admin previews retention on the Data protection page", async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  await page.goto("/admin/data-protection");
  const section = page.getByRole("region", { name: "Retention" });
  await expect(section.getByRole("table", { name: "Retention periods" })).toBeVisible();
  await section.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(section.getByRole("columnheader", { name: "Would be removed now", exact: true })).toBeVisible();
  await expect(section.getByRole("status")).toContainText(/remove/);
  await snap(page, "admin-retention-preview");

  // "Run now" asks first; cancelling changes nothing.
  await section.getByRole("button", { name: "Run now", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Apply retention now?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(confirm).toBeHidden();
});
