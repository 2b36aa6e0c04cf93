// AI generation end to end, on the built-in offline model: a teacher asks for a lesson, a quiz
// and a Roblox environment at a reading level, aligned to a standard picked from the catalog,
// watches the task finish, reviews and edits the drafts, publishes them, downloads the
// environment as a Rojo project and assigns the generated quiz to a class. And a teacher cancels
// a running generation, then retries it: the steps that had finished are kept, not run again.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO, expectAccessible, readZip, signIn, snap, test } from "./helpers";

const stamp = Date.now().toString(36);
const lessonTitle = `Photosynthesis lesson ${stamp}`;
const quizTitle = `Photosynthesis quiz ${stamp}`;
const DEMO_CLASS = "Life Science · Period 3";

/**
 * The offline model's hold file (OFFLINE_MODEL_HOLD_FILE, set by e2e/server.mjs): while it exists,
 * the model calls of the agents it lists wait before answering (see createOfflineProvider).
 */
const MODEL_HOLD_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../.data/e2e/model-hold");

/** Holds the offline model's calls for these agents until `releaseModel`. */
function holdModel(agents: string[]) {
  fs.mkdirSync(path.dirname(MODEL_HOLD_FILE), { recursive: true });
  fs.writeFileSync(MODEL_HOLD_FILE, `${agents.join("\n")}\n`);
}

function releaseModel() {
  fs.rmSync(MODEL_HOLD_FILE, { force: true });
}

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
  await page.getByLabel("Reading level", { exact: true }).selectOption({ label: "Emerging reader" });
  await expect(page.getByLabel("Reading level", { exact: true })).toHaveValue("EMERGING");

  // A standard from the catalog, found by a word of its description and picked with the keyboard.
  // Suggestions fit the subject and grade: the high-school photosynthesis standard is not offered.
  const standards = page.getByRole("combobox", { name: "Standards (optional)" });
  const suggestions = page.getByRole("listbox", { name: "Suggested standards" });
  await standards.fill("photosynthesis");
  await expect(suggestions).toBeVisible();
  await expect(standards).toHaveAttribute("aria-expanded", "true");
  const pick = suggestions.getByRole("option").filter({ hasText: "MS-LS1-6" });
  await expect(pick).toContainText("Construct a scientific explanation");
  await expect(suggestions.getByRole("option").filter({ hasText: "HS-LS1-5" })).toHaveCount(0);
  await standards.press("ArrowDown");
  await expect(pick).toHaveAttribute("aria-selected", "true");
  await expect(standards).toHaveAttribute("aria-activedescendant", (await pick.getAttribute("id")) ?? "");
  await expectAccessible(page, "generate page with standard suggestions");
  await snap(page, "agents-1b-standards-suggestions");
  await standards.press("Enter");
  await expect(suggestions).toBeHidden();
  await expect(standards).toHaveValue("");
  const chosen = page.getByRole("list", { name: "Chosen standards" });
  await expect(chosen.getByRole("listitem")).toHaveText(["MS-LS1-6"]);
  // Escape closes the suggestions, then clears the text, without adding anything.
  await standards.fill("ms-ess");
  await expect(suggestions).toBeVisible();
  await standards.press("Escape");
  await expect(suggestions).toBeHidden();
  await expect(standards).toHaveValue("ms-ess");
  await standards.press("Escape");
  await expect(standards).toHaveValue("");
  await expect(chosen.getByRole("listitem")).toHaveCount(1);
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
  // The evidence names the standard picked from the catalog.
  await expect(lesson.getByRole("region", { name: "Evidence" }).getByText("MS-LS1-6", { exact: true })).toBeVisible();
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
  await expect(quiz.getByRole("region", { name: "Evidence" }).getByText("MS-LS1-6", { exact: true })).toBeVisible();
  await quiz.getByLabel("Title", { exact: true }).fill(quizTitle);
  await quiz.getByRole("button", { name: "Save", exact: true }).click();
  await expect(quiz.getByRole("heading", { name: quizTitle })).toBeVisible();
  await quiz.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(quiz.getByRole("button", { name: "Unpublish" })).toBeVisible();
  const quizQuestionCount = Number(
    ((await quiz.getByTestId("quiz-questions-total").textContent()) ?? "").match(/^\d+/)?.[0] ?? 0,
  );

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
  // Every zip file starts with a local file header, "PK\x03\x04".
  expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  await expectRojoProject(zip);
  await snap(page, "agents-3-environment");

  // The published quiz's questions are now in the bank, under the teacher's own topic, never an
  // internal id.
  await page.goto("/teacher/questions");
  await page.getByLabel("Tag", { exact: true }).fill("photosynthesis");
  const bankRows = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect.poll(() => bankRows.count()).toBeGreaterThanOrEqual(quizQuestionCount);
  await expect(page.getByText(/^gen-/)).toHaveCount(0);
  await snap(page, "agents-3b-question-bank");

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

