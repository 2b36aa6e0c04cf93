// Realtime end to end: e2e/server.mjs starts apps/realtime and points the web app at it (PUSHER_*),
// and slows the offline model (OFFLINE_MODEL_LATENCY_MS) so a generation's progress can be seen.
// While realtime is connected pages only poll every 30 s, so a change that shows up within a few
// seconds, without a reload, came through the socket. Where it matters most (task progress) the
// test reads the socket's frames itself and holds the page's re-reads of the data meanwhile.
import { type Browser, type BrowserContext, expect, type Page, type Route } from "@playwright/test";
import { DEMO, expectAccessible, failedResponse, signIn, snap, test } from "./helpers";

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

/** A `task.progress` event as it came through the page's WebSocket (Pusher protocol). */
interface ProgressFrame {
  channel: string;
  taskId: string;
  status: string;
  progress: number;
}

/**
 * Collects every `task.progress` frame the page's sockets receive, in order of arrival. Pusher
 * sends `{"event", "channel", "data"}`, with `data` as a JSON string.
 */
function captureProgressFrames(page: Page): ProgressFrame[] {
  const frames: ProgressFrame[] = [];
  page.on("websocket", (ws) => {
    ws.on("framereceived", ({ payload }) => {
      const text = typeof payload === "string" ? payload : payload.toString("utf8");
      let message: { event?: unknown; channel?: unknown; data?: unknown };
      try {
        message = JSON.parse(text) as typeof message;
      } catch {
        return;
      }
      if (message.event !== "task.progress") return;
      const data = typeof message.data === "string" ? JSON.parse(message.data) : message.data;
      frames.push({ channel: String(message.channel), ...(data as Omit<ProgressFrame, "channel">) });
    });
  });
  return frames;
}

/**
 * Holds the page's requests to `url` (they stay pending) until `release`, so the page cannot
 * re-read that data meanwhile: whatever it shows then came from somewhere else.
 */
async function holdRequests(page: Page, url: RegExp) {
  const held: Route[] = [];
  let released = false;
  const handler = async (route: Route) => {
    if (released) await route.continue();
    else held.push(route);
  };
  await page.route(url, handler);
  return {
    count: () => held.length,
    async release() {
      released = true;
      await page.unroute(url, handler);
      // A held request the page gave up on (a newer read replaced it) can no longer be continued.
      await Promise.all(held.map((route) => route.continue().catch(() => {})));
    },
  };
}

/** A second signed-in person in their own browser context. */
async function openAs(browser: Browser, baseURL: string | undefined, email: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a teacher's task page shows the generation's progress from the socket's frames", async ({ page }) => {
  test.setTimeout(120_000);
  const frames = captureProgressFrames(page);
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
  // The task page gets the task from its server render. From then on its own reads of the task are
  // held, so the only thing that can move its bar is a task.progress event from the socket.
  const reads = await holdRequests(page, /\/api\/trpc\/[^?]*agents\.get/);
  await page.getByRole("button", { name: "Generate drafts" }).click();

  await page.waitForURL(/\/teacher\/tasks\/[^/]+$/);
  const taskId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const progress = page.getByRole("progressbar", { name: "Generation progress" });
  await expect(progress).toBeVisible();
  await expectLive(page);
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("task-status")).toHaveText("Completed");

  // The frames: this task's progress in the order it arrived, only ever going up, ending at 100.
  const received = frames.filter((f) => f.taskId === taskId).map((f) => f.progress);
  const framesReport = `frames: ${received.join(", ")}`;
  expect(received, framesReport).toEqual([...received].sort((a, b) => a - b));
  expect(received.at(-1), framesReport).toBe(100);
  const framed = new Set(received);
  expect([...framed].filter((p) => p < 100).length, framesReport).toBeGreaterThanOrEqual(2);

  // The bar: after its server-rendered first value, every value it showed was one of those frames,
  // in the same increasing order, and it showed at least two of them before the end.
  const seen = (await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).map(Number);
  const fromFrames = seen.slice(1);
  const barReport = `bar: ${seen.join(", ")}; ${framesReport}`;
  expect(
    fromFrames.filter((v) => !framed.has(v)),
    barReport,
  ).toEqual([]);
  expect(fromFrames, barReport).toEqual([...fromFrames].sort((a, b) => a - b));
  expect(new Set(fromFrames.filter((v) => v < 100)).size, barReport).toBeGreaterThanOrEqual(2);
  // The page did try to re-read the task meanwhile (on subscribing, after each event): held, unanswered.
  expect(reads.count()).toBeGreaterThan(0);

  // Let the reads through: the page settles on the finished task.
  await reads.release();
  await expect(page.getByTestId("task-status")).toHaveText("Completed");
  await expectLive(page);
});

