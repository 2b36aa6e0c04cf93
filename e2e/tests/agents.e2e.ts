// AI generation end to end, on the built-in offline model: a teacher asks for a lesson, a quiz
// and a Roblox environment, watches the task finish, reviews and edits the drafts, publishes
// them, downloads the environment as a Rojo project and assigns the generated quiz to a class.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, expectAccessible, signIn, snap } from "./helpers";

const stamp = Date.now().toString(36);
const lessonTitle = `Photosynthesis lesson ${stamp}`;
const quizTitle = `Photosynthesis quiz ${stamp}`;
const DEMO_CLASS = "Life Science · Period 3";

test("a teacher generates drafts, reviews and publishes them, downloads the Roblox project and assigns the quiz", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.TEACHER);
  const nav = page.getByRole("navigation", { name: "Main" });

  // The request.
  await nav.getByRole("link", { name: "Generate", exact: true }).click();
  await expect(page).toHaveURL(/\/teacher\/generate$/);
  await expect(page.getByRole("heading", { level: 1, name: "Generate with AI" })).toBeVisible();
  await expect(page.getByTestId("agent-status")).toContainText("offline");
  await expectAccessible(page, "generate page");
  await snap(page, "agents-1-generate");

  await page.getByLabel("Topic", { exact: true }).fill("Photosynthesis");
  await page.getByLabel("Subject", { exact: true }).fill("Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("7");
  for (const part of ["Lesson", "Quiz", "Roblox environment"]) {
    await expect(page.getByRole("checkbox", { name: part, exact: true })).toBeChecked();
  }
  await expect(page.getByLabel("Lesson length (minutes)")).toHaveValue("40");
  await expect(page.getByLabel("Number of questions")).toHaveValue("5");
  await page.getByRole("button", { name: "Generate drafts" }).click();

  // The task runs to the end.
  await page.waitForURL(/\/teacher\/tasks\/[^/]+$/);
  const progress = page.getByRole("progressbar", { name: "Generation progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("task-status")).toHaveText("Completed");
  await expect(page.getByText("100%", { exact: true })).toBeVisible();
  await expect(page.getByText("offline", { exact: true }).first()).toBeVisible();

  const steps = page.getByRole("list", { name: "Steps", exact: true }).getByRole("listitem");
  for (const agent of ["Supervisor", "Lesson writer", "Quiz writer", "Terrain designer", "Script writer", "Reviewer"]) {
    await expect(steps.filter({ hasText: agent }).first()).toContainText("Done");
  }
  const stepCount = await steps.count();
  for (let i = 0; i < stepCount; i++) await expect(steps.nth(i)).toContainText("Done");

  await expect(page.getByRole("tab", { name: "Lesson", exact: true })).toBeVisible();
  await expect(page.getByRole("tabpanel", { name: "Lesson" }).getByLabel("Title", { exact: true })).toBeVisible();
  await snap(page, "agents-2-task-review");
  await expectAccessible(page, "task page");

  // The lesson: edit, save, publish.
  await page.getByRole("tab", { name: "Lesson", exact: true }).click();
  const lesson = page.getByRole("tabpanel", { name: "Lesson" });
  await expect(lesson.getByRole("heading", { name: "Evidence" })).toBeVisible();
  await lesson.getByLabel("Title", { exact: true }).fill(lessonTitle);
  await lesson.getByLabel("Heading", { exact: true }).first().fill("How leaves make food");
  await lesson.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await expect(lesson.getByRole("heading", { name: lessonTitle })).toBeVisible();
  await expect(lesson.getByLabel("Heading", { exact: true }).first()).toHaveValue("How leaves make food");
  await lesson.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(lesson.getByRole("button", { name: "Unpublish" })).toBeVisible();

  // The quiz: its questions and answer-key check, a clearer title, publish.
  await page.getByRole("tab", { name: "Quiz", exact: true }).click();
  const quiz = page.getByRole("tabpanel", { name: "Quiz" });
  await expect(quiz.getByTestId("quiz-questions-total")).toHaveText(/^\d+ questions? · /);
  await expect(quiz.getByText(/\d+ of \d+ answer keys? valid/)).toBeVisible();
  await quiz.getByLabel("Title", { exact: true }).fill(quizTitle);
  await quiz.getByRole("button", { name: "Save", exact: true }).click();
  await expect(quiz.getByRole("heading", { name: quizTitle })).toBeVisible();
  await quiz.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(quiz.getByRole("button", { name: "Unpublish" })).toBeVisible();

  // The environment: its script check, and the Rojo project as a zip.
  await page.getByRole("tab", { name: "Environment", exact: true }).click();
  const environment = page.getByRole("tabpanel", { name: "Environment" });
  await expect(environment.getByText(/\d+ of \d+ scripts? parses?/)).toBeVisible();
  await expect(environment.getByRole("link", { name: "Open in content library" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await environment.getByRole("link", { name: "Download Roblox project (.zip)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const zip = fs.readFileSync(await download.path());
  expect(zip.byteLength).toBeGreaterThan(0);
  // Every zip file starts with a local file header, "PK\x03\x04".
  expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  await snap(page, "agents-3-environment");

  // The task list.
  await nav.getByRole("link", { name: "AI tasks", exact: true }).click();
  await expect(page).toHaveURL(/\/teacher\/tasks$/);
  const row = page.getByRole("row", { name: /Photosynthesis/ }).first();
  await expect(row).toContainText("Completed");
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await snap(page, "agents-4-task-list");
  await expectAccessible(page, "AI task list");

  // The generated quiz, now published, can be assigned to the demo class.
  await nav.getByRole("link", { name: "My classes", exact: true }).click();
  await page.getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) }).click();
  await page.getByRole("button", { name: "Assign" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign work" });
  await dialog.getByLabel("Search published content").fill(quizTitle);
  await dialog.getByRole("radio", { name: new RegExp(quizTitle) }).check();
  await dialog.getByRole("button", { name: "Assign" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(quizTitle, { exact: true })).toBeVisible();
  await snap(page, "agents-5-class-assigned");
});
