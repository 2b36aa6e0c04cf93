import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reply, startThread } from "../messages/messages";
import { createDomainWorld, type DomainWorld } from "../testing";
import {
  ageOn,
  assertConsent,
  grantConsent,
  listConsents,
  myChildrenConsent,
  myConsent,
  revokeConsent,
  setBirthDate,
} from "./consent";

let w: DomainWorld;
let classId: string;
const yearsAgo = (n: number) => `${new Date().getUTCFullYear() - n}-01-01`;
const STUDENT_MESSAGE =
  "Messaging needs a parent's or guardian's consent because you are under 13. Ask your parent to give it in their ToolboxAI account.";

const admin = async () => w.svc(await w.actor("a", "ADMIN"));
const parent = async () => w.svc(await w.actor("a", "PARENT"));
const studentId = () => w.users.a.STUDENT.id;

beforeAll(async () => {
  w = await createDomainWorld();
  const { users, orgs } = w;
  const cls = await w.t.db.class.create({
    data: {
      organizationId: orgs.a,
      teacherId: users.a.TEACHER.id,
      name: "Maths",
      subject: "Maths",
      gradeLevel: "6",
      joinCode: "CONSENT1",
    },
  });
  classId = cls.id;
  await w.t.db.enrollment.create({ data: { organizationId: orgs.a, classId, studentId: users.a.STUDENT.id } });
  await w.t.db.parentStudentLink.create({
    data: { organizationId: orgs.a, parentId: users.a.PARENT.id, studentId: users.a.STUDENT.id },
  });
});
afterAll(() => w?.t.close());

/** Every test starts from a 10-year-old with no consent on record. */
beforeEach(async () => {
  await w.t.db.parentalConsent.deleteMany({ where: { studentId: studentId() } });
  await setBirthDate(await admin(), { userId: studentId(), birthDate: yearsAgo(10) });
});

async function studentMessages() {
  const student = w.svc(await w.actor("a", "STUDENT"));
  return startThread(student, { recipientId: w.users.a.TEACHER.id, classId, subject: "Hi", body: "Hello" });
}
async function teacherMessages() {
  const teacher = w.svc(await w.actor("a", "TEACHER"));
  return startThread(teacher, { recipientId: studentId(), classId, subject: "Hi", body: "Hello" });
}