test("a student's open quiz page shows a new grade and the new-grades badge without a reload", async ({
  page,
  browser,
  baseURL,
  consoleErrors,
}) => {
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

    // The quiz's page, open on the student's screen. The result they saw on submitting is not new.
    await s.goto(assignmentUrl);
    const attemptRow = s.getByRole("row", { name: /#1/ });
    await expect(attemptRow).toContainText("0/1 · 0%");
    await expectLive(s);
    const gradesBefore = await newGradeCount(s);
    await expectNewGradesBadge(s, gradesBefore);
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
    // The first save is refused (409) until the teacher picks what happens to existing answers.
    consoleErrors.take(failedResponse(409, "questions.update"));

    // The student's page updates by itself, with a toast, and the navigation counts the new grade.
    await expect(s.getByText(new RegExp(`Your quiz “${quizTitle}” was graded: 100%`))).toBeVisible();
    await expect(attemptRow).toContainText("1/1 · 100%");
    await expect(s.getByText("1/1 (100%)")).toBeVisible();
    await expectNewGradesBadge(s, gradesBefore + 1);
    await expect(attemptRow).toContainText("New grade");
    await expectNotReloaded(s);

    // Opening the result clears it.
    await attemptRow.getByRole("link", { name: "Review attempt 1" }).click();
    await expect(s.getByRole("heading", { name: "Your score: 100%" })).toBeVisible();
    await expectNewGradesBadge(s, gradesBefore);
    await s.getByRole("link", { name: "Back to the quiz" }).click();
    await expect(attemptRow).toContainText("1/1 · 100%");
    await expect(attemptRow).not.toContainText("New grade");
    expect(await newGradeCount(s)).toBe(gradesBefore);
  } finally {
    await student?.context.close();
  }
});

test("a teacher and a student on the same class see each other online; the student leaving drops them", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  let student: { context: BrowserContext; page: Page } | null = null;
  try {
    // The teacher opens the demo class: they are online there.
    await signIn(page, DEMO.TEACHER);
    await page.getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) }).click();
    await page.waitForURL(/\/teacher\/classes\/[^/]+$/);
    const classId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await expectLive(page);
    const teacherSees = page.getByRole("list", { name: "People online" });
    await expect(teacherSees.getByRole("listitem").filter({ hasText: "Sofia Rivera (you)" })).toBeVisible();

    // The student opens the same class from their home, in their own browser.
    student = await openAs(browser, baseURL, DEMO.STUDENT);
    const s = student.page;
    await s
      .getByRole("region", { name: "My classes" })
      .getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) })
      .click();
    await s.waitForURL(`**/student/classes/${classId}`);
    await expect(s.getByRole("heading", { level: 1, name: DEMO_CLASS })).toBeVisible();
    await expect(s.getByText(/taught by Sofia Rivera/)).toBeVisible();
    await expect(s.getByRole("heading", { name: "Your assignments in this class" })).toBeVisible();
    await expectLive(s);

    // Each sees the other.
    const studentSees = s.getByRole("list", { name: "People online" });
    await expect(studentSees.getByRole("listitem").filter({ hasText: "Ava Johnson (you)" })).toBeVisible();
    await expect(studentSees.getByRole("listitem").filter({ hasText: "Sofia Rivera" })).toBeVisible();
    await expect(teacherSees.getByRole("listitem").filter({ hasText: "Ava Johnson" })).toBeVisible();
    await snap(s, "realtime-student-class");
    await expectAccessible(s, "student class page");

    // The student goes back to their home: they leave the class, and the teacher's list.
    await s.getByRole("main").getByRole("link", { name: "My learning" }).click();
    await s.waitForURL(/\/student$/);
    await expect(teacherSees.getByRole("listitem").filter({ hasText: "Ava Johnson" })).toHaveCount(0);
    await expect(teacherSees.getByRole("listitem").filter({ hasText: "Sofia Rivera (you)" })).toBeVisible();
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

    await teacherWritesToAva(page, subject, body);

    await expect(s.getByText("New message from Sofia Rivera").first()).toBeVisible();
    await expect(s.getByText(body)).toBeVisible();
    const after = before + 1;
    await expect(unreadBadge(s, after)).toBeAttached();
    await expectNotReloaded(s);
  } finally {
    await student.context.close();
  }
});

