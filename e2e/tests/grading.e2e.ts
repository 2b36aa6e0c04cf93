import { expect, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signOut, snap, test } from "./helpers";

// Grading and feedback (issue 12, finding 3), on the demo class: Noah Kim submitted the
// Photosynthesis check with one wrong answer (2/3); Mia Brown has not started the lesson.
const DEMO_CLASS = "Life Science · Period 3";
const QUIZ = "Photosynthesis check";
const LESSON = "Photosynthesis: how plants make food";
const NOAH = "noah@maplegrove.test";
const MIA = "mia@maplegrove.test";

async function openGradebook(page: Page) {
  await page.getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) }).click();
  await page.getByRole("link", { name: "Gradebook" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Gradebook · ${DEMO_CLASS}`) })).toBeVisible();
}

test("a teacher overrides a score with a reason and comments; the student sees the new score and the comments", async ({
  page,
}) => {
  const comment = `Oxygen is released: re-read section 3 (${Date.now().toString(36)})`;
  const feedback = "Good work overall. See my note on question 2.";

  await signIn(page, DEMO.TEACHER);
  await openGradebook(page);
  await page.getByRole("link", { name: new RegExp(`^Open Noah Kim, ${QUIZ}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Noah Kim · ${QUIZ}` })).toBeVisible();
  await expect(page.getByTestId("attempt-total")).toHaveText("2/3 · 67%");

  const q2 = page.getByTestId("answer-2");
  await expect(q2).toContainText("Plants release oxygen during photosynthesis.");
  await expect(q2).toContainText("Student's answer");
  await expect(q2).toContainText("False");
  // A changed score needs a reason: the form says so next to the field.
  await q2.getByLabel("Points (out of 1)").fill("1");
  await q2.getByRole("button", { name: "Save" }).click();
  await expect(q2.getByText("Say why you are changing the score")).toBeVisible();
  await q2.getByLabel("Reason for the change").fill("The wording of the question was ambiguous");
  await q2.getByLabel("Comment to the student").fill(comment);
  await q2.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("attempt-total")).toHaveText("3/3 · 100%");
  await expect(q2).toContainText("Changed by Sofia Rivera");
  await expect(q2).toContainText("The wording of the question was ambiguous · Sofia Rivera");

  await page.getByLabel("Feedback to the student").fill(feedback);
  await page.getByRole("button", { name: "Return feedback" }).click();
  await expect(page.getByText("not opened by the student yet")).toBeVisible();
  await snap(page, "grading-review-page");
  await expectAccessible(page, "attempt review");
  // Everything is saved: leaving the page asks nothing.
  await page.getByRole("link", { name: "Gradebook" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Gradebook · ${DEMO_CLASS}`) })).toBeVisible();
  await signOut(page);

  await signIn(page, NOAH);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Grades/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Grades" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: QUIZ });
  await expect(row).toHaveAttribute("data-returned", "true");
  await expect(row).toContainText("Returned");
  await expect(row).toContainText("100%");
  await expect(row).toContainText(feedback);
  await snap(page, "grading-student-grades");
  await expectAccessible(page, "student grades");

  await row.getByRole("link", { name: new RegExp(`^See result\\W+${QUIZ}`) }).click();
  await expect(page.getByRole("heading", { name: "Your score: 100%" })).toBeVisible();
  await expect(page.getByTestId("attempt-feedback")).toContainText(feedback);
  await expect(page.getByTestId("answer-comment")).toContainText(comment);
  await expect(page.getByText("Marked by your teacher")).toBeVisible();
  await snap(page, "grading-student-result");
  await expectAccessible(page, "student result with comments");

  // Opened: the result is no longer highlighted as returned.
  await page.goto("/student/grades");
  await expect(page.getByRole("row").filter({ hasText: QUIZ })).not.toHaveAttribute("data-returned", "true");
});

test("a teacher extends a due date for one student: that student sees the new date, another does not", async ({
  page,
}) => {
  await signIn(page, DEMO.TEACHER);
  // Noon, 20 days from now, in the browser's time zone (not the server's, nor the test runner's).
  const { local, shown } = await page.evaluate(() => {
    const due = new Date();
    due.setDate(due.getDate() + 20);
    due.setHours(12, 0, 0, 0);
    const pad = (n: number) => String(n).padStart(2, "0");
    return {
      local: `${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}T12:00`,
      shown: new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(due),
    };
  });
  await page.getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) }).click();
  await page.getByRole("button", { name: `Extend ${LESSON} for one student` }).click();
  const dialog = page.getByRole("dialog", { name: "Extend for one student" });
  await dialog.getByLabel("Student").selectOption({ label: "Mia Brown" });
  await dialog.getByLabel("Their due date").fill(local);
  await dialog.getByRole("button", { name: "Extend" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("link", { name: "Gradebook" }).click();
  const mia = page.getByRole("row", { name: /Mia Brown/ });
  await expect(mia.locator("[data-extended=true]")).toHaveCount(1);
  await expect(mia.locator("[data-extended=true]")).toHaveAttribute("title", /for Mia Brown \(extended\)/);
  await expect(page.getByRole("row", { name: /Ava Johnson/ }).locator("[data-extended=true]")).toHaveCount(0);
  await snap(page, "grading-gradebook-extension");
  await signOut(page);

  const lessonRow = (p: Page) => p.getByRole("listitem").filter({ has: p.getByRole("heading", { name: LESSON }) });
  await signIn(page, MIA);
  await expect(lessonRow(page)).toContainText(`Due ${shown}`);
  await signOut(page);

  await signIn(page, DEMO.STUDENT);
  await expect(lessonRow(page)).toBeVisible();
  await expect(lessonRow(page)).not.toContainText(`Due ${shown}`);
});

test("a teacher gives a short-answer question a rubric in the question bank", async ({ page }) => {
  const prompt = `Why do tectonic plates move? (${Date.now().toString(36)})`;
  await signIn(page, DEMO.TEACHER);
  await page.goto("/teacher/questions");
  await page.getByRole("button", { name: "New question" }).click();
  const dialog = page.getByRole("dialog", { name: "New question" });
  await dialog.getByLabel("Type", { exact: true }).selectOption("SHORT_ANSWER");
  await dialog.getByLabel("Question", { exact: true }).fill(prompt);
  await dialog.getByLabel("Accepted answer 1", { exact: true }).fill("convection");
  await dialog.getByRole("button", { name: "Add criterion" }).click();
  await dialog.getByRole("button", { name: "Add question" }).click();
  await expect(dialog.getByText("Describe what this criterion looks for")).toBeVisible();
  await dialog.getByLabel("Criterion 1", { exact: true }).fill("Names convection in the mantle");
  await dialog.getByLabel("Points for criterion 1").fill("2");
  await snap(page, "grading-rubric-editor");
  await dialog.getByRole("button", { name: "Add question" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: `Actions for question: ${prompt.slice(0, 60)}` }).click();
  await page.getByRole("menuitem", { name: "Edit…" }).click();
  const edit = page.getByRole("dialog", { name: "Edit question" });
  await expect(edit.getByLabel("Criterion 1", { exact: true })).toHaveValue("Names convection in the mantle");
  await expect(edit.getByLabel("Points for criterion 1")).toHaveValue("2");
});
