// The teacher's assistant as a teacher meets it: a message streams its reply from the offline model
// (labelled as such), the model's tool call drafts a lesson through the agents and shows as a card,
// and the card's link opens the drafting task.
import { DEMO, expect, signIn, snap, test } from "./helpers";

test("a teacher asks the assistant for a lesson, sees the drafted-lesson card and opens it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.TEACHER);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Assistant/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Assistant" })).toBeVisible();

  await page.getByRole("textbox", { name: "Message" }).fill("Draft a lesson on the water cycle");
  await page.getByRole("button", { name: "Send", exact: true }).click();

  const card = page.getByTestId("tool-card").first();
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toHaveAttribute("data-status", "ok");
  await expect(card).toContainText("Water cycle", { ignoreCase: true });
  await expect(page.getByTestId("offline-badge").first()).toBeVisible();
  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(reply).toHaveAttribute("data-status", "complete", { timeout: 30_000 });
  await expect(page).toHaveURL(/\/teacher\/assistant\/[^/]+$/);
  await snap(page, "assistant-drafted-lesson");

  await card.getByRole("link", { name: /^Open/ }).click();
  await expect(page).toHaveURL(/\/teacher\/tasks\//);
});
