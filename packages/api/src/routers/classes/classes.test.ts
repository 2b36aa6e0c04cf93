import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const teacherA = () => w.actor("a", "TEACHER");
const newClass = async (name = "Biology 7") =>
  w.caller(await teacherA()).classes.create({ name, subject: "Science", gradeLevel: "7" });

describe("classes for teachers", () => {
  it("creates a class with a six-character join code and lists it for its teacher", async () => {
    const c = await newClass("Ecosystems");
    expect(c.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(c).toMatchObject({ name: "Ecosystems", studentCount: 0, archived: false });
    const list = await w.caller(await teacherA()).classes.list({});
    expect(list.map((x) => x.id)).toContain(c.id);
  });

  it("edits a class", async () => {
    const c = await newClass();
    const updated = await w.caller(await teacherA()).classes.update({
      classId: c.id,
      name: "Biology 8",
      subject: "Biology",
      gradeLevel: "8",
    });
    expect(updated).toMatchObject({ name: "Biology 8", subject: "Biology", gradeLevel: "8" });
  });

  it("archives a class: hidden from the default list, shown with includeArchived, and restorable", async () => {
    const caller = w.caller(await teacherA());
    const c = await newClass("To archive");
    await caller.classes.archive({ classId: c.id });
    expect((await caller.classes.list({})).map((x) => x.id)).not.toContain(c.id);
    expect((await caller.classes.list({ includeArchived: true })).find((x) => x.id === c.id)?.archived).toBe(true);
    expect((await caller.classes.unarchive({ classId: c.id })).archived).toBe(false);
  });

  it("regenerates the join code; the old one stops working", async () => {
    const c = await newClass();
    const fresh = await w.caller(await teacherA()).classes.regenerateCode({ classId: c.id });
    expect(fresh.joinCode).not.toBe(c.joinCode);
    const error = await errorOf(w.caller(await w.actor("a", "STUDENT")).classes.join({ code: c.joinCode ?? "" }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("another teacher of the organization cannot see or change the class", async () => {
    const c = await newClass();
    const other = await w.scoped("a").user.create({
      data: {
        organizationId: w.orgs.a,
        email: "other.teacher@a.test",
        name: "Other",
        role: "TEACHER",
        passwordHash: "x",
      },
    });
    const caller = w.caller({
      userId: other.id,
      orgId: w.orgs.a,
      role: "TEACHER",
      name: "Other",
      email: other.email,
      scopes: [],
    });
    expect((await errorOf(caller.classes.get({ classId: c.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(caller.classes.archive({ classId: c.id }))).code).toBe("NOT_FOUND");
  });

  it("an admin sees every class of the organization and an admin's change to it is audited", async () => {
    const c = await newClass("Admin visible");
    const admin = w.caller(await w.actor("a", "ADMIN"));
    expect((await admin.classes.list({})).map((x) => x.id)).toContain(c.id);
    await admin.classes.archive({ classId: c.id });
    expect(await w.t.db.auditLog.count({ where: { action: "class.archived", targetId: c.id } })).toBe(1);
  });
});

describe("rosters", () => {
  it("a student joins with the code in any case and with spaces, once", async () => {
    const c = await newClass("Join me");
    const student = w.caller(await w.actor("a", "STUDENT"));
    const code = (c.joinCode ?? "").toLowerCase();
    const joined = await student.classes.join({ code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(joined.id).toBe(c.id);
    expect(joined.joinCode).toBeNull();
    await student.classes.join({ code: c.joinCode ?? "" });
    const detail = await w.caller(await teacherA()).classes.get({ classId: c.id });
    expect(detail.roster?.map((s) => s.id)).toEqual([w.users.a.STUDENT.id]);
    expect(await w.t.db.activityEvent.count({ where: { type: "class_joined", userId: w.users.a.STUDENT.id } })).toBe(2);
  });

  it("a first join says the student was not in the class yet", async () => {
    const c = await newClass("First join");
    const joined = await w.caller(await w.actor("a", "STUDENT")).classes.join({ code: c.joinCode ?? "" });
    expect(joined).toMatchObject({ id: c.id, name: "First join", alreadyEnrolled: false });
  });

  it("a rejoin tells the student they are already in the class and keeps one enrollment", async () => {
    const c = await newClass("Rejoin");
    const student = w.caller(await w.actor("a", "STUDENT"));
    await student.classes.join({ code: c.joinCode ?? "" });
    const again = await student.classes.join({ code: c.joinCode ?? "" });
    expect(again).toMatchObject({ id: c.id, name: "Rejoin", alreadyEnrolled: true });
    expect((await w.caller(await teacherA()).classes.get({ classId: c.id })).studentCount).toBe(1);
  });

  it("a student sees their classes without the roster or the code", async () => {
    const c = await newClass("Seen by student");
    const student = w.caller(await w.actor("a", "STUDENT"));
    await student.classes.join({ code: c.joinCode ?? "" });
    const view = await student.classes.get({ classId: c.id });
    expect(view.roster).toBeNull();
    expect(view.joinCode).toBeNull();
    expect((await student.classes.list({})).map((x) => x.id)).toContain(c.id);
  });

  it("a student cannot join an archived class or another organization's class", async () => {
    const archived = await newClass("Closed");
    await w.caller(await teacherA()).classes.archive({ classId: archived.id });
    const student = w.caller(await w.actor("a", "STUDENT"));
    expect((await errorOf(student.classes.join({ code: archived.joinCode ?? "" }))).code).toBe("NOT_FOUND");
    const foreign = await w.caller(await w.actor("b", "TEACHER")).classes.create({
      name: "Elsewhere",
      subject: "Math",
      gradeLevel: "6",
    });
    expect((await errorOf(student.classes.join({ code: foreign.joinCode ?? "" }))).code).toBe("NOT_FOUND");
  });

  it("rejects a malformed code with a field message", async () => {
    const error = await errorOf(w.caller(await w.actor("a", "STUDENT")).classes.join({ code: "abc" }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("the teacher adds and removes a student, both audited", async () => {
    const c = await newClass("Roster");
    const teacher = w.caller(await teacherA());
    const studentId = w.users.a.STUDENT.id;
    expect((await teacher.classes.availableStudents({ classId: c.id })).map((s) => s.id)).toContain(studentId);
    const added = await teacher.classes.addStudent({ classId: c.id, studentId });
    expect(added.roster?.map((s) => s.id)).toEqual([studentId]);
    expect((await teacher.classes.availableStudents({ classId: c.id })).map((s) => s.id)).not.toContain(studentId);
    const removed = await teacher.classes.removeStudent({ classId: c.id, studentId });
    expect(removed.roster).toEqual([]);
    const actions = await w.t.db.auditLog.findMany({
      where: { targetId: studentId, action: { startsWith: "class." } },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(["class.student_added", "class.student_removed"]);
  });

  it("refuses to add a non-student or a student of another organization", async () => {
    const c = await newClass();
    const teacher = w.caller(await teacherA());
    expect((await errorOf(teacher.classes.addStudent({ classId: c.id, studentId: w.users.a.PARENT.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await errorOf(teacher.classes.addStudent({ classId: c.id, studentId: w.users.b.STUDENT.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("removing a student who is not in the class is NOT_FOUND", async () => {
    const c = await newClass();
    const error = await errorOf(
      w.caller(await teacherA()).classes.removeStudent({ classId: c.id, studentId: w.users.a.STUDENT.id }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});
