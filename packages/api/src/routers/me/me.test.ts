import type { DomainError } from "@toolboxai/core";
import { authenticate } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, PASSWORD, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

describe("me", () => {
  it("returns the signed-in user's profile with their organization", async () => {
    const profile = await w.caller(await w.actor("a", "TEACHER")).me.get();
    expect(profile).toMatchObject({
      email: "teacher@a.test",
      role: "TEACHER",
      organization: { name: "Alpha School", slug: "alpha" },
    });
  });

  it("updates the display name and audits it", async () => {
    const caller = w.caller(await w.actor("a", "STUDENT"));
    expect((await caller.me.updateProfile({ name: "  Sam Student " })).name).toBe("Sam Student");
    expect(
      await w.t.db.auditLog.count({ where: { action: "user.profile_updated", actorId: w.users.a.STUDENT.id } }),
    ).toBe(1);
  });

  it("refuses a wrong current password on the currentPassword field", async () => {
    const error = await errorOf(
      w.caller(await w.actor("a", "PARENT")).me.changePassword({
        currentPassword: "not-it",
        newPassword: "a-new-secret-9",
        confirmPassword: "a-new-secret-9",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect((error.cause as DomainError).fieldErrors).toEqual({
      currentPassword: ["Your current password is not correct."],
    });
  });

  it("refuses a confirmation that does not match", async () => {
    const error = await errorOf(
      w.caller(await w.actor("a", "PARENT")).me.changePassword({
        currentPassword: PASSWORD,
        newPassword: "a-new-secret-9",
        confirmPassword: "a-new-secret-8",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("changes the password: the new one signs in, the old one no longer does", async () => {
    await w.caller(await w.actor("b", "PARENT")).me.changePassword({
      currentPassword: PASSWORD,
      newPassword: "a-new-secret-9",
      confirmPassword: "a-new-secret-9",
    });
    expect(await authenticate({ db: w.t.db }, { email: "parent@b.test", password: "a-new-secret-9" })).not.toBeNull();
    expect(await authenticate({ db: w.t.db }, { email: "parent@b.test", password: PASSWORD })).toBeNull();
    expect(await w.t.db.auditLog.count({ where: { action: "user.password_changed" } })).toBe(1);
  });
});
