// Account administration by an admin: editing a person's name and email, deleting a person (with
// its guards), and the password reset link an admin hands on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetPassword, resetTokenStatus } from "../auth/password-reset";
import { authenticate } from "../auth/sign-in";
import { createLogMailer, type MailMessage, type MailSettings } from "../mail/mailer";
import { DEFAULT_SESSION_POLICY } from "../sessions/policy";
import { createSessionRegistry, type SessionRegistry } from "../sessions/registry";
import { createDomainWorld, type DomainWorld, domainErrorOf, PASSWORD } from "../testing";
import { createPasswordResetLink, deleteUser, listUsers, updateUser } from "./users";

let w: DomainWorld;
let registry: SessionRegistry;
beforeAll(async () => {
  w = await createDomainWorld();
  registry = createSessionRegistry({ db: w.t.db, policy: DEFAULT_SESSION_POLICY, singleProcess: true });
});
afterAll(async () => {
  await registry.close();
  await w.t.close();
});

const admin = async () => w.svc(await w.actor("a", "ADMIN"));
const tokenOf = (url: string) => new URL(url).searchParams.get("token") as string;
const logOnly: MailSettings = { mailer: createLogMailer({ warn: () => {} }), appUrl: "https://school.test" };

describe("editing a person", () => {
  it("changes the name and email, and the person signs in with the new email", async () => {
    const person = await w.newActor("a", "STUDENT");
    const user = await updateUser(await admin(), { userId: person.userId, name: "Ada Renamed", email: "ada@a.test" });
    expect(user).toMatchObject({ name: "Ada Renamed", email: "ada@a.test" });
    expect(await authenticate({ db: w.t.db }, { email: "ada@a.test", password: PASSWORD })).toMatchObject({
      userId: person.userId,
    });
  });

  it("refuses an email another account of the school uses, next to the email field", async () => {
    const person = await w.newActor("a", "STUDENT");
    const error = await domainErrorOf(
      updateUser(await admin(), { userId: person.userId, name: person.name, email: w.users.a.TEACHER.email }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.fieldErrors).toEqual({ email: ["Another account in your school already uses this email."] });
  });

  it("accepts an email that only another school uses", async () => {
    const person = await w.newActor("a", "STUDENT");
    const user = await updateUser(await admin(), { userId: person.userId, name: person.name, email: "admin@b.test" });
    expect(user.email).toBe("admin@b.test");
  });

  it("records what changed in the audit log", async () => {
    const person = await w.newActor("a", "STUDENT", "Before Name");
    await updateUser(await admin(), { userId: person.userId, name: "After Name", email: person.email });
    const row = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "user.updated", targetId: person.userId } });
    expect(row.metadata).toEqual({ name: { from: "Before Name", to: "After Name" } });
  });

  it("cannot reach a person of another school", async () => {
    const other = await w.newActor("b", "STUDENT");
    const error = await domainErrorOf(
      updateUser(await admin(), { userId: other.userId, name: "X", email: "x@b.test" }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("deleting a person", () => {
  it("ends their sessions, refuses their sign-in and hides them from the list", async () => {
    const person = await w.newActor("a", "STUDENT", "Leaving Student");
    const { id: sessionId } = await registry.start({ userId: person.userId, organizationId: person.orgId });
    expect((await registry.check(sessionId)).active).toBe(true);

    expect(await deleteUser(await admin(), { userId: person.userId })).toEqual({
      userId: person.userId,
      name: "Leaving Student",
    });

    expect((await registry.check(sessionId)).active).toBe(false);
    expect(await authenticate({ db: w.t.db }, { email: person.email, password: PASSWORD })).toBeNull();
    const list = await listUsers(await admin(), { page: 1, pageSize: 100, status: "all" });
    expect(list.items.map((u) => u.id)).not.toContain(person.userId);
  });

  it("frees the address for a new account and keeps it in the audit log", async () => {
    const person = await w.newActor("a", "STUDENT");
    await deleteUser(await admin(), { userId: person.userId });
    const row = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "user.deleted", targetId: person.userId } });
    expect(row.metadata).toMatchObject({ email: person.email, role: "STUDENT" });
    const again = await w.newActor("a", "STUDENT");
    expect(await updateUser(await admin(), { userId: again.userId, name: "New", email: person.email })).toMatchObject({
      email: person.email,
    });
  });

  it("takes a student out of their classes and parent links", async () => {
    const person = await w.newActor("a", "STUDENT");
    const db = w.scoped("a");
    const cls = await db.class.create({
      data: {
        organizationId: w.orgs.a,
        teacherId: w.users.a.TEACHER.id,
        name: "Deletion class",
        subject: "Science",
        gradeLevel: "7",
        joinCode: `DEL${Date.now().toString(36).slice(-3).toUpperCase()}`,
      },
    });
    await db.enrollment.create({ data: { organizationId: w.orgs.a, classId: cls.id, studentId: person.userId } });
    await db.parentStudentLink.create({
      data: { organizationId: w.orgs.a, parentId: w.users.a.PARENT.id, studentId: person.userId },
    });
    await deleteUser(await admin(), { userId: person.userId });
    expect(await db.enrollment.count({ where: { studentId: person.userId } })).toBe(0);
    expect(await db.parentStudentLink.count({ where: { studentId: person.userId } })).toBe(0);
  });

  it("refuses to delete the admin's own account", async () => {
    const me = await admin();
    const error = await domainErrorOf(deleteUser(me, { userId: me.actor.userId }));
    expect(error.message).toBe("You can't delete your own account. Ask another admin.");
  });

  it("refuses to delete the school's last admin", async () => {
    // An admin of school b acting through an account that is not itself an admin row any more.
    const lastAdmin = await w.actor("b", "ADMIN");
    const acting = await w.newActor("b", "ADMIN");
    await w.t.db.user.update({ where: { id: acting.userId }, data: { role: "TEACHER" } });
    const error = await domainErrorOf(deleteUser(w.svc(acting), { userId: lastAdmin.userId }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe("ADMIN B is the last admin of your school. Make someone else an admin first.");
  });

  it("refuses to delete a teacher who still teaches active classes, naming them", async () => {
    const teacher = await w.newActor("a", "TEACHER", "Busy Teacher");
    await w.scoped("a").class.create({
      data: {
        organizationId: w.orgs.a,
        teacherId: teacher.userId,
        name: "Physics 9",
        subject: "Science",
        gradeLevel: "9",
        joinCode: `PHY${Date.now().toString(36).slice(-3).toUpperCase()}`,
      },
    });
    const error = await domainErrorOf(deleteUser(await admin(), { userId: teacher.userId }));
    expect(error.message).toBe("Busy Teacher still teaches an active class (Physics 9). Archive it first.");
  });

  it("deletes a teacher whose classes are all archived", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    await w.scoped("a").class.create({
      data: {
        organizationId: w.orgs.a,
        teacherId: teacher.userId,
        name: "Old class",
        subject: "Science",
        gradeLevel: "9",
        joinCode: `OLD${Date.now().toString(36).slice(-3).toUpperCase()}`,
        archivedAt: new Date(),
      },
    });
    expect((await deleteUser(await admin(), { userId: teacher.userId })).userId).toBe(teacher.userId);
  });
});

describe("an admin's reset link", () => {
  it("is a link to the reset page that the person uses once to choose a new password", async () => {
    const person = await w.newActor("a", "STUDENT");
    const link = await createPasswordResetLink(await admin(), { userId: person.userId }, { mail: logOnly });
    expect(link.url).toMatch(/^https:\/\/school\.test\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(link.emailed).toBe(false);

    await resetPassword(
      { db: w.t.db },
      { token: tokenOf(link.url), password: "fresh-pass-77", confirmPassword: "fresh-pass-77" },
    );
    expect(await authenticate({ db: w.t.db }, { email: person.email, password: "fresh-pass-77" })).not.toBeNull();
    expect(await authenticate({ db: w.t.db }, { email: person.email, password: PASSWORD })).toBeNull();

    const again = await domainErrorOf(
      resetPassword(
        { db: w.t.db },
        { token: tokenOf(link.url), password: "other-pass-88", confirmPassword: "other-pass-88" },
      ),
    );
    expect(again.message).toBe("This link has already been used. Ask for a new one from the sign-in page.");
  });

  it("stores only a hash of the token", async () => {
    const person = await w.newActor("a", "STUDENT");
    const link = await createPasswordResetLink(await admin(), { userId: person.userId }, { mail: logOnly });
    const row = await w.t.db.passwordResetToken.findFirstOrThrow({ where: { userId: person.userId } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(tokenOf(link.url));
    expect(row.createdById).toBe((await admin()).actor.userId);
  });

  it("expires after 24 hours", async () => {
    const person = await w.newActor("a", "STUDENT");
    const link = await createPasswordResetLink(await admin(), { userId: person.userId }, { mail: logOnly });
    const later = new Date(Date.now() + 24 * 60 * 60 * 1000 + 1000);
    expect(await resetTokenStatus({ db: w.t.db, now: later }, { token: tokenOf(link.url) })).toEqual({
      valid: false,
      reason: "expired",
    });
    const error = await domainErrorOf(
      resetPassword(
        { db: w.t.db, now: later },
        { token: tokenOf(link.url), password: "late-pass-77", confirmPassword: "late-pass-77" },
      ),
    );
    expect(error.message).toBe("This link has expired. Ask for a new one from the sign-in page.");
  });

  it("replaces an earlier link of the same person", async () => {
    const person = await w.newActor("a", "STUDENT");
    const first = await createPasswordResetLink(await admin(), { userId: person.userId }, { mail: logOnly });
    await createPasswordResetLink(await admin(), { userId: person.userId }, { mail: logOnly });
    expect(await resetTokenStatus({ db: w.t.db }, { token: tokenOf(first.url) })).toEqual({
      valid: false,
      reason: "used",
    });
  });

  it("ends every session of the person when used", async () => {
    const person = await w.newActor("a", "TEACHER");
    const { id: sessionId } = await registry.start({ userId: person.userId, organizationId: person.orgId });
    const link = await createPasswordResetLink(await admin(), { userId: person.userId }, { mail: logOnly });
    await resetPassword(
      { db: w.t.db },
      { token: tokenOf(link.url), password: "fresh-pass-78", confirmPassword: "fresh-pass-78" },
    );
    expect((await registry.check(sessionId)).active).toBe(false);
    const row = await w.t.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.revokedReason).toBe("password_reset");
  });

  it("is also mailed to the person when mail is configured", async () => {
    const person = await w.newActor("a", "STUDENT", "Mailed Student");
    const sent: MailMessage[] = [];
    const mail: MailSettings = {
      mailer: { kind: "smtp", send: async (m) => void sent.push(m) },
      appUrl: "https://school.test",
    };
    const link = await createPasswordResetLink(await admin(), { userId: person.userId }, { mail });
    expect(link.emailed).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(person.email);
    expect(sent[0]?.text).toContain(link.url);
  });

  it("is refused for a deactivated person, saying what to do first", async () => {
    const person = await w.newActor("a", "STUDENT", "Paused Student");
    await w.t.db.user.update({ where: { id: person.userId }, data: { active: false } });
    const error = await domainErrorOf(
      createPasswordResetLink(await admin(), { userId: person.userId }, { mail: logOnly }),
    );
    expect(error.message).toBe("Reactivate Paused Student first: a deactivated account can't sign in.");
  });

  it("is refused for another admin when it can't be mailed to them", async () => {
    const other = await w.newActor("a", "ADMIN", "Other Admin");
    const error = await domainErrorOf(
      createPasswordResetLink(await admin(), { userId: other.userId }, { mail: logOnly }),
    );
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(
      "A reset link for another admin is only made when it can be emailed to them, and this server has no mail set up. Other Admin can change their password on their account page.",
    );
    expect(await w.t.db.passwordResetToken.count({ where: { userId: other.userId } })).toBe(0);
  });

  it("is refused for another admin when the mail to them fails, leaving no live link", async () => {
    const other = await w.newActor("a", "ADMIN", "Unreachable Admin");
    const failing: MailSettings = {
      mailer: {
        kind: "smtp",
        send: async () => {
          throw new Error("connection refused");
        },
      },
      appUrl: "https://school.test",
    };
    const error = await domainErrorOf(
      createPasswordResetLink(await admin(), { userId: other.userId }, { mail: failing }),
    );
    expect(error.message).toBe(
      "The link could not be emailed to Unreachable Admin, so it was not made. Try again later.",
    );
    expect(await w.t.db.passwordResetToken.count({ where: { userId: other.userId, usedAt: null } })).toBe(0);
  });

  it("is mailed to another admin when mail is configured", async () => {
    const other = await w.newActor("a", "ADMIN");
    const sent: MailMessage[] = [];
    const mail: MailSettings = {
      mailer: { kind: "smtp", send: async (m) => void sent.push(m) },
      appUrl: "https://school.test",
    };
    const link = await createPasswordResetLink(await admin(), { userId: other.userId }, { mail });
    expect(link.emailed).toBe(true);
    expect(sent.map((m) => m.to)).toEqual([other.email]);
  });

  it("is audited without the token", async () => {
    const person = await w.newActor("a", "STUDENT");
    await createPasswordResetLink(await admin(), { userId: person.userId }, { mail: logOnly });
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "user.password_reset_link_created", targetId: person.userId },
    });
    expect(row.metadata).toEqual({ emailed: false });
  });
});
