// A first-party app's session, end to end: the app signs in through POST /api/v1/auth/token,
// the account page lists it by the app's name, and "Sign out of other sessions" ends it: the
// app's access token and refresh token are refused at once.
import { expect } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn, snap, test } from "./helpers";

test("an app's session is listed on the account page and ended by 'sign out of other sessions'", async ({
  page,
  request,
}) => {
  const token = await request.post("/api/v1/auth/token", {
    data: { email: DEMO.PARENT, password: DEMO_PASSWORD, clientName: "Class iPad" },
  });
  expect(token.status()).toBe(200);
  const grant = (await token.json()) as { accessToken: string; refreshToken: string; tokenType: string };
  expect(grant.tokenType).toBe("Bearer");
  const bearer = { authorization: `Bearer ${grant.accessToken}` };
  expect((await request.get("/api/v1/me", { headers: bearer })).status()).toBe(200);

  await signIn(page, DEMO.PARENT);
  await page.goto("/account");
  const sessions = page.getByRole("list", { name: "Signed-in sessions" });
  const app = sessions.getByRole("listitem").filter({ hasText: "Class iPad" });
  await expect(app).toHaveCount(1);
  await expect(app.getByText("App", { exact: true })).toBeVisible();
  await snap(page, "account-sessions-app");

  await page.getByRole("button", { name: "Sign out of other sessions" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Sign out of other sessions?" });
  await dialog.getByRole("button", { name: "Sign out of other sessions" }).click();
  await expect(page.getByText(/Signed out of \d+ other sessions?/)).toBeVisible();
  await expect(app).toHaveCount(0);

  const refused = await request.get("/api/v1/me", { headers: bearer });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(((await refused.json()) as { detail: string }).detail).toBe(
    "This access token's session was revoked; sign in again.",
  );
  const refresh = await request.post("/api/v1/auth/refresh", { data: { refreshToken: grant.refreshToken } });
  expect(refresh.status()).toBe(401);
});
