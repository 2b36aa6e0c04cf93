import { SIGN_IN_FAILED_MESSAGE } from "@toolboxai/validators";
import { DEMO, expect, expectAccessible, failedResponse, signIn, snap, submitSignIn, test } from "./helpers";

test("a wrong password typed again and again shows when the person may try again", async ({ page, consoleErrors }) => {
  // An address of its own: the lockout is per email and address, so other specs' people are untouched.
  const email = `typo.${Date.now()}@maplegrove.test`;
  for (let i = 1; i <= 4; i++) {
    await submitSignIn(page, email, `wrong-password-${i}`);
    await expect(page.getByRole("alert").filter({ hasText: SIGN_IN_FAILED_MESSAGE })).toBeVisible();
  }
  await submitSignIn(page, email, "wrong-password-5");
  await expect(page.getByRole("alert").filter({ hasText: "Too many attempts. Try again in 1 minute." })).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
  await snap(page, "signin-too-many-attempts");
  await expectAccessible(page, "sign-in with too many attempts");
  // Each refused sign-in is a 401 (or 429) the browser logs.
  consoleErrors.take(failedResponse(401, "/api/auth/callback/credentials"));
  consoleErrors.take(failedResponse(429, "/api/auth/callback/credentials"));
});

test("a made-up X-Forwarded-For neither escapes the lockout nor becomes the recorded address", async ({
  page,
  context,
  consoleErrors,
}) => {
  const email = `spoof.${Date.now()}@maplegrove.test`;
  for (let i = 1; i <= 5; i++) {
    // Each attempt claims to come from somewhere else.
    await context.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${i}` });
    await submitSignIn(page, email, `wrong-password-${i}`);
    // The refusal's own text: Next's route announcer is an (empty) alert too, visible at once.
    await expect(
      page.getByRole("alert").filter({ hasText: new RegExp(`${SIGN_IN_FAILED_MESSAGE}|Too many attempts`) }),
    ).toBeVisible();
  }
  await expect(page.getByRole("alert").filter({ hasText: /Too many attempts/ })).toBeVisible();
  consoleErrors.take(failedResponse(401, "/api/auth/callback/credentials"));
  consoleErrors.take(failedResponse(429, "/api/auth/callback/credentials"));

  // The session list shows the address the sign-in came from: the socket's, not the claim.
  await context.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.99" });
  await signIn(page, DEMO.PARENT);
  const res = await page.request.get(`/api/trpc/me.sessions?input=${encodeURIComponent('{"json":null}')}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { result: { data: { json: { ip: string; current: boolean }[] } } };
  const current = body.result.data.json.find((s) => s.current);
  expect(current?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
});
