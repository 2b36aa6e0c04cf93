import { expect } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signOut, snap, test } from "./helpers";

test("a teacher messages a student, who sees it as unread, reads it and replies", async ({ page }) => {
  const subject = `Lab safety ${Date.now().toString(36)}`;

  await signIn(page, DEMO.TEACHER);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Messages/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await expect(page.getByText("Welcome to Life Science!").first()).toBeVisible();

  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await dialog.getByLabel("To").selectOption({ label: "Ava Johnson" });
  await dialog.getByLabel("Subject").fill(subject);
  await dialog.getByLabel("Message").fill("Please bring your goggles tomorrow.");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("log", { name: "Messages" })).toContainText("Please bring your goggles tomorrow.");
  await signOut(page);

  await signIn(page, DEMO.STUDENT);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByText(/unread message/)).toBeAttached();
  await nav.getByRole("link", { name: /Messages/ }).click();
  await page.getByRole("button", { name: new RegExp(subject) }).click();
  const log = page.getByRole("log", { name: "Messages" });
  await expect(log).toContainText("Please bring your goggles tomorrow.");
  await page.getByLabel("Reply").fill("I will!");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(log).toContainText("I will!");
  await snap(page, "messages-student");
  await expectAccessible(page, "messages");
});
