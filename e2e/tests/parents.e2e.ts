import { expect } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signOut, snap, test } from "./helpers";

test("an admin links a parent to a second child and unlinks them after confirming", async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  await page.goto("/admin/users");
  await page.getByTestId(`user-row-${DEMO.PARENT}`).getByRole("button", { name: "Actions for Jordan Johnson" }).click();
  await page.getByRole("menuitem", { name: "Linked children…" }).click();
  const dialog = page.getByRole("dialog", { name: "Children of Jordan Johnson" });
  const linked = dialog.getByRole("region", { name: "Linked children" });
  await expect(linked).toContainText("Ava Johnson");

  await dialog.getByLabel("Find a student").fill("Liam");
  await dialog.getByLabel("Student to link").selectOption({ label: "Liam Patel (liam@maplegrove.test)" });
  await dialog.getByRole("button", { name: "Link child" }).click();
  await expect(linked).toContainText("Liam Patel");
  await snap(page, "admin-parent-links");
  await expectAccessible(page, "admin parent links");

  await linked.getByRole("listitem").filter({ hasText: "Liam Patel" }).getByRole("button", { name: "Unlink" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Unlink Liam Patel?" });
  await confirm.getByRole("button", { name: "Unlink" }).click();
  await expect(confirm).toBeHidden();
  await expect(linked).not.toContainText("Liam Patel");
  await expect(linked).toContainText("Ava Johnson");
});

test("a parent messages their child's teacher, who reads it and replies", async ({ page }) => {
  const subject = `Field trip ${Date.now().toString(36)}`;

  await signIn(page, DEMO.PARENT);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Messages/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await dialog.getByLabel("To").selectOption({ label: "Sofia Rivera" });
  await dialog.getByLabel("Subject").fill(subject);
  await dialog.getByLabel("Message").fill("Does Ava need a packed lunch on Friday?");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("log", { name: "Messages" })).toContainText("Does Ava need a packed lunch on Friday?");
  await snap(page, "messages-parent");
  await expectAccessible(page, "parent messages");
  await signOut(page);

  await signIn(page, DEMO.TEACHER);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Messages/ })
    .click();
  await page.getByRole("button", { name: new RegExp(subject) }).click();
  const log = page.getByRole("log", { name: "Messages" });
  await expect(log).toContainText("Does Ava need a packed lunch on Friday?");
  await page.getByLabel("Reply").fill("Yes, please.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(log).toContainText("Yes, please.");
});