describe("the consent gate on messaging", () => {
  it("an under-13 student without consent cannot message, and is told why", async () => {
    await expect(studentMessages()).rejects.toMatchObject({ code: "FORBIDDEN", message: STUDENT_MESSAGE });
  });

  it("a teacher cannot start a conversation with an under-13 student without consent", async () => {
    await expect(teacherMessages()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message:
        "STUDENT A cannot receive messages yet: they are under 13 and a parent or guardian has not given consent.",
    });
  });

  it("after the linked parent grants consent the student and the teacher can message", async () => {
    expect(await grantConsent(await parent(), { studentId: studentId() })).toEqual({
      studentId: studentId(),
      state: "granted",
    });
    await expect(studentMessages()).resolves.toHaveProperty("threadId");
    await expect(teacherMessages()).resolves.toHaveProperty("threadId");
  });

  it("withdrawing consent closes replies in an existing conversation, both ways", async () => {
    await grantConsent(await parent(), { studentId: studentId() });
    const { threadId } = await teacherMessages();
    expect(await revokeConsent(await parent(), { studentId: studentId() })).toMatchObject({ state: "revoked" });
    const student = w.svc(await w.actor("a", "STUDENT"));
    const teacher = w.svc(await w.actor("a", "TEACHER"));
    await expect(reply(student, { threadId, body: "Thanks" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reply(teacher, { threadId, body: "See you" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a student aged 13 or over, or with no birth date recorded, needs no consent", async () => {
    await setBirthDate(await admin(), { userId: studentId(), birthDate: yearsAgo(14) });
    await expect(studentMessages()).resolves.toHaveProperty("threadId");
    await setBirthDate(await admin(), { userId: studentId(), birthDate: null });
    await expect(studentMessages()).resolves.toHaveProperty("threadId");
  });

  it("AI features are refused with their own message", async () => {
    const student = w.svc(await w.actor("a", "STUDENT"));
    await expect(assertConsent(student, studentId(), "ai")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/^AI features need a parent's or guardian's consent/),
    });
  });
});

describe("giving and withdrawing consent", () => {
  it("only a linked parent can grant consent", async () => {
    const other = w.svc(await w.newActor("a", "PARENT", "Other Parent"));
    await expect(grantConsent(other, { studentId: studentId() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const teacher = w.svc(await w.actor("a", "TEACHER"));
    await expect(grantConsent(teacher, { studentId: studentId() })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("granting twice keeps one standing consent, and both changes are audited", async () => {
    await grantConsent(await parent(), { studentId: studentId() });
    await grantConsent(await parent(), { studentId: studentId() });
    expect(await w.t.db.parentalConsent.count({ where: { studentId: studentId(), revokedAt: null } })).toBe(1);
    await revokeConsent(await parent(), { studentId: studentId() });
    const actions = await w.t.db.auditLog.findMany({
      where: { targetId: studentId(), action: { startsWith: "consent." } },
      select: { action: true, actorId: true },
    });
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["consent.granted", "consent.revoked"]));
    expect(actions.every((a) => a.actorId === w.users.a.PARENT.id)).toBe(true);
  });

  it("the consent row keeps the statement the parent agreed to", async () => {
    await grantConsent(await parent(), { studentId: studentId() });
    const [child] = await myChildrenConsent(await parent());
    const row = await w.t.db.parentalConsent.findFirstOrThrow({ where: { studentId: studentId() } });
    expect(row.statement).toBe(child?.statement);
    expect(child).toMatchObject({ studentId: studentId(), age: 10, state: "granted" });
  });

  it("the student sees their own state and the sentence to show", async () => {
    const student = w.svc(await w.actor("a", "STUDENT"));
    expect(await myConsent(student)).toMatchObject({ state: "required", message: expect.stringContaining("under 13") });
    await grantConsent(await parent(), { studentId: studentId() });
    expect(await myConsent(student)).toMatchObject({ state: "granted", message: null });
  });
});

describe("the admin's view", () => {
  it("lists each student's age, state and who consented, and filters those who need consent", async () => {
    let rows = await listConsents(await admin(), { filter: "needs_consent" });
    expect(rows.map((r) => r.studentId)).toContain(studentId());
    await grantConsent(await parent(), { studentId: studentId() });
    rows = await listConsents(await admin());
    expect(rows.find((r) => r.studentId === studentId())).toMatchObject({
      age: 10,
      birthDate: yearsAgo(10),
      state: "granted",
      consentedBy: { id: w.users.a.PARENT.id },
    });
    expect((await listConsents(await admin(), { filter: "needs_consent" })).map((r) => r.studentId)).not.toContain(
      studentId(),
    );
  });

  it("birth dates are for students only", async () => {
    await expect(
      setBirthDate(await admin(), { userId: w.users.a.TEACHER.id, birthDate: yearsAgo(30) }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });

  it("another organization's admin cannot set this organization's student's birth date", async () => {
    const other = w.svc(await w.actor("b", "ADMIN"));
    await expect(setBirthDate(other, { userId: studentId(), birthDate: null })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listConsents(other)).map((r) => r.studentId)).not.toContain(studentId());
  });
});

describe("ageOn", () => {
  it("counts whole years, turning a year older on the birthday", () => {
    const birth = new Date("2016-03-10T00:00:00Z");
    expect(ageOn(birth, new Date("2029-03-09T12:00:00Z"))).toBe(12);
    expect(ageOn(birth, new Date("2029-03-10T00:00:00Z"))).toBe(13);
  });
});
