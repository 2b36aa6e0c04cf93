// Editing never loses work (issue 12, finding 1): Publish saves unsaved edits first and publishes
// what was saved; the editors say whether there are unsaved changes and ask before a link, Back or
// a reload leaves them; the AI review screen keeps edits across its tabs; a lesson's earlier
// version reads like the lesson; a quiz's questions are edited in place (view-only ones are not).
import { expect, type Page } from "@playwright/test";
import { DEMO, expectAccessible, signIn, signOut, snap, test } from "./helpers";

const stamp = Date.now().toString(36);
const DEMO_CLASS = "Life Science · Period 3";

/** Creates an activity through the new-content form and waits for its editor. */
async function newActivity(page: Page, title: string, instructions: string) {
  await page.goto("/teacher/content/new?type=ACTIVITY");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Subject", { exact: true }).fill("Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("7");
  await page.getByLabel("Instructions", { exact: true }).fill(instructions);
  await page.getByLabel("Step 1", { exact: true }).fill("Look at both maps.");
  await page.getByRole("button", { name: "Create activity" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
}

test("Publish with an unsaved edit saves it first: a reload and the student both get the new instructions", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const title = `Map compare ${stamp}`;
  await signIn(page, DEMO.TEACHER);
  await newActivity(page, title, "Old instructions.");

  const instructions = page.getByLabel("Instructions", { exact: true });
  await instructions.fill("New instructions: **compare** the two maps.");
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeEnabled();
  await snap(page, "editing-1-dirty-indicator");
  await expectAccessible(page, "content editor with unsaved changes");

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
  await page.reload();
  await expect(instructions).toHaveValue("New instructions: **compare** the two maps.");
  await expect(page.getByText(/^Version 2 · by/)).toBeVisible();

  // What was published is what students get.
  await page.goto("/teacher");
  await page.getByRole("link", { name: new RegExp(`^${DEMO_CLASS}`) }).click();
  await page.getByRole("button", { name: "Assign" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign work" });
  await dialog.getByLabel("Search published content").fill(title);
  await dialog.getByRole("radio", { name: new RegExp(title) }).check();
  await dialog.getByRole("button", { name: "Assign" }).click();
  await expect(dialog).toBeHidden();
  await signOut(page);

  await signIn(page, DEMO.STUDENT);
  await page.getByRole("link", { name: new RegExp(`Start.*${title}`) }).click();
  const card = page.locator("[data-slot=card]").filter({ has: page.getByRole("heading", { name: "Instructions" }) });
  await expect(card).toContainText("New instructions: compare the two maps.");
  await expect(card.locator("strong")).toHaveText("compare");
  await expect(page.getByText("Old instructions.")).toHaveCount(0);
});

test("leaving an editor with unsaved changes asks first: a link, Back and a reload", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.TEACHER);
  await newActivity(page, `Leave check ${stamp}`, "Stay with me.");
  const editorUrl = page.url();
  const title = page.getByLabel("Title", { exact: true });
  await title.fill(`Leave check ${stamp} (edited)`);
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");

  // A link in the app's navigation: asked; staying keeps the edit.
  const leave = page.getByRole("alertdialog", { name: "Leave without saving?" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Question bank" }).click();
  await expect(leave).toBeVisible();
  await snap(page, "editing-2-leave-warning");
  await leave.getByRole("button", { name: "Stay on this page" }).click();
  await expect(leave).toBeHidden();
  expect(page.url()).toBe(editorUrl);
  await expect(title).toHaveValue(`Leave check ${stamp} (edited)`);

  // The browser's Back button: asked too, and staying keeps the page and the edit.
  // The guard cancels the traversal, so the navigation Playwright waits for never happens.
  await page.goBack({ timeout: 2_000 }).catch(() => null);
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "Stay on this page" }).click();
  await expect(page).toHaveURL(editorUrl);
  await expect(title).toHaveValue(`Leave check ${stamp} (edited)`);

  // A reload: the browser's own prompt (beforeunload). Leaving anyway loses the edit.
  const prompt = page.waitForEvent("dialog");
  const reloading = page.reload();
  const dialog = await prompt;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.accept();
  await reloading;
  await expect(title).toHaveValue(`Leave check ${stamp}`);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // With nothing unsaved, links just work; after an edit, "Leave without saving" leaves.
  await title.fill("Changed again");
  await page.getByRole("link", { name: "Content library" }).first().click();
  await leave.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/teacher\/content$/);
});

