// An admin-set temporary password: the person signs in with it, is signed out everywhere else,
// must choose their own password next (the flag that changing or resetting the password clears),
// and the password appears in no audit row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { createResetToken, resetPassword } from "../auth/password-reset";
import { authenticate } from "../auth/sign-in";
import { changePassword } from "../me/me";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { mustChangePassword, setTemporaryPassword } from "./temp-password";
import { setUserActive } from "./users";

let w: DomainWorld;
let admin: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  admin = await w.actor("a", "ADMIN");
});
afterAll(async () => {
  await w.t.close();
});

const signIn = (email: string, password: string) => authenticate({ db: w.t.db }, { email, password });

describe("setting a temporary password", () => {
  it("generates a password shown once, with which the person signs in and must then change it", async () => {
    const student = await w.newActor("a", "STUDENT");
    const result = await setTemporaryPassword(w.svc(admin), { userId: student.userId });
    expect(result.temporaryPassword).toMatch(/^[A-Za-z2-9]{14}$/);
    expect(await signIn(student.email, result.temporaryPassword as string)).toMatchObject({ userId: student.userId });
    expect(await mustChangePassword(w.t.db, student.userId)).toBe(true);
  });

  it("sets the password the admin typed and returns none", async () => {
    const student = await w.newActor("a", "STUDENT");
    const result = await setTemporaryPassword(w.svc(admin), { userId: student.userId, password: "typed-temp-42" });
    expect(result.temporaryPassword).toBeNull();
    expect(await signIn(student.email, "typed-temp-42")).toMatchObject({ userId: student.userId });
  });

  it("signs the person out of every session", async () => {
    const student = await w.newActor("a", "STUDENT");
    const session = await w.t.db.session.create({
      data: { organizationId: student.orgId, userId: student.userId, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const result = await setTemporaryPassword(w.svc(admin), { userId: student.userId });
    expect(result.sessionsEnded).toBe(1);
    expect((await w.t.db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
  });

  it("is audited without the password", async () => {
    const student = await w.newActor("a", "STUDENT");
    await setTemporaryPassword(w.svc(admin), { userId: student.userId, password: "never-logged-77" });
    const audit = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "user.temporary_password_set", targetId: student.userId },
    });
    expect(audit.actorId).toBe(admin.userId);
    expect(audit.metadata).toMatchObject({ generated: false, sessionsEnded: 0 });
    expect(JSON.stringify(audit)).not.toContain("never-logged-77");
  });

  it("stops a reset link made before", async () => {
    const student = await w.newActor("a", "STUDENT");
    const { token } = await createResetToken(w.scoped("a"), {
      userId: student.userId,
      orgId: student.orgId,
      createdById: admin.userId,
    });
    await setTemporaryPassword(w.svc(admin), { userId: student.userId });
    const error = await domainErrorOf(
      resetPassword({ db: w.t.db }, { token, password: "link-password-1", confirmPassword: "link-password-1" }),
    );
    expect(error.message).toMatch(/already been used/);
  });

  it("is refused for the acting admin themself", async () => {
    const error = await domainErrorOf(setTemporaryPassword(w.svc(admin), { userId: admin.userId }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toMatch(/account page/);
  });

  it("is refused for another admin, whose password stays", async () => {
    const other = await w.newActor("a", "ADMIN");
    const error = await domainErrorOf(setTemporaryPassword(w.svc(admin), { userId: other.userId }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(await mustChangePassword(w.t.db, other.userId)).toBe(false);
  });

  it("is refused for a deactivated person", async () => {
    const student = await w.newActor("a", "STUDENT");
    await setUserActive(w.svc(admin), { userId: student.userId, active: false });
    const error = await domainErrorOf(setTemporaryPassword(w.svc(admin), { userId: student.userId }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toMatch(/Reactivate/);
  });

  it("does not reach a person of another organization", async () => {
    const error = await domainErrorOf(setTemporaryPassword(w.svc(admin), { userId: w.users.b.STUDENT.id }));
    expect(error.code).toBe("NOT_FOUND");
    expect(await mustChangePassword(w.t.db, w.users.b.STUDENT.id)).toBe(false);
  });
});

describe("leaving the temporary password behind", () => {
  it("changing the password clears the must-change flag", async () => {
    const student = await w.newActor("a", "STUDENT");
    await setTemporaryPassword(w.svc(admin), { userId: student.userId, password: "temporary-pass-1" });
    await changePassword(w.svc(student), {
      currentPassword: "temporary-pass-1",
      newPassword: "my-own-password-2",
      confirmPassword: "my-own-password-2",
    });
    expect(await mustChangePassword(w.t.db, student.userId)).toBe(false);
    expect(await signIn(student.email, "temporary-pass-1")).toBeNull();
    expect(await signIn(student.email, "my-own-password-2")).toMatchObject({ userId: student.userId });
  });

  it("a wrong current password leaves the flag set", async () => {
    const student = await w.newActor("a", "STUDENT");
    await setTemporaryPassword(w.svc(admin), { userId: student.userId, password: "temporary-pass-1" });
    await domainErrorOf(
      changePassword(w.svc(student), {
        currentPassword: "not-the-temp-1",
        newPassword: "my-own-password-2",
        confirmPassword: "my-own-password-2",
      }),
    );
    expect(await mustChangePassword(w.t.db, student.userId)).toBe(true);
  });

  it("setting a password with a reset link clears the flag too", async () => {
    const student = await w.newActor("a", "STUDENT");
    await setTemporaryPassword(w.svc(admin), { userId: student.userId });
    const { token } = await createResetToken(w.scoped("a"), {
      userId: student.userId,
      orgId: student.orgId,
      createdById: admin.userId,
    });
    await resetPassword({ db: w.t.db }, { token, password: "link-password-1", confirmPassword: "link-password-1" });
    expect(await mustChangePassword(w.t.db, student.userId)).toBe(false);
  });
});
