// The homes say what needs attention, as Google Classroom's "To review" does. A new teacher and a
// new student start with nothing to attend to; then the teacher assigns a lesson (already overdue)
// and a quiz with a short answer due this week, the student sees both due, soonest first, and
// submits the quiz; the teacher's home lists the short answer to mark, the hand-in, the submission
// and the AI drafts waiting to be kept; the teacher marks and returns it, and the student's home
// lists the returned result until they open it.
import { expect, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signOut, snap, test } from "./helpers";

test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const teacher = { name: `Tara Home ${stamp}`, email: `tara-${stamp}@maplegrove.test`, password: "homes-teacher-42" };
const student = { name: `Sam Home ${stamp}`, email: `sam-${stamp}@maplegrove.test`, password: "homes-student-42" };
const className = `Home Room ${stamp}`;
const lessonTitle = `Leaves ${stamp}`;
const quizTitle = `Leaves check ${stamp}`;
let joinCode = "";

/** A `datetime-local` value `days` from now, in the browser's own time zone. */
async function localInput(page: Page, days: number): Promise<string> {
  return page.evaluate((d) => {
    const t = new Date(Date.now() + d * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
  }, days);
}

async function addUser(page: Page, user: typeof teacher, role: "TEACHER" | "STUDENT") {
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Full name").fill(user.name);
  await dialog.getByLabel("Email").fill(user.email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByLabel("Password (optional)").fill(user.password);
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
}

async function assign(page: Page, title: string, days: number) {
  await page.getByRole("button", { name: "Assign" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign work" });
  await dialog.getByLabel("Search published content").fill(title);
  await dialog.getByRole("radio", { name: new RegExp(title) }).check();
  await dialog.getByLabel("Due (optional)").fill(await localInput(page, days));
  await dialog.getByRole("button", { name: "Assign" }).click();
  if (days < 0) await page.getByRole("button", { name: "Use this date" }).click();
  await expect(dialog).toBeHidden();
}

test("a new teacher's and a new student's homes say there is nothing to attend to", async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await addUser(page, teacher, "TEACHER");
  await addUser(page, student, "STUDENT");
  await signOut(page);

  await signIn(page, teacher.email, teacher.password);
  for (const [region, empty] of [
    ["To review", "Nothing to review."],
    ["Due this week", "Nothing is due in the next 7 days."],
    ["Recent submissions", "No submissions in the last 7 days."],
    ["AI drafts to keep", "No drafts waiting."],
  ] as const) {
    await expect(page.getByRole("region", { name: region })).toContainText(empty);
  }
  await snap(page, "home-teacher-empty");
  await expectAccessible(page, "teacher home, nothing to attend to");
  await signOut(page);

  await signIn(page, student.email, student.password);
  await expect(page.getByRole("region", { name: "Due next" })).toContainText("Nothing with a due date right now.");
  await expect(page.getByRole("region", { name: "Returned to you" })).toContainText("Nothing new.");
  await snap(page, "home-student-empty");
  await expectAccessible(page, "student home, nothing to attend to");
});

test("the teacher assigns an overdue lesson and a quiz with a short answer due this week", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, teacher.email, teacher.password);
  await page.getByRole("button", { name: "New class" }).click();
  const classDialog = page.getByRole("dialog", { name: "New class" });
  await classDialog.getByLabel("Class name").fill(className);
  await classDialog.getByLabel("Subject").fill("Science");
  await classDialog.getByRole("button", { name: "Create class" }).click();
  await expect(classDialog).toBeHidden();

  await page.goto("/teacher/content/new?type=LESSON");
  await page.getByLabel("Title").fill(lessonTitle);
  await page.getByLabel("Subject").fill("Science");
  await page.getByLabel("Grade level").selectOption("7");
  await page.getByLabel("Heading").first().fill("What leaves do");
  await page.getByLabel("Text (Markdown)").first().fill("Leaves make food from light.");
  await page.getByRole("button", { name: "Create lesson" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();

  await page.goto("/teacher/content/new?type=QUIZ");
  await page.getByLabel("Title").fill(quizTitle);
  await page.getByLabel("Subject").fill("Science");
  await page.getByLabel("Grade level").selectOption("7");
  await page.getByRole("button", { name: "Create quiz" }).click();
  await page.getByRole("button", { name: "New question" }).click();
  const question = page.getByRole("dialog", { name: "New question" });
  await question.getByLabel("Type", { exact: true }).selectOption("SHORT_ANSWER");
  await question.getByLabel("Question", { exact: true }).fill("Explain in a sentence why leaves are green.");
  await question.getByLabel("Accepted answer 1", { exact: true }).fill("chlorophyll");
  await question.getByLabel("Points", { exact: true }).fill("2");
  // A rubric of two criteria, marked by hand on the review page.
  await question.getByRole("button", { name: "Add criterion" }).click();
  await question.getByLabel("Criterion 1", { exact: true }).fill("Names the pigment");
  await question.getByLabel("Points for criterion 1").fill("1");
  await question.getByRole("button", { name: "Add criterion" }).click();
  await question.getByLabel("Criterion 2", { exact: true }).fill("Says it catches light");
  await question.getByLabel("Points for criterion 2").fill("1");
  await question.getByRole("button", { name: "Add question" }).click();
  await expect(question).toBeHidden();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();

  await page.goto("/teacher");
  await page.getByRole("link", { name: new RegExp(`^${className}`) }).click();
  joinCode = (await page.getByTestId("join-code").textContent())?.trim() ?? "";
  await assign(page, lessonTitle, -1);
  await assign(page, quizTitle, 2);
  await expect(page.getByText(quizTitle, { exact: true })).toBeVisible();
});

test("the student sees both due, the overdue lesson first, and submits the quiz", async ({ page }) => {
  expect(joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  await signIn(page, student.email, student.password);
  await page.getByLabel("Class code").fill(joinCode);
  await page.getByRole("button", { name: "Join class" }).click();
  const due = page.getByRole("region", { name: "Due next" });
  const rows = due.getByRole("link");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(lessonTitle);
  await expect(rows.nth(0)).toContainText("Overdue");
  await expect(rows.nth(1)).toContainText(quizTitle);
  await expect(rows.nth(1)).not.toContainText("Overdue");
  await snap(page, "home-student-due");

  await rows.nth(1).click();
  await expect(page).toHaveURL(/\/student\/assignments\//);
  await page.getByRole("button", { name: "Start quiz" }).click();
  await page.getByLabel("Your answer").fill("Because of the green pigment that catches light");
  await expect(page.getByText(/Saved/)).toBeVisible();
  await page.getByRole("button", { name: /^Submit/ }).click();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText(/of 1 question/)).toBeVisible();

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /My learning/ })
    .click();
  await expect(due.getByRole("link")).toHaveCount(1);
  await expect(due.getByRole("link")).toContainText(lessonTitle);
});

test("the teacher's home lists the short answer to mark, the hand-in, the submission and the AI drafts", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, teacher.email, teacher.password);
  // Drafts from the AI, not kept yet.
  await page.goto("/teacher/generate");
  await page.getByLabel("Topic", { exact: true }).fill("Leaves");
  await page.getByLabel("Subject", { exact: true }).fill("Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("7");
  await page.getByRole("button", { name: "Generate drafts" }).click();
  await expect(page.getByRole("tab", { name: "Lesson", exact: true })).toBeVisible({ timeout: 60_000 });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My classes" }).click();
  const toReview = page.getByRole("region", { name: "To review" });
  const review = toReview.getByRole("link", { name: new RegExp(`${student.name}.*${quizTitle}`) });
  await expect(review).toContainText("1 answer to mark");
  await expect(page.getByTestId("to-review-count")).toHaveText("1");

  const dueRow = page.getByRole("region", { name: "Due this week" }).getByRole("link", { name: new RegExp(quizTitle) });
  await expect(dueRow).toContainText("1 of 1 handed in");
  await expect(page.getByRole("region", { name: "Due this week" })).not.toContainText(lessonTitle);

  await expect(
    page.getByRole("region", { name: "Recent submissions" }).getByRole("link", { name: new RegExp(student.name) }),
  ).toContainText("submitted");
  const drafts = page.getByRole("region", { name: "AI drafts to keep" });
  await expect(drafts.getByRole("link").first()).toContainText("drafted");
  await snap(page, "home-teacher-filled");
  await expectAccessible(page, "teacher home with work to review");

  // The rows are links a keyboard reaches: the one to review lands on the answer to mark.
  await review.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/teacher\/classes\/[^/]+\/attempts\/[^/#]+#answer-[^/]+$/);
  await expect(page.getByText("Explain in a sentence why leaves are green.")).toBeVisible();
  const answer = page.getByTestId("answer-1");
  await expect(answer).toBeFocused();
  await expect(answer.getByTestId("needs-marks")).toHaveText("Needs your marks");
  await snap(page, "home-review-landing");

  // Marked by the rubric (one criterion left blank: it counts 0) and returned: nothing is left to
  // review, and nothing reads as unsaved.
  await answer.getByLabel("Names the pigment (out of 1)").fill("1");
  await answer.getByLabel("Comment to the student").fill("Name the pigment next time: chlorophyll.");
  await answer.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("attempt-total")).toHaveText("1/2 · 50%");
  await expect(answer.getByText("Unsaved changes")).toBeHidden();
  await expect(answer.getByTestId("needs-marks")).toBeHidden();
  await expect(answer.getByLabel("Says it catches light (out of 1)")).toHaveValue("0");
  await page.getByLabel("Feedback to the student").fill("Well explained.");
  await page.getByRole("button", { name: "Return feedback" }).click();
  await expect(page.getByText("not opened by the student yet")).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My classes" }).click();
  await expect(page.getByTestId("to-review-count")).toHaveText("0");
  await expect(page.getByRole("region", { name: "To review" })).toContainText("Nothing to review.");
});

test("the student's home lists the result the teacher returned, new until opened", async ({ page }) => {
  await signIn(page, student.email, student.password);
  const returned = page.getByRole("region", { name: "Returned to you" });
  const row = returned.getByRole("link", { name: new RegExp(quizTitle) });
  await expect(row).toContainText("New");
  await expect(row).toContainText("returned");
  await expect(row).toContainText("with comments");
  await expect(row).toContainText("1/2");
  await expect(page.getByTestId("returned-count")).toHaveText("1");
  await snap(page, "home-student-filled");
  await expectAccessible(page, "student home with work due and a returned result");

  await row.click();
  await expect(page).toHaveURL(/\/student\/attempts\//);
  await expect(page.getByTestId("attempt-feedback")).toContainText("Well explained.");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /My learning/ })
    .click();
  await expect(row).not.toContainText("New");
  await expect(page.getByTestId("returned-count")).toHaveText("0");
});
