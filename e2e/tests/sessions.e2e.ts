// Sessions end when they should: "Sign out of other sessions" on the account page ends another
// browser's session at its next navigation, and a signed-out session's cookie opens nothing.
import { expect } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signOut, snap, test } from "./helpers";

test("'sign out of other sessions' ends a second browser's session", async ({ page, browser }) => {
  await signIn(page, DEMO.PARENT);
  const otherBrowser = await browser.newContext();
  const other = await otherBrowser.newPage();
  await signIn(other, DEMO.PARENT);

  await page.goto("/account");
  const sessions = page.getByRole("list", { name: "Signed-in sessions" });
  await expect(sessions.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
  await expect.poll(() => sessions.getByRole("listitem").count()).toBeGreaterThanOrEqual(2);
  await snap(page, "account-sessions");
  await expectAccessible(page, "account sessions");

  await page.getByRole("button", { name: "Sign out of other sessions" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Sign out of other sessions?" });
  await expect(dialog).toContainText("This browser stays signed in.");
  await dialog.getByRole("button", { name: "Sign out of other sessions" }).click();
  await expect(page.getByText(/Signed out of \d+ other sessions?/)).toBeVisible();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sign out of other sessions" })).toBeDisabled();

  await other.goto("/parent");
  await expect(other).toHaveURL(/\/signin$/);
  await page.goto("/parent");
  await expect(page).toHaveURL(/\/parent$/);
  await otherBrowser.close();
});

test("a signed-out session's cookie, copied to another browser, opens no page", async ({ page, browser }) => {
  await signIn(page, DEMO.STUDENT);
  const cookies = await page.context().cookies();
  await signOut(page);

  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/student");
  await expect(stolen).toHaveURL(/\/signin$/);
  const session = await stolen.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  await thief.close();
});