test("the standards picker offers the standard on the lesson's topic first", async ({ page }) => {
  await signIn(page, DEMO.TEACHER);
  await page.goto("/teacher/generate");
  await page.getByLabel("Topic", { exact: true }).fill("Plate tectonics");
  await page.getByLabel("Subject", { exact: true }).fill("Earth Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("7");
  await page.getByRole("combobox", { name: "Standards (optional)" }).click();
  const options = page.getByRole("listbox", { name: "Suggested standards" }).getByRole("option");
  // The plate motions standard, not the water cycle's (which comes first in the catalog).
  await expect(options.first()).toContainText("MS-ESS2-3");
  await expect(options.first()).toContainText("fossils and rocks");
  await snap(page, "agents-1c-standards-for-topic");
});

test("a teacher cancels a running generation, then retries it without redoing the finished steps", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.TEACHER);
  await page.goto("/teacher/generate");
  await page.getByLabel("Topic", { exact: true }).fill(`Volcanoes ${stamp}`);
  await page.getByLabel("Subject", { exact: true }).fill("Earth Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("6");
  // A catalog standard typed in full: the standards step makes the run one step longer.
  const standards = page.getByRole("combobox", { name: "Standards (optional)" });
  await standards.fill("MS-ESS2-4");
  await standards.press("Enter");
  await expect(page.getByRole("list", { name: "Chosen standards" })).toContainText("MS-ESS2-4");

  // The lesson writer's model call is held (the hold file names it), so the task is caught
  // running at a known step however fast the machine is: the supervisor finishes, the lesson
  // writer waits until the cancel stops it.
  const status = page.getByTestId("task-status");
  holdModel(["content"]);
  try {
    await page.getByRole("button", { name: "Generate drafts" }).click();
    await page.waitForURL(/\/teacher\/tasks\/[^/]+$/);
    await expect(status).toHaveText("Generating", { timeout: 30_000 });
    await expect(page.getByText("Working on: Lesson writer", { exact: true })).toBeVisible({ timeout: 30_000 });
    const running = page.getByRole("list", { name: "Steps", exact: true }).getByRole("listitem");
    await expect(running.filter({ hasText: "Supervisor" }).first()).toContainText("Done");
    await expect(running.filter({ hasText: "Lesson writer" }).first()).toContainText("Running");
    // The bar, its percentage and the steps tell the same story: one step of the plan (plus saving) done.
    await expectProgressMatchesSteps(page);
    await snap(page, "agents-6a-running");

    // Cancelling asks first.
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Cancel this generation?" });
    await expect(confirm).toContainText("The steps that already finished are kept");
    await confirm.getByRole("button", { name: "Cancel generation" }).click();
    await expect(confirm).toBeHidden();

    await expect(status).toHaveText("Cancelled", { timeout: 15_000 });
    // Cancelled it stays: the worker saved nothing on its way out.
    await page.waitForTimeout(1500);
    await expect(status).toHaveText("Cancelled");
  } finally {
    // Released before the retry, and whatever happened above, so no later call waits.
    releaseModel();
  }
  await expect(page.getByRole("status").filter({ hasText: "No drafts were saved" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel", exact: true })).toBeHidden();
  await expect(page.getByRole("tab", { name: "Lesson", exact: true })).toHaveCount(0);
  const progress = page.getByRole("progressbar", { name: "Generation progress" });
  expect(Number(await progress.getAttribute("aria-valuenow"))).toBeLessThan(100);
  await expectProgressMatchesSteps(page);

  // What had finished before the cancel, and what had not: nothing is left waiting or running.
  const before = await stepRows(page);
  const finished = before.filter((step) => step.state === "Done");
  expect(finished.map((step) => step.name)).toContain("Supervisor");
  expect(before.some((step) => step.state !== "Done")).toBe(true);
  for (const step of before) expect(["Done", "Cancelled"], step.name).toContain(step.state);
  await snap(page, "agents-6-cancelled");
  await expectAccessible(page, "cancelled task");
  const taskUrl = page.url();

  // No drafts were saved: the library has nothing on the topic.
  await page.goto("/teacher/content");
  await page.getByLabel("Search", { exact: true }).fill(`Volcanoes ${stamp}`);
  await expect(page.getByText("Nothing matches these filters")).toBeVisible();
  await page.goto(taskUrl);

  // Retry carries on from the last finished step and completes.
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(status).toHaveText("Completed", { timeout: 60_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("button", { name: "Retry" })).toBeHidden();
  const after = await stepRows(page);
  expect(after.map((step) => step.state)).toEqual(after.map(() => "Done"));
  // The steps finished before the cancel were not run again: same start time, duration and tokens.
  for (const step of finished) {
    expect(after.find((s) => s.name === step.name)).toEqual(step);
  }
  // The steps that had not finished (the interrupted one included) ran after the retry.
  const lastKept = Math.max(...finished.map((step) => Date.parse(step.startedAt ?? "")));
  for (const step of before.filter((s) => s.state !== "Done")) {
    const rerun = after.find((s) => s.name === step.name);
    expect(Date.parse(rerun?.startedAt ?? ""), step.name).toBeGreaterThan(lastKept);
    if (step.startedAt) expect(rerun?.startedAt, step.name).not.toBe(step.startedAt);
  }
  await expect(page.getByRole("tab", { name: "Lesson", exact: true })).toBeVisible();
  await snap(page, "agents-7-retried");
  await expectAccessible(page, "retried task");

  // Now the drafts are saved, the library search that found nothing after the cancel finds them.
  await page.goto("/teacher/content");
  await page.getByLabel("Search", { exact: true }).fill(`Volcanoes ${stamp}`);
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: /Volcanoes/i })
      .first(),
  ).toBeVisible();

  // The generated quiz's questions stay with the draft: not in the bank until the teacher keeps it.
  await page.goto("/teacher/questions");
  await page.getByLabel("Tag", { exact: true }).fill(`volcanoes ${stamp}`);
  await expect(page.getByText("No questions match these filters")).toBeVisible();
});

/**
 * The task page's progress agrees with itself and with the steps: the bar is filled to the value
 * it announces, the percentage shown beside it is that value, and the value is the share of the
 * plan's steps (plus saving the drafts) that the step list shows as done.
 */
async function expectProgressMatchesSteps(page: Page) {
  const bar = page.getByRole("progressbar", { name: "Generation progress" });
  const value = Number(await bar.getAttribute("aria-valuenow"));
  await expect(bar.locator("xpath=following-sibling::span")).toHaveText(`${value}%`);
  const outer = await bar.boundingBox();
  const fill = await bar.getByTestId("progress-fill").boundingBox();
  expect(Math.abs(((fill?.width ?? 0) / (outer?.width ?? 1)) * 100 - value)).toBeLessThanOrEqual(1);
  const steps = await stepRows(page);
  const done = steps.filter((step) => step.state === "Done").length;
  expect(value, `${done} of ${steps.length} steps done`).toBe(Math.floor((done / (steps.length + 1)) * 100));
}

interface StepRow {
  name: string;
  state: string;
  /** Duration, tokens and model calls as shown, or null for a step that has not run. */
  run: string | null;
  /** The run's start time (its <time> element's datetime), or null for a step that has not run. */
  startedAt: string | null;
}

/** The task page's step list as a teacher reads it. */
async function stepRows(page: Page): Promise<StepRow[]> {
  const items = page.getByRole("list", { name: "Steps", exact: true }).getByRole("listitem");
  const rows: StepRow[] = [];
  const text = async (locator: Locator) => ((await locator.textContent()) ?? "").trim();
  for (const item of await items.all()) {
    const time = item.locator("time");
    const hasRun = (await time.count()) > 0;
    rows.push({
      name: await text(item.locator("p").first().locator("span").first()),
      state: await text(item.locator("[data-slot=badge]").last()),
      run: hasRun ? await text(item.locator("p", { has: page.locator("time") })) : null,
      startedAt: hasRun ? await time.getAttribute("datetime") : null,
    });
  }
  return rows;
}

/**
 * The zip is a Rojo project: default.project.json mounts src/server in ServerScriptService,
 * src/client in StarterPlayerScripts and src/shared in ReplicatedStorage; the scripts are named
 * *.server.luau / *.client.luau under those folders; a README explains how to open it.
 */
async function expectRojoProject(zip: Buffer) {
  const files = await readZip(zip);
  const names = [...files.keys()];
  // Everything sits in one top folder named after the environment.
  const top = names[0]?.split("/")[0] ?? "";
  expect(top).not.toBe("");
  expect(names.every((name) => name.startsWith(`${top}/`))).toBe(true);
  const paths = names.map((name) => name.slice(top.length + 1));
  expect(paths).toContain("default.project.json");
  expect(paths).toContain("README.md");
  expect(paths.filter((p) => /^src\/server\/[\w-]+\.server\.luau$/.test(p)).length).toBeGreaterThan(0);
  expect(paths.filter((p) => /^src\/client\/[\w-]+\.client\.luau$/.test(p)).length).toBeGreaterThan(0);

  const project = JSON.parse(files.get(`${top}/default.project.json`)?.toString("utf8") ?? "{}");
  const mounted = (node: unknown): string[] =>
    Object.values((node ?? {}) as Record<string, unknown>).flatMap((child) =>
      child && typeof child === "object" && "$path" in child ? [String(child.$path)] : [],
    );
  expect(mounted(project.tree?.ServerScriptService)).toEqual(["src/server"]);
  expect(mounted(project.tree?.StarterPlayer?.StarterPlayerScripts)).toEqual(["src/client"]);
  expect(mounted(project.tree?.ReplicatedStorage)).toEqual(["src/shared"]);
  for (const folder of ["src/server", "src/client", "src/shared"]) {
    expect(paths.some((p) => p.startsWith(`${folder}/`))).toBe(true);
  }
  for (const path of paths.filter((p) => p.endsWith(".luau"))) {
    expect(files.get(`${top}/${path}`)?.toString("utf8").trim(), path).not.toBe("");
  }
  const readme = files.get(`${top}/README.md`)?.toString("utf8") ?? "";
  expect(readme).toContain("Rojo");
  expect(readme).toContain("Roblox Studio");
}