test("a lesson's earlier version renders like the lesson", async ({ page }) => {
  await signIn(page, DEMO.TEACHER);
  await page.goto("/teacher/content/new?type=LESSON");
  await page.getByLabel("Title", { exact: true }).fill(`Rocks ${stamp}`);
  await page.getByLabel("Subject", { exact: true }).fill("Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("7");
  await page.getByLabel("Heading", { exact: true }).fill("Three kinds of rock");
  await page
    .getByLabel("Text (Markdown)", { exact: true })
    .fill("Rocks are **igneous**, *sedimentary* or metamorphic.\n\n- Granite\n- Sandstone");
  await page.getByRole("button", { name: "Create lesson" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.getByLabel("Heading", { exact: true }).fill("Rock types");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved as version 2")).toBeVisible();

  await page.getByRole("button", { name: "View version 1" }).click();
  const view = page.getByRole("dialog", { name: /Version 1/ });
  const body = view.getByTestId("version-body");
  await expect(body.getByRole("heading", { name: "Three kinds of rock" })).toBeVisible();
  await expect(body.locator("strong")).toHaveText("igneous");
  await expect(body.locator("em")).toHaveText("sedimentary");
  await expect(body.getByRole("listitem")).toHaveText(["Granite", "Sandstone"]);
  await expect(body).not.toContainText("**");
  await snap(page, "editing-3-version-view");
  await expectAccessible(page, "version view");
});

test("a quiz's question is edited in place; a question shared for viewing opens read-only", async ({ page }) => {
  test.setTimeout(120_000);
  const sharedPrompt = `Which rock forms from lava? ${stamp}`;
  // The admin writes a question and shares it with teachers for use only.
  await signIn(page, DEMO.ADMIN);
  await page.goto("/teacher/questions");
  await page.getByRole("button", { name: "New question" }).click();
  const create = page.getByRole("dialog", { name: "New question" });
  await create.getByLabel("Type", { exact: true }).selectOption("TRUE_FALSE");
  await create.getByLabel("Question", { exact: true }).fill(sharedPrompt);
  await create.getByRole("radio", { name: "True", exact: true }).check();
  await create.getByRole("button", { name: "Add question" }).click();
  await expect(create).toBeHidden();
  await page.getByRole("button", { name: `Actions for question: ${sharedPrompt.slice(0, 60)}` }).click();
  await page.getByRole("menuitemradio", { name: "Teachers can use it", exact: true }).click();
  await expect(page.getByText("Shared: view only").first()).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO.TEACHER);
  await page.goto("/teacher/content/new?type=QUIZ");
  await page.getByLabel("Title", { exact: true }).fill(`Rock quiz ${stamp}`);
  await page.getByLabel("Subject", { exact: true }).fill("Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("7");
  await page.getByRole("button", { name: "Create quiz" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();

  await page.getByRole("button", { name: "New question" }).click();
  const write = page.getByRole("dialog", { name: "New question" });
  await write.getByLabel("Type", { exact: true }).selectOption("TRUE_FALSE");
  await write.getByLabel("Question", { exact: true }).fill("Granite is a rock.");
  await write.getByRole("radio", { name: "True", exact: true }).check();
  await write.getByRole("button", { name: "Add question" }).click();
  await expect(write).toBeHidden();
  const list = page.getByRole("list", { name: "Quiz questions" });
  await expect(list).toContainText("Granite is a rock.");

  // Edit it from the quiz: the list shows the new text.
  await list.getByRole("button", { name: "Edit question 1" }).click();
  const edit = page.getByRole("dialog", { name: "Edit question" });
  await edit.getByLabel("Question", { exact: true }).fill("Granite is an igneous rock.");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(list).toContainText("Granite is an igneous rock.");

  // The admin's view-only question: added from the bank, it can be read but not changed.
  await page.getByRole("button", { name: "Add from bank" }).click();
  const bank = page.getByRole("dialog", { name: "Add questions from the bank" });
  await bank.getByLabel("Search", { exact: true }).fill(stamp);
  await bank.getByRole("checkbox", { name: new RegExp(sharedPrompt.replace("?", "\\?")) }).check();
  await bank.getByRole("button", { name: "Add selected" }).click();
  await expect(bank).toBeHidden();
  await expect(list).toContainText("view only");
  await list.getByRole("button", { name: "View question 2 (view only)" }).click();
  const viewOnly = page.getByRole("dialog", { name: "View question" });
  await expect(viewOnly).toContainText("for viewing: you can use it in quizzes but not change it");
  await expect(viewOnly.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(viewOnly.getByLabel("Question", { exact: true })).toBeDisabled();
  await snap(page, "editing-4-view-only-question");
  await viewOnly.getByRole("button", { name: "Close" }).first().click();
  await expect(viewOnly).toBeHidden();
});

test("the AI review screen keeps edits across tabs and asks before leaving with them", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, DEMO.TEACHER);
  await page.goto("/teacher/generate");
  await page.getByLabel("Topic", { exact: true }).fill("Volcanoes");
  await page.getByLabel("Subject", { exact: true }).fill("Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("7");
  await page.getByRole("button", { name: "Generate drafts" }).click();
  await page.waitForURL(/\/teacher\/tasks\/[^/]+$/);
  await expect(page.getByTestId("task-status")).toHaveText("Completed", { timeout: 90_000 });

  const lessonTab = page.getByRole("tab", { name: "Lesson", exact: true });
  await lessonTab.click();
  const lesson = page.getByRole("tabpanel", { name: "Lesson" });
  await lesson.getByLabel("Title", { exact: true }).fill(`Volcanoes, edited ${stamp}`);
  await expect(lesson.getByTestId("save-state")).toHaveText("Unsaved changes");
  await expect(lessonTab.getByTestId("tab-unsaved")).toBeVisible();

  // Another tab and back: the edit is still there, and still unsaved.
  await page.getByRole("tab", { name: "Quiz", exact: true }).click();
  await expect(page.getByRole("tabpanel", { name: "Quiz" }).getByLabel("Title", { exact: true })).toBeVisible();
  await snap(page, "editing-5-review-tab-unsaved");
  await lessonTab.click();
  await expect(lesson.getByLabel("Title", { exact: true })).toHaveValue(`Volcanoes, edited ${stamp}`);
  await expect(lesson.getByTestId("save-state")).toHaveText("Unsaved changes");

  // Leaving asks first.
  await lesson.getByRole("link", { name: "Open in content library" }).click();
  const leave = page.getByRole("alertdialog", { name: "Leave without saving?" });
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "Stay on this page" }).click();

  // Saving clears the marker.
  await lesson.getByRole("button", { name: "Save", exact: true }).click();
  await expect(lesson.getByTestId("save-state")).toHaveText("All changes saved");
  await expect(lessonTab.getByTestId("tab-unsaved")).toHaveCount(0);
  await expect(lesson.getByRole("heading", { name: `Volcanoes, edited ${stamp}` })).toBeVisible();
});

/** Creates a quiz with one question of its own, tagged `tag`, and waits for its editor. */
async function newQuiz(page: Page, title: string, tag: string) {
  await page.goto("/teacher/content/new?type=QUIZ");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Subject", { exact: true }).fill("Science");
  await page.getByLabel("Grade level", { exact: true }).selectOption("7");
  await page.getByRole("button", { name: "Create quiz" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await page.getByRole("button", { name: "New question" }).click();
  const write = page.getByRole("dialog", { name: "New question" });
  await write.getByLabel("Type", { exact: true }).selectOption("TRUE_FALSE");
  await write.getByLabel("Question", { exact: true }).fill(`Basalt is a rock. ${tag}`);
  await write.getByRole("radio", { name: "True", exact: true }).check();
  await write.getByLabel("Tags", { exact: true }).fill(tag);
  await write.getByRole("button", { name: "Add question" }).click();
  await expect(write).toBeHidden();
}

test("Publish with unsaved question settings saves them first: the quiz goes out as a random draw", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = `basalt-${stamp}`;
  await signIn(page, DEMO.TEACHER);
  await newQuiz(page, `Draw quiz ${stamp}`, tag);

  // An edit in the form and a switch to a random draw, neither saved.
  await page.getByLabel("Title", { exact: true }).fill(`Draw quiz ${stamp} (edited)`);
  await page.getByRole("radio", { name: "Draw at random from the bank" }).check();
  await page.getByLabel("Tag", { exact: true }).fill(tag);
  await page.getByLabel("Number of questions", { exact: true }).fill("1");
  await expect(page.getByRole("button", { name: "Save question settings" })).toBeVisible();
  await snap(page, "editing-6-unsaved-draw-before-publish");

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save question settings" })).toHaveCount(0);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  // A reload shows what was published: both the edit and the draw.
  await page.reload();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(`Draw quiz ${stamp} (edited)`);
  await expect(page.getByRole("radio", { name: "Draw at random from the bank" })).toBeChecked();
  await expect(page.getByText(`Each student gets 1 random question tagged “${tag}”`)).toBeVisible();
});

test("Publish with invalid question settings publishes nothing and says why", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.TEACHER);
  await newQuiz(page, `Draw refused ${stamp}`, `gabbro-${stamp}`);

  await page.getByRole("radio", { name: "Draw at random from the bank" }).check();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Not published: fix the question settings, then publish again.")).toBeVisible();
  await expect(page.getByText("Enter the tag of the questions to draw from")).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("radio", { name: "Fixed list of questions" })).toBeChecked();
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeVisible();
});

test("a version saved in another tab while editing keeps the edit and shows the conflict", async ({
  page,
  context,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.TEACHER);
  const title = `Two tabs ${stamp}`;
  await newActivity(page, title, "First instructions.");
  const instructions = page.getByLabel("Instructions", { exact: true });
  await instructions.fill("My unsaved instructions.");
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");

  // The same item saved in a second tab.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByLabel("Description", { exact: true }).fill("Saved from the other tab.");
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByText("Saved as version 2")).toBeVisible();
  await other.close();

  // The first tab loads the newer version (a refetch on focus once the data is stale).
  await page.waitForTimeout(31_000);
  await page.evaluate(() => window.dispatchEvent(new Event("visibilitychange")));
  await expect(page.getByText(/^Version 2 · by/)).toBeVisible();
  const conflict = page.getByTestId("conflict");
  await expect(conflict).toContainText("Version 2 was saved elsewhere");
  await expect(instructions).toHaveValue("My unsaved instructions.");
  await snap(page, "editing-7-newer-version-while-dirty");

  // Saving can't overwrite the other tab's version; loading the latest discards the edit.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(conflict).toContainText("Someone else saved this item");
  expect(consoleErrors.take(/status of 409 .*content\.update/)).toHaveLength(1);
  await conflict.getByRole("button", { name: "Discard my changes and load the latest version" }).click();
  await expect(conflict).toBeHidden();
  await expect(instructions).toHaveValue("First instructions.");
  await expect(page.getByLabel("Description", { exact: true })).toHaveValue("Saved from the other tab.");
});

