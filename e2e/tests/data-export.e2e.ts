// Data export for one person (FERPA inspection, GDPR articles 15 and 20) as people meet it: an
// admin finds a student on the data protection page, exports their data, watches the build finish
// and downloads the zip; the student downloads their own from the account page.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, readZip, signIn, snap, test } from "./helpers";

const STUDENT_NAME = "Ava Johnson";

/** Waits for the newest export in `list` to be built, downloads it, and returns the zip's bytes. */
async function downloadNewest(page: Page, listName: string, buttonName: string): Promise<Buffer> {
  const newest = page.getByRole("list", { name: listName, exact: true }).getByRole("listitem").first();
  const button = newest.getByRole("button", { name: buttonName, exact: true });
  await expect(button).toBeVisible({ timeout: 30_000 });
  await expect(newest.getByText(/The download works until/)).toBeVisible();
  const downloading = page.waitForEvent("download");
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^data-export-ava-johnson-\d{4}-\d{2}-\d{2}\.zip$/);
  return fs.readFileSync(await download.path());
}

test("an admin exports a student's data, waits for it to be built and downloads the zip", async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  await page.goto("/admin/data-protection");
  await expect(page.getByRole("heading", { level: 2, name: "Export a person's data" })).toBeVisible();

  await page.getByLabel("Find a person to export", { exact: true }).fill("ava");
  const person = page.getByLabel("Person to export", { exact: true });
  await expect(person.getByRole("option", { name: new RegExp(`^${STUDENT_NAME} \\(Student`) })).toBeAttached();
  await person.selectOption({ label: `${STUDENT_NAME} (Student, ${DEMO.STUDENT})` });
  await page.getByRole("button", { name: "Export data", exact: true }).click();
  await expect(page.getByText(`Building the data export of ${STUDENT_NAME}`)).toBeVisible();
  await snap(page, "data-export-1-admin-requested");

  const zip = await downloadNewest(page, "Data export requests", `Download the data of ${STUDENT_NAME}`);
  // Every zip starts with a local file header, "PK\x03\x04".
  expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
  const files = await readZip(zip);
  expect([...files.keys()]).toEqual(
    expect.arrayContaining(["README.txt", "profile.json", "profile.csv", "enrollments.csv", "messages.json"]),
  );
  expect(files.get("profile.json")?.toString("utf8")).toContain(DEMO.STUDENT);
  await snap(page, "data-export-2-admin-ready");
  await expectAccessible(page, "data protection page with an export");
});

test("a student downloads their own data from the account page", async ({ page }) => {
  await signIn(page, DEMO.STUDENT);
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 2, name: "Download my data" })).toBeVisible();
  await page.getByRole("button", { name: "Export my data", exact: true }).click();

  const zip = await downloadNewest(page, "My data exports", `Download the data of ${STUDENT_NAME}`);
  expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
  const files = await readZip(zip);
  expect(files.get("README.txt")?.toString("utf8")).toContain(STUDENT_NAME);
  await snap(page, "data-export-3-student-own");
  await expectAccessible(page, "account page with a data export");
});
