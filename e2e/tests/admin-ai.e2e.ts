// The admin panel's AI page: a teacher's generation shows in the organization's usage (today's
// tokens, the chart, the per-teacher table) and in the task console, which the admin filters by
// status; the worker processes show their circuit breakers. On the built-in offline model.
import { DEMO, expect, expectAccessible, signIn, signOut, snap, test } from "./helpers";

const topic = `Volcanoes ${Date.now().toString(36)}`;

test("an admin sees the organization's AI usage, filters its generation tasks and sees each worker's breaker", async ({
  page,
}) => {
  test.setTimeout(180_000);

  // A teacher's generation, so the usage and the console have something to show.
  await signIn(page, DEMO.TEACHER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Generate", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Generate with AI" })).toBeVisible();
  await page.getByLabel("Topic", { exact: true }).fill(topic);
  await page.getByLabel("Subject", { exact: true }).fill("Earth Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("6");
  await page.getByRole("checkbox", { name: "Quiz", exact: true }).uncheck();
  await page.getByRole("checkbox", { name: "Roblox environment", exact: true }).uncheck();
  await page.getByRole("button", { name: "Generate drafts" }).click();
  await page.waitForURL(/\/teacher\/tasks\/[^/]+$/);
  await expect(page.getByTestId("task-status")).toHaveText("Completed", { timeout: 90_000 });
  await signOut(page);

  // The admin opens AI from the navigation.
  await signIn(page, DEMO.ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "AI", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/ai$/);
  await expect(page.getByRole("heading", { level: 1, name: "AI", exact: true })).toBeVisible();

  // Usage: today's tokens, the chart of tokens per day, the teacher's row, the roles, Settings.
  await expect(page.getByRole("heading", { name: "Today's usage", exact: true })).toBeVisible();
  await expect(page.getByTestId("ai-usage-today")).toContainText("model call");
  await expect(page.getByTestId("ai-usage-today")).not.toContainText(/^0 tokens/);
  await expect(page.getByTestId("ai-tokens-chart")).toBeVisible();
  await expect(page.getByRole("table", { name: "Usage per teacher" })).toContainText(DEMO.TEACHER);
  await expect(page.getByRole("list", { name: "Roles that may generate" })).toContainText("Teachers");
  await expect(page.getByRole("link", { name: "AI settings", exact: true })).toHaveAttribute("href", "/admin/settings");
  await expectAccessible(page, "admin AI page");
  await snap(page, "admin-ai-1-usage");

  // The console: every task with who asked for it; the Completed tab holds the teacher's task,
  // the Failed tab does not.
  const tabs = page.getByRole("tablist", { name: "Task status" });
  const row = page.getByRole("row").filter({ hasText: topic });
  await expect(row).toBeVisible();
  await expect(row).toContainText(DEMO.TEACHER);
  await tabs.getByRole("tab", { name: /^Completed/ }).click();
  await expect(tabs.getByRole("tab", { name: /^Completed/ })).toHaveAttribute("aria-selected", "true");
  await expect(row).toBeVisible();
  await expect(row.getByText("Completed", { exact: true })).toBeVisible();
  await snap(page, "admin-ai-2-tasks-completed");
  await tabs.getByRole("tab", { name: /^Failed/ }).click();
  await expect(tabs.getByRole("tab", { name: /^Failed/ })).toHaveAttribute("aria-selected", "true");
  await expect(row).toHaveCount(0);
  await snap(page, "admin-ai-3-tasks-failed");

  // The processes that run tasks, each with its breaker and when it last reported.
  await expect(page.getByRole("heading", { name: "Worker processes", exact: true })).toBeVisible();
  const processes = page.getByTestId("ai-worker-process");
  await expect(processes.first()).toBeVisible();
  await expect(processes.first()).toContainText(/Closed|Half-open|Open/);
  await expect(processes.first().locator("time")).toBeVisible();
  await snap(page, "admin-ai-4-workers");
});
