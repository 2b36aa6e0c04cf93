// `auth` through the router, as an app calls it: sign in, act with the access token, refresh,
// revoke; the session in the account's list; the web's sign-out events ending app sessions.
import { createRateLimiter } from "@toolboxai/core";
import { APP_TOKEN_MESSAGES, SIGN_IN_FAILED_MESSAGE } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, PASSWORD, type World } from "../../testing";
import { type AppInstance, createAppInstance } from "./app-instance";

let w: World;
let app: AppInstance;
beforeAll(async () => {
  w = await createWorld();
  app = createAppInstance({ db: w.t.db, limiter: createRateLimiter() });
});
afterAll(async () => {
  await app.close();
  await w.t.close();
});

async function freshUser(role: "TEACHER" | "STUDENT" = "STUDENT") {
  return w.newActor("a", role);
}

async function signIn(email: string, extra: { clientName?: string } = {}) {
  return (await app.caller()).auth.token({ email, password: PASSWORD, ...extra });
}

describe("POST /auth/token", () => {
  it("gives an app an access token it can call the API with", async () => {
    const student = await freshUser();
    const grant = await signIn(student.email);
    const me = await (await app.bearer(grant.accessToken)).me.get();
    expect(me).toMatchObject({ id: student.userId, role: "STUDENT" });
    expect(grant.user).toEqual({
      id: student.userId,
      name: student.name,
      role: "STUDENT",
      organizationId: student.orgId,
    });
  });

  it("says in field errors what is wrong with the input", async () => {
    const error = await errorOf((await app.caller()).auth.token({ email: "not an email", password: "" }));
    expect(error.code).toBe("BAD_REQUEST");
    const issues = (error.cause as unknown as { issues: { path: string[]; message: string }[] }).issues;
    expect(issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["email", "Enter a valid email address"],
      ["password", "Enter your password"],
    ]);
  });

  it("refuses a wrong password with 401 and the web's sign-in message", async () => {
    const student = await freshUser();
    const error = await errorOf((await app.caller()).auth.token({ email: student.email, password: "wrong-pass-1" }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: SIGN_IN_FAILED_MESSAGE,
    });
  });

  it("answers 429 with the wait once an account is blocked for wrong passwords", async () => {
    const student = await freshUser();
    for (let i = 0; i < 5; i++) {
      await errorOf((await app.caller()).auth.token({ email: student.email, password: "wrong-pass-1" }));
    }
    const error = await errorOf(signIn(student.email));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe("Too many sign-in attempts. Try again in 1 minute.");
  });
});

describe("the access token", () => {
  it("is refused once its session is revoked, with a message saying so", async () => {
    const student = await freshUser();
    const grant = await signIn(student.email);
    await (await app.caller()).auth.revoke({ refreshToken: grant.refreshToken });
    const error = await errorOf((await app.bearer(grant.accessToken)).me.get());
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: APP_TOKEN_MESSAGES.revokedAccess,
    });
  });

  it("is refused when it is not one of ours", async () => {
    const error = await errorOf((await app.bearer("eyJhbGciOiJub25lIn0.e30.")).me.get());
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: APP_TOKEN_MESSAGES.invalidAccess,
    });
  });
});

describe("POST /auth/refresh", () => {
  it("gives a new pair for the same session, and the old refresh token is used up", async () => {
    const student = await freshUser();
    const grant = await signIn(student.email);
    const next = await (await app.caller()).auth.refresh({ refreshToken: grant.refreshToken });
    expect((await (await app.bearer(next.accessToken)).me.get()).id).toBe(student.userId);
    const error = await errorOf((await app.caller()).auth.refresh({ refreshToken: grant.refreshToken }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "UNAUTHORIZED",
      message: "This refresh token was already used; sign in again.",
    });
  });

  it("ends the session on reuse: the newest access token stops working too", async () => {
    const student = await freshUser();
    const grant = await signIn(student.email);
    const next = await (await app.caller()).auth.refresh({ refreshToken: grant.refreshToken });
    await errorOf((await app.caller()).auth.refresh({ refreshToken: grant.refreshToken }));
    const error = await errorOf((await app.bearer(next.accessToken)).me.get());
    expect(error.code).toBe("UNAUTHORIZED");
  });
});

describe("POST /auth/revoke", () => {
  it("signs out the session of the access token sent, without a body", async () => {
    const student = await freshUser();
    const grant = await signIn(student.email);
    expect(await (await app.bearer(grant.accessToken)).auth.revoke({})).toEqual({ revoked: true });
    expect((await errorOf((await app.bearer(grant.accessToken)).me.get())).code).toBe("UNAUTHORIZED");
  });

  it("answers the same for a token it does not know", async () => {
    expect(await (await app.caller()).auth.revoke({ refreshToken: "tbx_rt_unknown" })).toEqual({ revoked: true });
  });
});

describe("app sessions in the account", () => {
  it("are listed by me.sessions with the app's name, the one asking marked current", async () => {
    const teacher = await freshUser("TEACHER");
    const tablet = await signIn(teacher.email, { clientName: "Class iPad" });
    const phone = await signIn(teacher.email);
    const list = await (await app.bearer(phone.accessToken)).me.sessions();
    expect(list.map((s) => ({ kind: s.kind, device: s.device, current: s.current, ip: s.ip }))).toEqual([
      { kind: "app", device: "Mobile app", current: true, ip: "203.0.113.30" },
      { kind: "app", device: "Class iPad", current: false, ip: "203.0.113.30" },
    ]);
    expect(tablet.user.id).toBe(teacher.userId);
  });

  it("end when the user signs out of other sessions, except the one asking", async () => {
    const teacher = await freshUser("TEACHER");
    const other = await signIn(teacher.email);
    const asking = await signIn(teacher.email);
    expect(await (await app.bearer(asking.accessToken)).me.signOutOtherSessions()).toEqual({ signedOut: 1 });
    expect((await errorOf((await app.bearer(other.accessToken)).me.get())).code).toBe("UNAUTHORIZED");
    const refused = await errorOf((await app.caller()).auth.refresh({ refreshToken: other.refreshToken }));
    expect(refused.message).toBe(APP_TOKEN_MESSAGES.sessionEnded);
    expect((await (await app.bearer(asking.accessToken)).me.get()).id).toBe(teacher.userId);
  });

  it("end when the password changes elsewhere", async () => {
    const teacher = await freshUser("TEACHER");
    const grant = await signIn(teacher.email);
    const browser = await app.registry.start({ userId: teacher.userId, organizationId: teacher.orgId });
    await w.caller({ ...teacher, sessionId: browser.id }).me.changePassword({
      currentPassword: PASSWORD,
      newPassword: "a-brand-new-pass-9",
      confirmPassword: "a-brand-new-pass-9",
    });
    expect((await errorOf((await app.bearer(grant.accessToken)).me.get())).code).toBe("UNAUTHORIZED");
    const refused = await errorOf((await app.caller()).auth.refresh({ refreshToken: grant.refreshToken }));
    expect(refused.message).toBe(APP_TOKEN_MESSAGES.sessionEnded);
  });

  it("end when an admin deactivates the user", async () => {
    const student = await freshUser();
    const grant = await signIn(student.email);
    await w.caller(await w.actor("a", "ADMIN")).users.deactivate({ userId: student.userId });
    expect((await errorOf((await app.bearer(grant.accessToken)).me.get())).code).toBe("UNAUTHORIZED");
  });
});
