// Realtime end to end: e2e/server.mjs starts apps/realtime and points the web app at it (PUSHER_*),
// and slows the offline model (OFFLINE_MODEL_LATENCY_MS) so a generation's progress can be seen.
// While realtime is connected pages only poll every 30 s, so a change that shows up within a few
// seconds, without a reload, came through the socket.
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const DEMO_CLASS = "Life Science · Period 3";
const stamp = Date.now().toString(36);

/** The app shell's connection indicator says "Live" once the socket is up. */
async function expectLive(page: Page) {
  await expect(page.getByTestId("realtime-status")).toHaveText("Live", { timeout: 20_000 });
}

/** Marks the document, so a later check can tell the page was never reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { noReloadMark?: boolean }).noReloadMark = true;
  });
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { noReloadMark?: boolean }).noReloadMark)).toBe(true);
}

/** A second signed-in person in their own browser context. */
async function openAs(browser: Browser, baseURL: string | undefined, email: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a teacher's task page shows the generation's progress live", async ({ page }) => {
  test.setTimeout(120_000);
  // Records every value the task page's progress bar takes, from the first render on.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    const record = () => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Generation progress"]');
      const value = bar?.getAttribute("aria-valuenow");
      if (value != null && seen[seen.length - 1] !== value) seen.push(value);
    };
    new MutationObserver(record).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-valuenow"],
    });
  });

  await signIn(page, DEMO.TEACHER);
  await page.goto("/teacher/generate");
  await expectLive(page);
  await page.getByLabel("Topic", { exact: true }).fill(`Pollination ${stamp}`);
  await page.getByLabel("Subject", { exact: true }).fill("Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("6");
  await page.getByRole("button", { name: "Generate drafts" }).click();

  await page.waitForURL(/\/teacher\/tasks\/[^/]+$/);
  const progress = page.getByRole("progressbar", { name: "Generation progress" });
  await expect(progress).toBeVisible();
  await expectLive(page);
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("task-status")).toHaveText("Completed");

  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  const beforeDone = seen.slice(0, seen.indexOf("100"));
  const steps = new Set(beforeDone.filter((v) => Number(v) < 100));
  expect(steps.size, `progress values seen: ${seen.join(", ")}`).toBeGreaterThanOrEqual(2);
  await expectLive(page);
});

