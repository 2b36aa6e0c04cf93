// The password reset as a signed-out browser does it, through the app's real tRPC route handler
// (app/api/trpc/[trpc]/route.ts): ask, check the link, set the password, and sign in with it. Only
// next-auth's session lookup (nobody is signed in) and the database are replaced; mail goes to a
// recording mailer through core's process settings.

import { createWorld, type World } from "@toolboxai/api/testing";
import { authenticate, configureMail, type MailMessage } from "@toolboxai/core";
import { FORGOT_PASSWORD_MESSAGE } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => null,
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const { GET, POST } = await import("~/app/api/trpc/[trpc]/route");

const sent: MailMessage[] = [];
let w: World;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  configureMail({ mailer: { kind: "smtp", send: async (m) => void sent.push(m) }, appUrl: "http://localhost:3000" });
});
afterAll(async () => {
  configureMail(null);
  await w.t.close();
});

const BROWSER = { "content-type": "application/json", host: "localhost:3000", "sec-fetch-site": "same-origin" };

async function mutate(path: string, input: unknown) {
  const res = await POST(
    new Request(`http://localhost:3000/api/trpc/${path}`, {
      method: "POST",
      headers: BROWSER,
      body: JSON.stringify({ json: input }),
    }),
  );
  return { status: res.status, body: (await res.json()) as { result?: { data: { json: unknown } }; error?: unknown } };
}

async function query(path: string, input: unknown) {
  const url = `http://localhost:3000/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await GET(new Request(url, { headers: BROWSER }));
  return { status: res.status, body: (await res.json()) as { result?: { data: { json: unknown } } } };
}

/**
 * Until a message to `to` sent after the first `after` has landed (requests are answered before
 * their work is done, so an earlier request's message may land later).
 */
async function nextMail(to: string, after: number): Promise<MailMessage> {
  await vi.waitFor(() => expect(sent.slice(after).some((m) => m.to === to)).toBe(true));
  return sent.slice(after).find((m) => m.to === to) as MailMessage;
}

describe("password reset over HTTP", () => {
  it("answers a signed-out request with the neutral message, for a known and an unknown address", async () => {
    const known = await mutate("passwordReset.request", { email: w.users.a.STUDENT.email });
    const unknown = await mutate("passwordReset.request", { email: "ghost@nowhere.test" });
    expect(known).toEqual({ status: 200, body: { result: { data: { json: { message: FORGOT_PASSWORD_MESSAGE } } } } });
    expect(unknown).toEqual(known);
  });

  it("sets the new password with the mailed link, once, and the person signs in with it", async () => {
    const before = sent.length;
    await mutate("passwordReset.request", { email: w.users.a.TEACHER.email });
    const mail = await nextMail(w.users.a.TEACHER.email, before);
    const token = new URL(mail.links?.[0] as string).searchParams.get("token");

    const status = await query("passwordReset.status", { token });
    expect(status.status).toBe(200);
    expect(status.body.result?.data.json).toMatchObject({ valid: true, email: w.users.a.TEACHER.email });

    const input = { token, password: "over-http-pass-1", confirmPassword: "over-http-pass-1" };
    const done = await mutate("passwordReset.complete", input);
    expect(done).toEqual({ status: 200, body: { result: { data: { json: { email: w.users.a.TEACHER.email } } } } });
    expect(
      await authenticate({ db: w.t.db }, { email: w.users.a.TEACHER.email, password: "over-http-pass-1" }),
    ).not.toBeNull();

    const again = await mutate("passwordReset.complete", input);
    expect(again.status).toBe(412);
  });

  it("puts the password rules next to the field, in words", async () => {
    const res = await mutate("passwordReset.complete", { token: "x", password: "short", confirmPassword: "short" });
    expect(res.status).toBe(400);
    const data = (res.body.error as { json: { data: { fieldErrors: Record<string, string[]> } } }).json.data;
    expect(data.fieldErrors.password).toEqual(["Use at least 10 characters", "Mix letters with digits or symbols"]);
  });

  it("refuses a request sent from another site", async () => {
    const res = await POST(
      new Request("http://localhost:3000/api/trpc/passwordReset.request", {
        method: "POST",
        headers: { ...BROWSER, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
        body: JSON.stringify({ json: { email: w.users.a.ADMIN.email } }),
      }),
    );
    expect(res.status).toBe(403);
  });
});
