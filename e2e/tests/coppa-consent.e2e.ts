// COPPA parental consent as people meet it: the admin records a birth date that makes Ava 10, so
// she cannot message her teacher and is told why; her parent gives consent in the parent view; she
// can message; the admin sees "Granted". Afterwards the parent withdraws consent (with a
// confirmation) and the admin clears the birth date, so the other journeys find Ava as before.
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, failedResponse, signIn, signOut, snap, test } from "./helpers";

const STUDENT = "Ava Johnson";
const TEACHER = "Sofia Rivera";

async function openConsentTable(page: Page) {
  await page.goto("/admin/data-protection");
  await expect(page.getByRole("heading", { level: 1, name: "Data protection" })).toBeVisible();
  const table = page.getByRole("table", { name: "Students' parental consent" });
  await expect(table).toBeVisible();
  return table;
}

async function setBirthDate(page: Page, value: string) {
  const table = await openConsentTable(page);
  await table.getByRole("button", { name: `Set birth date of ${STUDENT}`, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Birth date of ${STUDENT}` });
  await dialog.getByLabel("Birth date", { exact: true }).fill(value);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  return table;
}

async function writeToTeacher(page: Page, body: string) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Messages/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await page.getByRole("button", { name: "New message", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await dialog.getByLabel("To").selectOption({ label: TEACHER });
  await dialog.getByLabel("Subject").fill(`Homework ${Date.now().toString(36)}`);
  await dialog.getByLabel("Message").fill(body);
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  return dialog;
}

test("a student under 13 can message only after their parent consents, and the admin sees the consent", async ({
  page,
  consoleErrors,
}) => {
  // A journey through several accounts: longer than the 60 s default on a busy machine.
  test.setTimeout(150_000);
  const tenYearsAgo = `${new Date().getUTCFullYear() - 10}-01-01`;

  // The admin records Ava's birth date: she is 10, and consent is needed.
  await signIn(page, DEMO.ADMIN);
  const table = await setBirthDate(page, tenYearsAgo);
  const row = table.getByRole("row", { name: new RegExp(STUDENT) });
  await expect(row).toContainText("age 10");
  await expect(row.getByText(/^(Needs consent|Withdrawn)$/)).toBeVisible();
  await page.getByLabel("Show", { exact: true }).selectOption("needs_consent");
  await expect(table.getByRole("row", { name: new RegExp(STUDENT) })).toBeVisible();
  await snap(page, "coppa-admin-needs-consent");
  await expectAccessible(page, "data protection consent");
  await signOut(page);

  // Ava cannot send a message, and the dialog says why.
  await signIn(page, DEMO.STUDENT);
  const refused = await writeToTeacher(page, "Can I hand in my homework on Friday?");
  await expect(
    refused.getByText(/Messaging needs a parent's or guardian's consent because you are under 13/),
  ).toBeVisible();
  consoleErrors.take(failedResponse(403, "messages.startThread"));
  await snap(page, "coppa-student-refused");
  await refused.getByRole("button", { name: "Cancel", exact: true }).click();
  await signOut(page);

  // Her parent reads the statement and consents.
  await signIn(page, DEMO.PARENT);
  const card = page.getByRole("heading", { name: `Parental consent for ${STUDENT}` });
  await expect(card).toBeVisible();
  await expect(page.getByText(/I am the parent or legal guardian of this student/)).toBeVisible();
  await page.getByRole("button", { name: `I consent for ${STUDENT}`, exact: true }).click();
  await expect(page.getByText("Consent given", { exact: true })).toBeVisible();
  await snap(page, "coppa-parent-consented");
  await expectAccessible(page, "parent consent card");
  await signOut(page);

  // Now Ava's message goes through.
  await signIn(page, DEMO.STUDENT);
  const sent = await writeToTeacher(page, "Thank you for the extra time!");
  await expect(sent).toBeHidden();
  await expect(page.getByRole("log", { name: "Messages" })).toContainText("Thank you for the extra time!");
  await snap(page, "coppa-student-sent");
  await signOut(page);

  // The admin sees the consent, given by Ava's parent.
  await signIn(page, DEMO.ADMIN);
  const after = await openConsentTable(page);
  const granted = after.getByRole("row", { name: new RegExp(STUDENT) });
  await expect(granted.getByText("Granted", { exact: true })).toBeVisible();
  await expect(granted).toContainText("by Jordan Johnson");
  await snap(page, "coppa-admin-granted");
  await signOut(page);

  // Tidy up: the parent withdraws consent (after confirming), the admin clears the birth date.
  await signIn(page, DEMO.PARENT);
  await page.getByRole("button", { name: `Withdraw consent for ${STUDENT}`, exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: `Withdraw consent for ${STUDENT}?` });
  await confirm.getByRole("button", { name: "Withdraw consent", exact: true }).click();
  await expect(page.getByText("Consent withdrawn", { exact: true })).toBeVisible();
  await signOut(page);
  await signIn(page, DEMO.ADMIN);
  const cleared = await setBirthDate(page, "");
  await expect(cleared.getByRole("row", { name: new RegExp(STUDENT) })).toContainText("Not recorded");
});
