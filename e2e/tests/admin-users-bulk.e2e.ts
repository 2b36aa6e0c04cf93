// Bulk actions and temporary passwords as an admin meets them: select two new students, change
// their role, deactivate one after a confirmation, set a temporary password for the other; that
// person signs in with it and must choose their own password before reaching their home.
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, snap, submitSignIn, test } from "./helpers";

/** Adds a student through the Users page. */
async function addStudent(page: Page, name: string, email: string) {
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Full name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Password (optional)").fill("first-day-2026");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
}

test("an admin changes two people at once, deactivates one, and gives the other a temporary password they must replace", async ({
  page,
  browser,
}) => {
  // A journey through several accounts: longer than the 60 s default on a busy machine.
  test.setTimeout(120_000);
  const stamp = Date.now();
  const first = { name: `Bulk Ada ${stamp}`, email: `bulk.ada.${stamp}@maplegrove.test` };
  const second = { name: `Bulk Ben ${stamp}`, email: `bulk.ben.${stamp}@maplegrove.test` };
  await signIn(page, DEMO.ADMIN);
  await page.goto("/admin/users");
  await addStudent(page, first.name, first.email);
  await addStudent(page, second.name, second.email);
  await page.getByLabel("Search").fill(String(stamp));
  const firstRow = page.getByTestId(`user-row-${first.email}`);
  const secondRow = page.getByTestId(`user-row-${second.email}`);
  await expect(firstRow).toBeVisible();
  await expect(secondRow).toBeVisible();

  // Select both; the action bar appears.
  await firstRow.getByRole("checkbox", { name: `Select ${first.name}`, exact: true }).check();
  await secondRow.getByRole("checkbox", { name: `Select ${second.name}`, exact: true }).check();
  const bar = page.getByRole("toolbar", { name: "Actions for the selected people" });
  await expect(bar.getByTestId("selected-count")).toHaveText("2 people selected");
  await expect(page.getByRole("checkbox", { name: "Select everyone on this page", exact: true })).toBeChecked();
  await snap(page, "admin-users-bulk-selected");
  await expectAccessible(page, "admin users with a selection");

  // Change their role together.
  await bar.getByRole("button", { name: "Change role…", exact: true }).click();
  const roleDialog = page.getByRole("dialog", { name: "Change the role of 2 people" });
  await roleDialog.getByLabel("New role").selectOption("TEACHER");
  await snap(page, "admin-users-bulk-role");
  await roleDialog.getByRole("button", { name: "Change role", exact: true }).click();
  await expect(roleDialog).toBeHidden();
  await expect(page.getByText("2 people now teacher")).toBeVisible();
  await expect(firstRow).toContainText("Teacher");
  await expect(secondRow).toContainText("Teacher");
  // Done for everyone: the selection is cleared.
  await expect(bar).toBeHidden();

  // Deactivate one, after a confirmation.
  await secondRow.getByRole("checkbox", { name: `Select ${second.name}`, exact: true }).check();
  await bar.getByRole("button", { name: "Deactivate…", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Deactivate 1 person?" });
  await expect(confirm).toContainText("They are signed out at once");
  await snap(page, "admin-users-bulk-deactivate-confirm");
  await confirm.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("1 person deactivated")).toBeVisible();
  await expect(secondRow).toContainText("Deactivated");
  await expect(firstRow).toContainText("Active");

  // A temporary password for the other, shown once.
  await firstRow.getByRole("button", { name: `Actions for ${first.name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: "Set temporary password…", exact: true }).click();
  const temp = page.getByRole("dialog", { name: `Set a temporary password for ${first.name}` });
  await expect(temp.getByRole("radio", { name: "Generate one for me", exact: true })).toBeChecked();
  await snap(page, "admin-users-temp-password-form");
  await temp.getByRole("button", { name: "Set temporary password", exact: true }).click();
  const shown = temp.getByTestId("temporary-password");
  await expect(shown).toHaveText(/^[A-Za-z0-9]{14}$/);
  const password = (await shown.textContent()) as string;
  await snap(page, "admin-users-temp-password-shown");
  await expectAccessible(page, "temporary password dialog");
  await temp.getByRole("button", { name: "Done", exact: true }).click();
  await expect(temp).toBeHidden();

  // The person signs in with it, in their own browser, and must choose a password first.
  const theirs = await browser.newContext();
  const person = await theirs.newPage();
  await submitSignIn(person, first.email, password);
  await expect(person).toHaveURL(/\/change-password$/);
  await expect(person.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
  // Other pages send them back until they have.
  await person.goto("/teacher");
  await expect(person).toHaveURL(/\/change-password$/);
  await snap(person, "change-password-required");
  await expectAccessible(person, "change password page");
  await person.getByLabel("Temporary password", { exact: true }).fill(password);
  await person.getByLabel("New password", { exact: true }).fill("my-own-password-2026");
  await person.getByLabel("Confirm new password", { exact: true }).fill("my-own-password-2026");
  await person.getByRole("button", { name: "Save password and continue", exact: true }).click();
  await expect(person).toHaveURL(/\/teacher$/);
  await snap(person, "change-password-done");
  await theirs.close();
});