test("a student's open quiz page shows a new grade without a reload", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const quizTitle = `Realtime quiz ${stamp}`;
  const prompt = `How many legs does an insect have? (${stamp})`;
  let student: { context: BrowserContext; page: Page } | null = null;
  try {
    // The teacher writes a one-question quiz with a wrong answer key (4), publishes and assigns it.
    await signIn(page, DEMO.TEACHER);
    await page.goto("/teacher/content/new?type=QUIZ");
    await page.getByLabel("Title").fill(quizTitle);
    await page.getByLabel("Subject").fill("Science");
    await page.getByLabel("Grade level").selectOption("7");
    await page.getByRole("button", { name: "Create quiz" }).click();
    await page.getByRole("button", { name: "New question" }).click();
    const newQuestion = page.getByRole("dialog", { name: "New question" });
    await newQuestion.getByLabel("Type", { exact: true }).selectOption("NUMERIC");
    await newQuestion.getByLabel("Question", { exact: true }).fill(prompt);
    await newQuestion.getByLabel("Correct value").fill("4");
    await newQuestion.getByRole("button", { name: "Add question" }).click();
    await expect(newQuestion).toBeHidden();
    await expect(page.getByTestId("quiz-questions-total")).toHaveText(/1 question · 1 point in total/);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();

    await page.goto("/teacher");
    await page.getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) }).click();
    await page.getByRole("button", { name: "Assign" }).click();
    const assign = page.getByRole("dialog", { name: "Assign work" });
    await assign.getByLabel("Search published content").fill(quizTitle);
    await assign.getByRole("radio", { name: new RegExp(quizTitle) }).check();
    await assign.getByRole("button", { name: "Assign" }).click();
    await expect(assign).toBeHidden();

    // The student answers 6 (right, but not by the key) and gets 0%.
    student = await openAs(browser, baseURL, DEMO.STUDENT);
    const s = student.page;
    await s.getByRole("link", { name: new RegExp(`Start.*${quizTitle}`) }).click();
    await s.waitForURL(/\/student\/assignments\/[^/]+$/);
    const assignmentUrl = s.url();
    await s.getByRole("button", { name: "Start quiz" }).click();
    await s
      .getByRole("group", { name: /How many legs/ })
      .getByLabel("Your answer (a number)")
      .fill("6");
    await expect(s.getByText(/Saved/)).toBeVisible();
    await s.getByRole("button", { name: /^Submit/ }).click();
    await s.getByRole("button", { name: "Submit answers" }).click();
    await expect(s.getByText(/0 of 1 question correct/)).toBeVisible();

    // The quiz's page, open on the student's screen.
    await s.goto(assignmentUrl);
    const attemptRow = s.getByRole("row", { name: /#1/ });
    await expect(attemptRow).toContainText("0/1 · 0%");
    await expectLive(s);
    await markDocument(s);

    // The teacher fixes the key to 6 and regrades everyone.
    await page.goto("/teacher/questions");
    await page.getByLabel("Search", { exact: true }).fill(stamp);
    await page
      .getByRole("row")
      .filter({ hasText: prompt })
      .getByRole("button", { name: /^Actions for question/ })
      .click();
    await page.getByRole("menuitem", { name: "Edit…" }).click();
    const edit = page.getByRole("dialog", { name: "Edit question" });
    await edit.getByLabel("Correct value").fill("6");
    await edit.getByRole("button", { name: "Save changes" }).click();
    const regrade = page.getByRole("dialog", { name: "Students have answered this question" });
    await regrade.getByRole("radio", { name: /Regrade everyone/ }).check();
    await regrade.getByRole("button", { name: "Save and apply" }).click();
    await expect(page.getByText(/Question saved/)).toBeVisible();

    // The student's page updates by itself, with a toast.
    await expect(s.getByText(new RegExp(`Your quiz “${quizTitle}” was graded: 100%`))).toBeVisible();
    await expect(attemptRow).toContainText("1/1 · 100%");
    await expect(s.getByText("1/1 (100%)")).toBeVisible();
    await expectNotReloaded(s);
  } finally {
    await student?.context.close();
  }
});

test("a new message shows a toast and the unread badge without a reload", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const subject = `Field trip ${stamp}`;
  const body = `Bring a packed lunch on Friday (${stamp}).`;
  const student = await openAs(browser, baseURL, DEMO.STUDENT);
  try {
    const s = student.page;
    await expectLive(s);
    const before = await unreadCount(s);
    await markDocument(s);

    await signIn(page, DEMO.TEACHER);
    await page.goto("/messages");
    await page.getByRole("button", { name: "New message" }).click();
    const dialog = page.getByRole("dialog", { name: "New message" });
    await dialog.getByLabel("To").selectOption({ label: "Ava Johnson" });
    await dialog.getByLabel("Subject").fill(subject);
    await dialog.getByLabel("Message").fill(body);
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect(dialog).toBeHidden();

    await expect(s.getByText("New message from Sofia Rivera").first()).toBeVisible();
    await expect(s.getByText(body)).toBeVisible();
    const after = before + 1;
    await expect(
      s
        .getByRole("navigation", { name: "Main" })
        .getByText(`${after} unread ${after === 1 ? "message" : "messages"}`, { exact: true }),
    ).toBeAttached();
    await expectNotReloaded(s);
  } finally {
    await student.context.close();
  }
});

/** The signed-in person's unread count, straight from the API (the badge may not have loaded yet). */
async function unreadCount(page: Page): Promise<number> {
  const res = await page.request.get("/api/trpc/messages.unreadCount");
  expect(res.ok()).toBe(true);
  const payload = (await res.json()) as { result: { data: { json?: { count: number }; count?: number } } };
  const count = payload.result.data.json?.count ?? payload.result.data.count;
  expect(typeof count).toBe("number");
  return count ?? 0;
}
