// Account administration as people meet it: an admin edits a person and makes them a reset link,
// the person follows it and signs in with the new password; "Forgot password?" answers one neutral
// message; a used link gets a clear page; an admin deletes a person after a confirmation naming them.
import { FORGOT_PASSWORD_MESSAGE } from "@toolboxai/validators";
import { DEMO, expect, expectAccessible, signIn, signOut, snap, submitSignIn, test } from "./helpers";

/** Adds a student through the Users page and returns its row. */
async function addStudent(page: import("@playwright/test").Page, name: string, email: string) {
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Full name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Password (optional)").fill("first-day-2026");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel("Search").fill(name);
}

test("an admin edits a person and resets their password; the person follows the link and signs in with the new one", async ({
  page,
  browser,
  consoleErrors,
}) => {
  const stamp = Date.now();
  const email = `robin.${stamp}@maplegrove.test`;
  const renamed = `robin.new.${stamp}@maplegrove.test`;
  await signIn(page, DEMO.ADMIN);
  await addStudent(page, "Robin Student", email);

  await page.getByTestId(`user-row-${email}`).getByRole("button", { name: "Actions for Robin Student" }).click();
  await page.getByRole("menuitem", { name: "Edit details…" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Robin Student" });
  await edit.getByLabel("Email").fill(DEMO.TEACHER);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Another account in your school already uses this email.")).toBeVisible();
  // The refused save is a 409 the browser logs; it is the point of this step.
  consoleErrors.take(/status of 409 .*users\.update/);
  await snap(page, "admin-user-edit-email-taken");
  await edit.getByLabel("Full name").fill("Robin Renamed");
  await edit.getByLabel("Email").fill(renamed);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await page.getByLabel("Search").fill("Robin Renamed");
  const row = page.getByTestId(`user-row-${renamed}`);
  await expect(row).toContainText("Robin Renamed");

  await row.getByRole("button", { name: "Actions for Robin Renamed" }).click();
  await page.getByRole("menuitem", { name: "Reset password…" }).click();
  const reset = page.getByRole("dialog", { name: "Reset Robin Renamed's password" });
  await reset.getByRole("button", { name: "Create reset link" }).click();
  const linkText = await reset.getByTestId("reset-link").textContent();
  expect(linkText).toMatch(/\/reset-password\?token=/);
  await expect(reset.getByText(/It was not emailed/)).toBeVisible();
  await snap(page, "admin-user-reset-link");
  await expectAccessible(page, "admin reset link dialog");
  // Where the browser offers no clipboard (plain http), "Copy link" says so and selects the link to
  // copy by hand, never "Copied".
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  await reset.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Couldn't copy automatically. The text is selected")).toBeVisible();
  await expect(reset.getByRole("button", { name: "Copy link" })).toBeVisible();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(linkText);
  await snap(page, "admin-user-reset-link-copy-fallback");
  await reset.getByRole("button", { name: "Done" }).click();
  // While it closes, the dialog still names the person (not "Reset 's password").
  expect((await page.locator('[role="dialog"] h2').allTextContents()).join(" ")).not.toMatch(/Reset 's|undefined/);

  // The person, in their own browser.
  const theirs = await browser.newContext();
  const person = await theirs.newPage();
  const link = new URL(linkText as string);
  await person.goto(`${link.pathname}${link.search}`);
  await expect(person.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(person.getByText(`For ${renamed}.`)).toBeVisible();
  await person.getByLabel("New password", { exact: true }).fill("short");
  await person.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(person.getByText("Use at least 10 characters")).toBeVisible();
  await snap(person, "reset-password-form");
  await expectAccessible(person, "reset password page");
  await person.getByLabel("New password", { exact: true }).fill("brand-new-pass-2026");
  await person.getByLabel("Confirm new password").fill("brand-new-pass-2026");
  await person.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(person).toHaveURL(/\/student$/);
  await signOut(person);

  await signIn(person, renamed, "brand-new-pass-2026");
  await expect(person).toHaveURL(/\/student$/);

  // The link worked once.
  await person.goto(`${link.pathname}${link.search}`);
  await expect(person.getByRole("heading", { level: 1, name: "This link has already been used" })).toBeVisible();
  await snap(person, "reset-password-link-used");
  await theirs.close();
});

test("forgot password answers the same neutral message for any address", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await snap(page, "forgot-password");
  await expectAccessible(page, "forgot password page");

  await page.getByLabel("Email").fill(`nobody.${Date.now()}@nowhere.test`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("forgot-password-sent")).toContainText(FORGOT_PASSWORD_MESSAGE);
  await snap(page, "forgot-password-sent");

  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(DEMO.PARENT);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("forgot-password-sent")).toContainText(FORGOT_PASSWORD_MESSAGE);
});

test("a reset link that does not exist gets a page that says so", async ({ page }) => {
  await page.goto("/reset-password?token=not-a-real-token");
  await expect(page.getByRole("heading", { level: 1, name: "This link doesn't work" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
  await snap(page, "reset-password-link-unknown");
});

test("an admin deletes a person after a confirmation naming them, and that person can no longer sign in", async ({
  page,
  browser,
  consoleErrors,
}) => {
  const email = `sam.${Date.now()}@maplegrove.test`;
  await signIn(page, DEMO.ADMIN);
  await addStudent(page, "Sam Leaving", email);
  await page.getByTestId(`user-row-${email}`).getByRole("button", { name: "Actions for Sam Leaving" }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete Sam Leaving?" });
  await expect(confirm).toContainText(email);
  await snap(page, "admin-user-delete-confirm");
  await confirm.getByRole("button", { name: "Delete user" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId(`user-row-${email}`)).toHaveCount(0);

  const theirs = await browser.newContext();
  const person = await theirs.newPage();
  await submitSignIn(person, email, "first-day-2026");
  await expect(person.getByRole("alert").filter({ hasText: "don't match an active account" })).toBeVisible();
  // The refused sign-in is a 401 the browser logs; it is the point of this step.
  consoleErrors.take(/status of 401 .*callback\/credentials/);
  await theirs.close();
});

test("an admin cannot delete a teacher who still teaches active classes, and is told why", async ({
  page,
  consoleErrors,
}) => {
  await signIn(page, DEMO.ADMIN);
  await page.goto("/admin/users");
  await page.getByLabel("Search").fill("Rivera");
  await page
    .getByTestId(`user-row-${DEMO.TEACHER}`)
    .getByRole("button", { name: /Actions for/ })
    .click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const confirm = page.getByRole("alertdialog", { name: /^Delete / });
  await confirm.getByRole("button", { name: "Delete user" }).click();
  await expect(confirm.getByRole("alert")).toContainText(/still teaches .* Archive (it|them) first\./);
  consoleErrors.take(/status of 412 .*users\.delete/);
  await snap(page, "admin-user-delete-refused");
  await confirm.getByRole("button", { name: "Cancel" }).click();
});
