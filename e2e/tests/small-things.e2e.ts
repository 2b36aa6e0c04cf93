import { expect } from "@playwright/test";
import { DEMO, signIn, signOut, snap, test } from "./helpers";

async function newClass(page: import("@playwright/test").Page, name: string) {
  await page.getByRole("button", { name: "New class" }).click();
  const dialog = page.getByRole("dialog", { name: "New class" });
  await dialog.getByLabel("Class name").fill(name);
  await dialog.getByLabel("Subject").fill("Science");
  await dialog.getByLabel("Grade level").selectOption("7");
  await dialog.getByRole("button", { name: "Create class" }).click();
  await expect(dialog).toBeHidden();
}

test("/favicon.ico answers the app's icon", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/image\//);
});

test("links to a class or an assignment that does not exist answer HTTP 404", async ({ page, consoleErrors }) => {
  await signIn(page, DEMO.TEACHER);
  expect((await page.goto("/teacher/classes/does-not-exist"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  expect((await page.goto("/teacher/classes/does-not-exist/gradebook"))?.status()).toBe(404);
  await signOut(page);

  await signIn(page, DEMO.STUDENT);
  expect((await page.goto("/student/assignments/does-not-exist"))?.status()).toBe(404);
  await expect(page.getByText("We couldn't find that assignment")).toBeVisible();
  expect((await page.goto("/student/classes/does-not-exist"))?.status()).toBe(404);
  await expect(page.getByText("We couldn't find that class")).toBeVisible();
  // Chromium logs each 404 document it was sent; those were asked for, nothing else may be logged.
  consoleErrors.take(/does-not-exist.*Failed to load resource: the server responded with a status of 404/);
});

test("a gradebook or Roblox download link the person may not open answers a small HTML page, not JSON", async ({
  page,
  consoleErrors,
}) => {
  await signIn(page, DEMO.TEACHER);
  const csv = await page.goto("/api/classes/does-not-exist/gradebook.csv");
  expect(csv?.status()).toBe(404);
  expect(csv?.headers()["content-type"]).toBe("text/html; charset=utf-8");
  await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that" })).toBeVisible();
  await expect(page.getByText("Class not found.")).toBeVisible();
  await snap(page, "file-route-404");
  await page.getByRole("link", { name: "Go to your home page" }).click();
  await expect(page).toHaveURL(/\/teacher$/);
  await signOut(page);

  await signIn(page, DEMO.STUDENT);
  const zip = await page.goto("/api/content/anything/rojo.zip");
  expect(zip?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You don't have access to this" })).toBeVisible();
  consoleErrors.take(/Failed to load resource: the server responded with a status of 40[34]/);
});

test("the e2e fixture fails a test on console errors and uncaught exceptions, unless the test takes them", async ({
  page,
  consoleErrors,
}) => {
  await signIn(page, DEMO.STUDENT);
  await page.evaluate(() => {
    console.error("provoked on purpose");
    setTimeout(() => {
      throw new Error("thrown on purpose");
    });
  });
  await expect.poll(() => consoleErrors.seen.length).toBe(2);
  expect(consoleErrors.seen.join("\n")).toContain("console.error provoked on purpose");
  expect(consoleErrors.seen.join("\n")).toContain("uncaught Error: thrown on purpose");
  expect(consoleErrors.take(/provoked on purpose/)).toHaveLength(1);
  expect(consoleErrors.take()).toHaveLength(1);
});

test("an archived class is under 'Show archived classes' on the teacher's home and can be unarchived", async ({
  page,
}) => {
  const name = `Archived rocks ${Date.now()}`;
  await signIn(page, DEMO.TEACHER);
  await newClass(page, name);
  await page.getByRole("link", { name: new RegExp(`^${name}`) }).click();
  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("button", { name: "Archive class" }).click();
  await expect(page.getByRole("button", { name: "Unarchive" })).toBeVisible();

  await page.goto("/teacher");
  const classLink = page.getByRole("link", { name: new RegExp(`^${name}`) });
  await expect(page.getByRole("heading", { level: 1, name: /Good to see you/ })).toBeVisible();
  await expect(classLink).toHaveCount(0);
  await page.getByLabel("Show archived classes").check();
  await expect(classLink).toContainText("Archived");
  await snap(page, "teacher-home-archived");

  await classLink.click();
  await page.getByRole("button", { name: "Unarchive" }).click();
  await expect(page.getByRole("button", { name: "Archive", exact: true })).toBeVisible();
  await page.goto("/teacher");
  await expect(page.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
});

test("a student who joins a class they are already in is told so", async ({ page }) => {
  const name = `Rejoin ${Date.now()}`;
  await signIn(page, DEMO.TEACHER);
  await newClass(page, name);
  await page.getByRole("link", { name: new RegExp(`^${name}`) }).click();
  const code = (await page.getByTestId("join-code").textContent())?.trim() ?? "";
  await signOut(page);

  await signIn(page, DEMO.STUDENT);
  await page.getByLabel("Class code").fill(code);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(page.getByText(`You joined ${name}`)).toBeVisible();
  await page.getByLabel("Class code").fill(code);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(page.getByText(`You're already in ${name}`)).toBeVisible();
});

test("at 1280 px the gradebook keeps the average column in view and says what the class average averages", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, DEMO.TEACHER);
  await page.getByRole("link", { name: /^Life Science · Period 3/ }).click();
  await page.getByRole("link", { name: "Gradebook" }).click();
  await expect(page.getByRole("columnheader", { name: "Quiz average" })).toBeInViewport();
  const averages = page.getByRole("row", { name: /Class average/ });
  await expect(averages).toContainText("Quizzes: mean score · lessons: mean completion");
  await expect(averages).toContainText("quiz scores");
  await snap(page, "gradebook-1280");
});
