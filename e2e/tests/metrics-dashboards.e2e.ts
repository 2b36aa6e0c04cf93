import fs from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectAccessible, signIn, snap, test } from "./helpers";

// The metrics dashboards (issue 14): the admin's organization dashboard (cards, charts with their
// tables, the date range, exports, Refresh) and a teacher's class analytics after a student
// submits a quiz. On the demo organization: Lucas Nguyen has not taken the demo quiz.
const DEMO_CLASS = "Life Science · Period 3";
const QUIZ = "Photosynthesis check";
const LUCAS = "lucas@maplegrove.test";

/** A CSV file's rows (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((cell) => cell !== ""));
}

/** The number a cell or card shows ("1,204" -> 1204). */
async function numberIn(locator: Locator): Promise<number> {
  return Number(((await locator.textContent()) ?? "").replace(/[^\d.]/g, ""));
}

/** Opens a figure's "Show as table" and returns the table's body rows. */
async function figureRows(page: Page, testId: string) {
  const figure = page.getByTestId(testId);
  await figure.getByText("Show as table").click();
  return figure.getByRole("table").locator("tbody tr");
}

test("an admin reads the organization's dashboard, changes the range, exports CSV and refreshes", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.ADMIN);
  // The admin home's summary links to the dashboard, and so does the navigation.
  await expect(page.getByTestId("metrics-summary")).toContainText("Active in the last 24 h");
  await page.getByRole("link", { name: "Organization metrics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organization metrics" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Metrics", exact: true })).toHaveAttribute("aria-current", "page");

  // The numbers: every demo account counts (ten people), with the content the seed made.
  const users = page.getByRole("region", { name: "Users" });
  const total = users.getByTestId("metric-card").filter({ hasText: "Total users" });
  await expect(total.getByTestId("metric-value")).toHaveText(/^\d+/);
  expect(await numberIn(total.getByTestId("metric-value"))).toBeGreaterThanOrEqual(10);
  await expect(page.getByRole("region", { name: "Content" }).getByText("Published", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Engagement" }).getByText("Engagement score", { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "System" }).getByText("API p95", { exact: true })).toBeVisible();

  // Charts, drawn, each with its table: 7 days of active users.
  const week = page.getByTestId("trend-daily_active_users");
  await expect(week.locator(".recharts-cartesian-grid")).toBeVisible();
  await expect(await figureRows(page, "trend-daily_active_users")).toHaveCount(7);
  await expect(page.getByTestId("activity-hourly").locator(".recharts-cartesian-grid")).toBeVisible();
  await expect(page.getByTestId("statistics").getByRole("row", { name: /New users/ })).toBeVisible();
  // The period says what the API compares: whole UTC days ending today, not a calendar week.
  await expect(
    page.getByText(/The last 7 UTC days, today so far included, against the 7 days before them/),
  ).toBeVisible();
  await expect(page.getByTestId("cohorts").or(page.getByText("No sign-ups in the last 8 weeks"))).toBeVisible();
  await snap(page, "metrics-admin-dashboard");
  await expectAccessible(page, "admin metrics dashboard");

  // The range: 90 days of points.
  await expect(page.getByRole("heading", { name: "Trend over last 30 days" })).toBeVisible();
  await expect(await figureRows(page, "range-trend")).toHaveCount(30);
  await page.getByRole("radio", { name: "Last 90 days" }).check();
  await expect(page.getByRole("heading", { name: "Trend over last 90 days" })).toBeVisible();
  await expect(page.getByTestId("range-trend").getByRole("table").locator("tbody tr")).toHaveCount(90);

  // Export CSV: the file parses, with a header row and the organization's numbers.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export as CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const rows = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  expect(rows[0]).toEqual(["section", "metric", "date", "value"]);
  expect(rows.every((r) => r.length === 4)).toBe(true);
  const totalUsers = rows.find((r) => r[0] === "user" && r[1] === "total_users");
  expect(Number(totalUsers?.[3])).toBeGreaterThanOrEqual(10);
  // The 90-day range chosen above: one row per day of each trend.
  expect(rows.filter((r) => r[0] === "trends" && r[1] === "daily_active_users")).toHaveLength(90);
  await expect(page.getByText(/^Downloaded .*\.csv$/)).toBeVisible();

  // Refresh recomputes: a new generated_at, "Updated just now".
  const status = page.getByTestId("cache-status");
  const before = await status.locator("time").getAttribute("datetime");
  await page.waitForTimeout(1100);
  await status.getByRole("button", { name: /Refresh/ }).click();
  await expect(status.locator("time")).not.toHaveAttribute("datetime", before ?? "");
  await expect(status).toContainText("Updated just now");
  await snap(page, "metrics-admin-refreshed");
});

test("a teacher sees completion and the score distribution of a class after a student submits a quiz", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // Lucas takes the demo quiz and gets everything right.
  const student = await browser.newContext();
  const s = await student.newPage();
  await signIn(s, LUCAS, DEMO_PASSWORD);
  await s.getByRole("link", { name: new RegExp(`Start.*${QUIZ}`) }).click();
  await s.getByRole("button", { name: "Start quiz" }).click();
  await s
    .getByRole("group", { name: /holds chlorophyll/ })
    .getByLabel("Chloroplast")
    .check();
  await s
    .getByRole("group", { name: /release oxygen/ })
    .getByLabel("True")
    .check();
  await s
    .getByRole("group", { name: /How many molecules/ })
    .getByLabel("Your answer (a number)")
    .fill("6");
  await expect(s.getByText(/Saved/)).toBeVisible();
  await s.getByRole("button", { name: /^Submit/ }).click();
  await s.getByRole("button", { name: "Submit answers" }).click();
  await expect(s.getByText(/3 of 3 questions correct/)).toBeVisible();
  await student.close();

  await signIn(page, DEMO.TEACHER);
  await page.getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) }).click();
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${DEMO_CLASS}: analytics` })).toBeVisible();

  // Completion: the quiz's row counts Lucas among those who finished.
  await expect(page.getByTestId("completion").locator(".recharts-cartesian-grid")).toBeVisible();
  const completion = await figureRows(page, "completion");
  const quizRow = completion.filter({ hasText: QUIZ });
  await expect(quizRow).toHaveCount(1);
  expect(await numberIn(quizRow.locator("td").nth(1))).toBeGreaterThanOrEqual(4);

  // Scores: the top band holds Lucas' 100% (and the seed's 3/3).
  await expect(page.getByTestId("score-distribution").locator(".recharts-cartesian-grid")).toBeVisible();
  const bands = await figureRows(page, "score-distribution");
  await expect(bands).toHaveCount(10);
  // Every band is labelled under its bar, and the summary names the most common band(s) and the median's.
  await expect(
    page
      .getByTestId("score-distribution")
      .locator("svg text")
      .filter({ hasText: /^\d+s$/ }),
  ).toHaveText(["0s", "10s", "20s", "30s", "40s", "50s", "60s", "70s", "80s", "90s"]);
  await expect(page.getByTestId("score-distribution").locator("figcaption")).toContainText(
    /most common: .*; median in /,
  );
  expect(await numberIn(bands.last().locator("td").nth(1))).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("by-question").getByRole("row", { name: /holds chlorophyll/ })).toBeVisible();
  await snap(page, "metrics-class-analytics");

  // The class's export, as CSV: its score bands are the ones on screen.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export as CSV" }).click();
  const csv = parseCsv(fs.readFileSync(await (await downloading).path(), "utf8"));
  expect(csv[0]).toEqual(["section", "metric", "date", "value"]);
  expect(csv.filter((r) => r[0] === "scores")).toHaveLength(10);
  await expectAccessible(page, "class analytics");

  // Sorting by question puts the prompts in order; the range changes the numbers' window.
  await page
    .getByTestId("by-question")
    .getByRole("button", { name: /Question/ })
    .click();
  await expect(page.getByTestId("by-question").getByRole("columnheader", { name: /Question/ })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await page.getByRole("radio", { name: "Last 7 days" }).check();
  await expect(page.getByRole("radio", { name: "Last 7 days" })).toBeChecked();
  await expect(page.getByTestId("score-distribution")).toBeVisible();
});
