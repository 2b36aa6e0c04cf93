import { expect } from "@playwright/test";
import { SIGN_IN_FAILED_MESSAGE } from "@toolboxai/validators";
import { DEMO, expectAccessible, failedResponse, signIn, signOut, snap, submitSignIn, test } from "./helpers";

const HOMES = [
  { role: "ADMIN", email: DEMO.ADMIN, path: "/admin", heading: /Welcome back, Alex/ },
  { role: "TEACHER", email: DEMO.TEACHER, path: "/teacher", heading: /Good to see you, Sofia/ },
  { role: "STUDENT", email: DEMO.STUDENT, path: "/student", heading: /Hi Ava/ },
  { role: "PARENT", email: DEMO.PARENT, path: "/parent", heading: /Hello, Jordan/ },
] as const;

for (const home of HOMES) {
  test(`${home.role.toLowerCase()} signs in and lands on their home`, async ({ page }) => {
    await signIn(page, home.email);
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
    await snap(page, `home-${home.role.toLowerCase()}`);
    await expectAccessible(page, `${home.role} home`);
  });
}

test("a wrong password shows one generic error and keeps the visitor on the sign-in page", async ({
  page,
  consoleErrors,
}) => {
  await submitSignIn(page, DEMO.TEACHER, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: SIGN_IN_FAILED_MESSAGE })).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
  await snap(page, "signin-error");
  await expectAccessible(page, "sign-in with an error");
  consoleErrors.take(failedResponse(401, "/api/auth/callback/credentials"));
});

test("a student is refused the admin pages with a 403", async ({ page, consoleErrors }) => {
  await signIn(page, DEMO.STUDENT);
  await expect(page).toHaveURL(/\/student$/);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await snap(page, "forbidden");
  await expectAccessible(page, "403 page");
  consoleErrors.take(failedResponse(403, "/admin/users"));
});

test("a visitor who is not signed in is sent to sign in", async ({ page }) => {
  await page.goto("/teacher");
  await expect(page).toHaveURL(/\/signin$/);
});

test("an admin adds a user, changes their role, and the user's next sign-in lands on the new home", async ({
  page,
}) => {
  const email = `casey.${Date.now()}@maplegrove.test`;
  const password = "first-day-2026";

  await signIn(page, DEMO.ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await snap(page, "admin-users");
  await expectAccessible(page, "admin users");

  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Full name").fill("Casey Student");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("STUDENT");
  await dialog.getByLabel("Password (optional)").fill(password);
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel("Search").fill("Casey");
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("Student");
  await row.getByRole("button", { name: "Actions for Casey Student" }).click();
  await page.getByRole("menuitem", { name: "Change role…" }).click();
  const roleDialog = page.getByRole("dialog", { name: "Change role" });
  await roleDialog.getByLabel("Role").selectOption("TEACHER");
  await roleDialog.getByRole("button", { name: "Save role" }).click();
  await expect(row).toContainText("Teacher");
  await snap(page, "admin-users-role-changed");

  await signOut(page);
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/teacher$/);
  await expect(page.getByRole("heading", { level: 1, name: /Good to see you, Casey/ })).toBeVisible();
});

test("an admin sees a field error for an email that is already taken", async ({ page, consoleErrors }) => {
  await signIn(page, DEMO.ADMIN);
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Full name").fill("Someone Else");
  await dialog.getByLabel("Email").fill(DEMO.TEACHER);
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("An account with this email already exists.")).toBeVisible();
  consoleErrors.take(failedResponse(409, "users.create"));
});
