// The teaching core end to end, as the issue describes it: a teacher builds and assigns, a
// student learns and is graded, the teacher and the parent see the result. Each key screen is
// saved under e2e/screenshots and checked with axe-core.
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signOut, snap, test } from "./helpers";

test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const className = `Plant Science ${stamp}`;
const lessonTitle = `Roots and shoots ${stamp}`;
const quizTitle = `Roots quiz ${stamp}`;
let joinCode = "";

async function publish(page: Page) {
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
}

test("a teacher creates a class, writes a lesson and a three-question quiz, publishes and assigns both", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.TEACHER);

  // The class.
  await page.getByRole("button", { name: "New class" }).click();
  const classDialog = page.getByRole("dialog", { name: "New class" });
  await classDialog.getByLabel("Class name").fill(className);
  await classDialog.getByLabel("Subject").fill("Science");
  await classDialog.getByRole("button", { name: "Create class" }).click();
  await expect(classDialog).toBeHidden();

  // The lesson: two sections.
  await page.goto("/teacher/content/new?type=LESSON");
  await page.getByLabel("Title").fill(lessonTitle);
  await page.getByLabel("Subject").fill("Science");
  await page.getByLabel("Grade level").selectOption("7");
  await page.getByLabel("Heading").first().fill("What roots do");
  await page.getByLabel("Text (Markdown)").first().fill("Roots take in **water** and hold the plant in the soil.");
  await page.getByRole("button", { name: "Add section" }).click();
  await page.getByLabel("Heading").nth(1).fill("What shoots do");
  await page.getByLabel("Text (Markdown)").nth(1).fill("Shoots carry leaves up to the light.");
  await page.getByRole("button", { name: "Create lesson" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await snap(page, "journey-1-lesson-editor");
  await expectAccessible(page, "lesson editor");
  await publish(page);

  // The quiz: three new questions of three types.
  await page.goto("/teacher/content/new?type=QUIZ");
  await page.getByLabel("Title").fill(quizTitle);
  await page.getByLabel("Subject").fill("Science");
  await page.getByLabel("Grade level").selectOption("7");
  await page.getByRole("button", { name: "Create quiz" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await addQuestions(page);
  await snap(page, "journey-2-quiz-editor");
  await expectAccessible(page, "quiz editor");
  await publish(page);

  // Assign both to the class.
  await page.goto("/teacher");
  await page.getByRole("link", { name: new RegExp(`^${className}`) }).click();
  joinCode = (await page.getByTestId("join-code").textContent())?.trim() ?? "";
  for (const title of [lessonTitle, quizTitle]) {
    await page.getByRole("button", { name: "Assign" }).click();
    const dialog = page.getByRole("dialog", { name: "Assign work" });
    await dialog.getByLabel("Search published content").fill(title);
    await dialog.getByRole("radio", { name: new RegExp(title) }).check();
    await dialog.getByRole("button", { name: "Assign" }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByText(lessonTitle, { exact: true })).toBeVisible();
  await expect(page.getByText(quizTitle, { exact: true })).toBeVisible();
  await snap(page, "journey-3-class-assigned");
  await expectAccessible(page, "class page with assignments");
});

test("a student joins with the code, reads the lesson to completion, takes the quiz and sees the score", async ({
  page,
}) => {
  test.setTimeout(180_000);
  expect(joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  await signIn(page, DEMO.STUDENT);
  await page.getByLabel("Class code").fill(joinCode);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(page.getByRole("region", { name: "My classes" }).getByText(className)).toBeVisible();
  await expect(page.getByText(lessonTitle, { exact: true })).toBeVisible();
  await snap(page, "journey-4-student-home");
  await expectAccessible(page, "student home");

  // Read the lesson.
  await page.getByRole("link", { name: new RegExp(`Start.*${lessonTitle}`) }).click();
  await expect(page.getByRole("heading", { name: "What roots do" })).toBeVisible();
  await expectAccessible(page, "lesson reader");
  await page.getByRole("button", { name: /Mark section complete/ }).click();
  await expect(page.getByRole("heading", { name: "What shoots do" })).toBeVisible();
  await page.getByRole("button", { name: /Mark complete and finish/ }).click();
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuetext", /2 of 2 sections complete/);
  await snap(page, "journey-5-lesson-complete");

  // Take the quiz: two right, one wrong.
  await page.goto("/student");
  await page.getByRole("link", { name: new RegExp(`Start.*${quizTitle}`) }).click();
  await page.getByRole("button", { name: "Start quiz" }).click();
  await expect(page.getByRole("group", { name: /absorb water/ })).toBeVisible();
  await page
    .getByRole("group", { name: /absorb water/ })
    .getByLabel("Roots")
    .check();
  await page
    .getByRole("group", { name: /Shoots grow toward light/ })
    .getByLabel("True")
    .check();
  await page
    .getByRole("group", { name: /How many sections/ })
    .getByLabel("Your answer (a number)")
    .fill("3");
  await expect(page.getByText(/Saved/)).toBeVisible();
  await snap(page, "journey-6-quiz-player");
  await expectAccessible(page, "quiz player");
  await page.getByRole("button", { name: /^Submit/ }).click();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText(/2 of 3 questions correct/)).toBeVisible();
  await snap(page, "journey-7-quiz-result");
  await expectAccessible(page, "quiz result");
});

test("the teacher sees the score in the gradebook and exports it as CSV", async ({ page }) => {
  await signIn(page, DEMO.TEACHER);
  await page.getByRole("link", { name: new RegExp(`^${className}`) }).click();
  await page.getByRole("link", { name: "Gradebook" }).click();
  const row = page.getByRole("row", { name: /Ava Johnson/ });
  await expect(row).toContainText("Completed");
  await expect(row).toContainText("66.7%");
  await snap(page, "journey-8-gradebook");
  await expectAccessible(page, "gradebook");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, "utf8");
  expect(csv).toContain(`${quizTitle} (quiz)`);
  expect(csv).toMatch(/Ava Johnson,ava@maplegrove\.test,Completed,66\.7/);
  await signOut(page);
});

test("the parent sees the child's score", async ({ page }) => {
  await signIn(page, DEMO.PARENT);
  const row = page.getByRole("row", { name: new RegExp(quizTitle) });
  await expect(row).toContainText("Score 66.7%");
  await snap(page, "journey-9-parent");
  await expectAccessible(page, "parent home");
});

/** Adds three new questions to the open quiz through the quiz's Questions card. */
async function addQuestions(page: Page) {
  const questions = [
    async (dialog: ReturnType<Page["getByRole"]>) => {
      await dialog.getByLabel("Type", { exact: true }).selectOption("SINGLE_CHOICE");
      await dialog.getByLabel("Question", { exact: true }).fill("Which part of a plant can absorb water?");
      await dialog.getByRole("textbox", { name: "Option 1", exact: true }).fill("Roots");
      await dialog.getByRole("textbox", { name: "Option 2", exact: true }).fill("Flowers");
      await dialog.getByRole("radio", { name: /Option 1 is correct/ }).check();
    },
    async (dialog: ReturnType<Page["getByRole"]>) => {
      await dialog.getByLabel("Type", { exact: true }).selectOption("TRUE_FALSE");
      await dialog.getByLabel("Question", { exact: true }).fill("Shoots grow toward light.");
      await dialog.getByRole("radio", { name: "True", exact: true }).check();
    },
    async (dialog: ReturnType<Page["getByRole"]>) => {
      await dialog.getByLabel("Type", { exact: true }).selectOption("NUMERIC");
      await dialog.getByLabel("Question", { exact: true }).fill("How many sections does the lesson have?");
      await dialog.getByLabel("Correct value").fill("2");
    },
  ];
  for (const fill of questions) {
    await page.getByRole("button", { name: "New question" }).click();
    const dialog = page.getByRole("dialog", { name: "New question" });
    await fill(dialog);
    await dialog.getByRole("button", { name: "Add question" }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByTestId("quiz-questions-total")).toHaveText(/3 questions · 3 points in total/);
}
