// The `consent` procedures through the server-side caller on a real database: the parent gives
// and withdraws consent for a linked child under 13, the student sees where they stand and is
// refused messaging until then, the admin sees every student's state and records birth dates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let classId: string;
let counter = 0;
const tenYearsAgo = () => `${new Date().getUTCFullYear() - 10}-06-01`;

beforeAll(async () => {
  w = await createWorld();
  const cls = await w.t.db.class.create({
    data: {
      organizationId: w.orgs.a,
      teacherId: w.users.a.TEACHER.id,
      name: "Science",
      subject: "Science",
      gradeLevel: "5",
      joinCode: "CONSENT2",
    },
  });
  classId = cls.id;
});
afterAll(() => w.t.close());

const as = async (org: "a" | "b", role: "ADMIN" | "TEACHER" | "STUDENT" | "PARENT") =>
  w.caller(await w.actor(org, role));

/** A new student of org a, enrolled in the class, linked to org a's parent, aged 10. */
async function child(name = "Child") {
  counter += 1;
  const student = await w.newActor("a", "STUDENT", `${name} ${counter}`);
  await w.t.db.enrollment.create({ data: { organizationId: w.orgs.a, classId, studentId: student.userId } });
  await w.t.db.parentStudentLink.create({
    data: { organizationId: w.orgs.a, parentId: w.users.a.PARENT.id, studentId: student.userId },
  });
  await (await as("a", "ADMIN")).consent.setBirthDate({ userId: student.userId, birthDate: tenYearsAgo() });
  return student;
}

describe("consent", () => {
  it("a parent sees each linked child's age, state and the statement they agree to", async () => {
    const kid = await child("Amara");
    const mine = await (await as("a", "PARENT")).consent.mine();
    expect(mine.find((c) => c.studentId === kid.userId)).toMatchObject({
      name: kid.name,
      age: 10,
      state: "required",
      consentedAt: null,
      statement: expect.stringContaining("I am the parent or legal guardian"),
    });
  });

  it("the student is told why messaging is closed, and can message once the parent consents", async () => {
    const kid = await child();
    const student = w.caller(kid);
    const send = () =>
      student.messages.startThread({ recipientId: w.users.a.TEACHER.id, classId, subject: "Hi", body: "Hello" });
    expect(await student.consent.myStatus()).toMatchObject({ state: "required", message: expect.any(String) });
    const refused = await errorOf(send());
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/^Messaging needs a parent's or guardian's consent because you are under 13/);

    const parent = await as("a", "PARENT");
    expect(await parent.consent.grant({ studentId: kid.userId })).toEqual({ studentId: kid.userId, state: "granted" });
    expect(await student.consent.myStatus()).toMatchObject({ state: "granted", message: null });
    await expect(send()).resolves.toHaveProperty("threadId");
  });

  it("withdrawing consent closes messaging again and shows as revoked to the admin", async () => {
    const kid = await child();
    const parent = await as("a", "PARENT");
    await parent.consent.grant({ studentId: kid.userId });
    expect(await parent.consent.revoke({ studentId: kid.userId })).toMatchObject({ state: "revoked" });
    const refused = await errorOf(
      w.caller(kid).messages.startThread({ recipientId: w.users.a.TEACHER.id, classId, subject: "Hi", body: "x" }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    const rows = await (await as("a", "ADMIN")).consent.list({ filter: "needs_consent" });
    expect(rows.find((r) => r.studentId === kid.userId)).toMatchObject({
      state: "revoked",
      consentedBy: { id: w.users.a.PARENT.id },
      revokedAt: expect.any(Date),
    });
  });

  it("a parent cannot give consent for a child they are not linked to", async () => {
    const stranger = await w.newActor("a", "STUDENT", "Not my child");
    const error = await errorOf((await as("a", "PARENT")).consent.grant({ studentId: stranger.userId }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("the admin's list shows every student, and the filter keeps those who need consent", async () => {
    const needs = await child();
    const fine = await child();
    await (await as("a", "PARENT")).consent.grant({ studentId: fine.userId });
    const admin = await as("a", "ADMIN");
    const all = await admin.consent.list({});
    expect(all.map((r) => r.studentId)).toEqual(expect.arrayContaining([needs.userId, fine.userId]));
    expect(all.find((r) => r.studentId === w.users.a.STUDENT.id)).toMatchObject({
      birthDate: null,
      age: null,
      state: "not_required",
    });
    const filtered = (await admin.consent.list({ filter: "needs_consent" })).map((r) => r.studentId);
    expect(filtered).toContain(needs.userId);
    expect(filtered).not.toContain(fine.userId);
  });

  it("the admin sets and clears a birth date, and a date in the future is refused", async () => {
    const admin = await as("a", "ADMIN");
    const kid = await child();
    expect(await admin.consent.setBirthDate({ userId: kid.userId, birthDate: null })).toEqual({
      userId: kid.userId,
      birthDate: null,
    });
    expect((await admin.consent.list({})).find((r) => r.studentId === kid.userId)?.state).toBe("not_required");
    const error = await errorOf(admin.consent.setBirthDate({ userId: kid.userId, birthDate: "2999-01-01" }));
    expect(error.code).toBe("BAD_REQUEST");
    const audit = await w.t.db.auditLog.findMany({ where: { targetId: kid.userId, action: "user.birth_date_set" } });
    expect(audit).toHaveLength(2);
  });

  it("another organization's admin and parent cannot touch this organization's students", async () => {
    const kid = await child();
    const otherAdmin = await as("b", "ADMIN");
    expect((await errorOf(otherAdmin.consent.setBirthDate({ userId: kid.userId, birthDate: null }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await otherAdmin.consent.list({})).map((r) => r.studentId)).not.toContain(kid.userId);
    const otherParent = await as("b", "PARENT");
    expect((await errorOf(otherParent.consent.grant({ studentId: kid.userId }))).code).toBe("NOT_FOUND");
  });

  it("only parents give consent and only admins list and set birth dates", async () => {
    const kid = await child();
    for (const role of ["ADMIN", "TEACHER", "STUDENT"] as const) {
      expect((await errorOf((await as("a", role)).consent.grant({ studentId: kid.userId }))).code).toBe("FORBIDDEN");
    }
    for (const role of ["TEACHER", "STUDENT", "PARENT"] as const) {
      expect((await errorOf((await as("a", role)).consent.list({}))).code).toBe("FORBIDDEN");
    }
  });
});
