import { expect } from "@playwright/test";
import { DEMO, expectAccessible, failedResponse, signIn, signOut, snap, test } from "./helpers";

test("a teacher creates a class, a student joins with its code, and the teacher sees them on the roster", async ({
  page,
}) => {
  const name = `Photosynthesis lab ${Date.now()}`;

  await signIn(page, DEMO.TEACHER);
  await page.getByRole("button", { name: "New class" }).click();
  const dialog = page.getByRole("dialog", { name: "New class" });
  await dialog.getByLabel("Class name").fill(name);
  await dialog.getByLabel("Subject").fill("Science");
  await dialog.getByLabel("Grade level").selectOption("7");
  await dialog.getByRole("button", { name: "Create class" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("link", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const code = (await page.getByTestId("join-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  await expect(page.getByText("No students yet")).toBeVisible();
  await snap(page, "teacher-class-empty");
  await signOut(page);

  await signIn(page, DEMO.STUDENT);
  await page.getByLabel("Class code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(page.getByRole("region", { name: "My classes" }).getByText(name)).toBeVisible();
  await snap(page, "student-home-classes");
  await signOut(page);

  await signIn(page, DEMO.TEACHER);
  await page.getByRole("link", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("heading", { name: "Students (1)" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^Ava Johnson/ })).toBeVisible();
  await snap(page, "teacher-class-roster");
  await expectAccessible(page, "class page");
});

test("a student sees a clear message for a wrong class code", async ({ page, consoleErrors }) => {
  await signIn(page, DEMO.STUDENT);
  await page.getByLabel("Class code").fill("ZZZZZZ");
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(page.getByText("No open class has that code. Check it with your teacher.")).toBeVisible();
  consoleErrors.take(failedResponse(404, "classes.join"));
});
