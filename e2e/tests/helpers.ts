import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "learn-with-toolbox";
export const DEMO = {
  ADMIN: "admin@maplegrove.test",
  TEACHER: "rivera@maplegrove.test",
  STUDENT: "ava@maplegrove.test",
  PARENT: "parent@maplegrove.test",
} as const;

/** Fills and submits the sign-in form, without waiting for the outcome. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits until the person has landed on their home. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => /^\/(admin|teacher|student|parent)$/.test(url.pathname));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Saves a full-page screenshot under e2e/screenshots/ for people to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/**
 * Runs axe-core on the page as it is now and fails on serious or critical violations,
 * listing each rule and the elements it flagged.
 */
export async function expectAccessible(page: Page, screen: string) {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = blocking.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(report, `accessibility violations on ${screen}`).toEqual([]);
}
