// The signed-out password reset through tRPC: the neutral answer, field errors written for people,
// and a link from an admin used once.
import { createRateLimiter } from "@toolboxai/core";
import { FORGOT_PASSWORD_MESSAGE } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../../context";
import { createCaller } from "../../root";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const anonymous = () => w.caller(null);

describe("passwordReset", () => {
  it("answers the same neutral message for an unknown and a known address", async () => {
    const unknown = await anonymous().passwordReset.request({ email: "nobody@nowhere.test" });
    const known = await anonymous().passwordReset.request({ email: w.users.a.TEACHER.email });
    expect(unknown).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
    expect(known).toEqual(unknown);
  });

  it("tells a person without a mailbox what to do instead", async () => {
    const { message } = await anonymous().passwordReset.request({ email: "no-mailbox@nowhere.test" });
    expect(message).toContain("No email? Ask your teacher or school admin to reset your password.");
  });

  it("says in words what is wrong with the email", async () => {
    const error = await errorOf(anonymous().passwordReset.request({ email: "not an email" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect((error.cause as unknown as { issues: { message: string }[] }).issues.map((i) => i.message)).toEqual([
      "Enter a valid email address",
    ]);
  });

  it("counts requests per address with the platform's limiter (429 after three)", async () => {
    const limiter = createRateLimiter();
    const caller = createCaller(createContextInner({ db: w.t.db, rateLimiter: limiter }));
    for (let i = 0; i < 3; i++) await caller.passwordReset.request({ email: "often@nowhere.test" });
    const error = await errorOf(caller.passwordReset.request({ email: "often@nowhere.test" }));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    await limiter.close();
  });

  it("sets a new password with an admin's link once, then refuses the link", async () => {
    const admin = w.caller(await w.actor("a", "ADMIN"));
    const student = await w.newActor("a", "STUDENT");
    const link = await admin.users.createResetLink({ userId: student.userId });
    const token = new URL(link.url).searchParams.get("token") as string;
    expect(await anonymous().passwordReset.status({ token })).toMatchObject({ valid: true, email: student.email });
    const input = { token, password: "via-trpc-pass-1", confirmPassword: "via-trpc-pass-1" };
    expect(await anonymous().passwordReset.complete(input)).toEqual({ email: student.email });
    expect(await anonymous().passwordReset.status({ token })).toEqual({ valid: false, reason: "used" });
    const again = await errorOf(anonymous().passwordReset.complete(input));
    expect(again.code).toBe("PRECONDITION_FAILED");
  });
});

describe("users.update", () => {
  it("puts an email clash next to the email field", async () => {
    const admin = w.caller(await w.actor("a", "ADMIN"));
    const student = await w.newActor("a", "STUDENT");
    const error = await errorOf(
      admin.users.update({ userId: student.userId, name: "Clash", email: w.users.a.PARENT.email }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("Another account in your school already uses this email.");
  });
});
