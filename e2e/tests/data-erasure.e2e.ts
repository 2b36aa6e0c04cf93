// Erasure as an admin meets it: a student's data is to be erased; the admin chooses them, writes
// the reason and confirms by typing their name; the request waits out its grace period, the
// student is shown as deactivated, and "Undo" gives them their account back: they sign in again.
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, signOut, snap, test } from "./helpers";

const PASSWORD = "erasure-e2e-pass-1";

/** A new student made through the people page; returns their name and email. */
async function addStudent(page: Page) {
  const stamp = Date.now();
  const name = `Erin Erasable ${stamp}`;
  const email = `erin.erasable.${stamp}@maplegrove.test`;
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Full name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("STUDENT");
  await dialog.getByLabel("Password (optional)").fill(PASSWORD);
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  return { name, email };
}

test("an admin erases a student after typing their name, sees it pending, undoes it, and the student signs in again", async ({
  page,
}) => {
  // A journey through several accounts: longer than the 60 s default on a busy machine.
  test.setTimeout(120_000);
  await signIn(page, DEMO.ADMIN);
  const student = await addStudent(page);

  await page.goto("/admin/data-protection");
  await expect(page.getByRole("heading", { level: 1, name: "Data protection" })).toBeVisible();
  const section = page.getByRole("region", { name: "Erasure" });
  await expect(section.getByRole("heading", { level: 2, name: "Erasure" })).toBeVisible();

  // The form says what is missing before anything is sent.
  await section.getByRole("button", { name: "Erase…" }).click();
  await expect(section.getByText("Choose the person to erase.")).toBeVisible();

  await section.getByLabel("Find a person to erase", { exact: true }).fill(student.email);
  const person = section.getByLabel("Person to erase", { exact: true });
  await expect(person.locator("option", { hasText: student.email })).toHaveCount(1);
  await person.selectOption({ label: `${student.name} (${student.email}) · Student` });
  await section.getByLabel("Reason").fill("Parent's written request");
  await snap(page, "data-erasure-form");
  await section.getByRole("button", { name: "Erase…" }).click();

  // The strong confirmation: the name must be typed.
  const confirm = page.getByRole("alertdialog", { name: `Erase ${student.name}?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Erase", exact: true }).click();
  await expect(confirm.getByText(`Type ${student.name} to confirm.`)).toBeVisible();
  await confirm.getByLabel(`Type ${student.name} to confirm`).fill(student.name);
  await snap(page, "data-erasure-confirm");
  await expectAccessible(page, "erasure confirmation");
  await confirm.getByRole("button", { name: "Erase", exact: true }).click();
  await expect(confirm).toBeHidden();

  // Pending, with the days left, and the person is deactivated.
  const row = section.getByRole("row").filter({ hasText: student.name });
  await expect(row.getByText("Pending", { exact: true })).toBeVisible();
  await expect(row.getByText(/\d+ days? left/)).toBeVisible();
  await snap(page, "data-erasure-pending");
  await expectAccessible(page, "data protection page with a pending erasure");

  await page.goto("/admin/users");
  await page.getByLabel("Search", { exact: true }).fill(student.email);
  await expect(page.getByRole("row").filter({ hasText: student.name }).getByText("Deactivated")).toBeVisible();

  // Undo within the grace period.
  await page.goto("/admin/data-protection");
  await section.getByRole("button", { name: `Undo the erasure of ${student.name}` }).click();
  const undo = page.getByRole("alertdialog", { name: `Undo the erasure of ${student.name}?` });
  await undo.getByRole("button", { name: "Undo erasure" }).click();
  await expect(undo).toBeHidden();
  await expect(row.getByText("Undone", { exact: true })).toBeVisible();
  await snap(page, "data-erasure-undone");

  // The student has their account back.
  await signOut(page);
  await signIn(page, student.email, PASSWORD);
  await expect(page).toHaveURL(/\/student$/);
  await snap(page, "data-erasure-student-signed-in-again");
});