test("the question editor asks before Esc, a click outside or Cancel throws typed work away", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.TEACHER);
  await page.goto("/teacher/questions");
  await page.getByRole("button", { name: "New question" }).click();
  const editor = page.getByRole("dialog", { name: "New question" });
  const prompt = editor.getByLabel("Question", { exact: true });
  await prompt.fill(`Half-typed question ${stamp}`);
  const discard = page.getByRole("alertdialog", { name: "Discard your changes to this question?" });

  await page.keyboard.press("Escape");
  await expect(discard).toBeVisible();
  await snap(page, "editing-8-question-discard-confirm");
  await discard.getByRole("button", { name: "Keep editing" }).click();
  await expect(discard).toBeHidden();
  await expect(prompt).toHaveValue(`Half-typed question ${stamp}`);

  await page.mouse.click(5, 5);
  await expect(discard).toBeVisible();
  await discard.getByRole("button", { name: "Keep editing" }).click();
  await expect(prompt).toHaveValue(`Half-typed question ${stamp}`);

  await editor.getByRole("button", { name: "Cancel" }).click();
  await expect(discard).toBeVisible();
  await discard.getByRole("button", { name: "Discard changes" }).click();
  await expect(editor).toBeHidden();

  // With nothing typed, Esc just closes.
  await page.getByRole("button", { name: "New question" }).click();
  await expect(editor).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();
  await expect(discard).toHaveCount(0);
});