test("without a realtime connection the student's pages still work and catch up by polling", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const subject = `Polling check ${stamp}`;
  const body = `Seen without a socket (${stamp}).`;
  // The student's browser can't reach the realtime server: its socket is answered by nobody.
  const context = await browser.newContext({ baseURL });
  await context.routeWebSocket(/\/app\//, () => {});
  try {
    const s = await context.newPage();
    await signIn(s, DEMO.STUDENT);
    await expect(s.getByTestId("realtime-status")).not.toHaveAttribute("data-status", "connected");

    // The class page works: its assignments load; presence is simply not shown.
    await s
      .getByRole("region", { name: "My classes" })
      .getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) })
      .click();
    await expect(s.getByRole("heading", { level: 1, name: DEMO_CLASS })).toBeVisible();
    await expect(s.getByRole("heading", { name: "Your assignments in this class" })).toBeVisible();
    await expect(s.getByRole("region", { name: "Who's online" })).toBeVisible();
    await expect(s.getByRole("list", { name: "People online" })).toHaveCount(0);
    const before = await unreadCount(s);
    await markDocument(s);

    // The teacher writes to the student; the student's badge catches up on its next poll.
    await teacherWritesToAva(page, subject, body);

    const after = before + 1;
    await expect(unreadBadge(s, after)).toBeAttached({ timeout: 60_000 });
    await expect(s.getByTestId("realtime-status")).not.toHaveAttribute("data-status", "connected");
    await expectNotReloaded(s);
  } finally {
    await context.close();
  }
});

/** The demo teacher signs in on `page` and sends Ava a new message. */
async function teacherWritesToAva(page: Page, subject: string, body: string) {
  await signIn(page, DEMO.TEACHER);
  await page.goto("/messages");
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await dialog.getByLabel("To").selectOption({ label: "Ava Johnson" });
  await dialog.getByLabel("Subject").fill(subject);
  await dialog.getByLabel("Message").fill(body);
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();
}

/** The navigation's unread-messages badge showing `count`. */
function unreadBadge(page: Page, count: number) {
  return page
    .getByRole("navigation", { name: "Main" })
    .getByText(`${count} unread ${count === 1 ? "message" : "messages"}`, { exact: true });
}

/** Reads a count query of the signed-in person straight from the API (a badge may not have loaded yet). */
async function countFrom(page: Page, procedure: string): Promise<number> {
  const res = await page.request.get(`/api/trpc/${procedure}`);
  expect(res.ok()).toBe(true);
  const payload = (await res.json()) as { result: { data: { json?: { count: number }; count?: number } } };
  const count = payload.result.data.json?.count ?? payload.result.data.count;
  expect(typeof count).toBe("number");
  return count ?? 0;
}

/** The signed-in person's unread message count. */
function unreadCount(page: Page): Promise<number> {
  return countFrom(page, "messages.unreadCount");
}

/** The signed-in student's graded quizzes whose results they have not opened yet. */
function newGradeCount(page: Page): Promise<number> {
  return countFrom(page, "assignments.newGradeCount");
}

/** The navigation's new-grades badge reads `count` new grades; at 0 it is not there at all. */
async function expectNewGradesBadge(page: Page, count: number) {
  const badge = page.getByRole("navigation", { name: "Main" }).getByTestId("new-grades-badge");
  if (count === 0) await expect(badge).toHaveCount(0);
  else
    await expect(badge.getByText(`${count} new ${count === 1 ? "grade" : "grades"}`, { exact: true })).toBeAttached();
}
