import { generateJoinCode, loadActor } from "@toolboxai/core";
import type { Role } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

let counter = 0;
/** A fresh user of org a, so unread counts in one test do not depend on another. */
async function person(role: Role, org: "a" | "b" = "a") {
  counter += 1;
  const u = await w.scoped(org).user.create({
    data: {
      organizationId: w.orgs[org],
      email: `msg${counter}@${org}.test`,
      name: `${role.toLowerCase()} ${counter}`,
      role,
      passwordHash: "x",
    },
  });
  const actor = await loadActor(w.t.db, u.id);
  if (!actor) throw new Error("no actor");
  return { id: u.id, name: u.name, actor, api: w.caller(actor).messages };
}

/** A class taught by `teacherId` with `studentIds` enrolled. */
async function classOf(teacherId: string, studentIds: string[] = [], org: "a" | "b" = "a") {
  counter += 1;
  const db = w.scoped(org);
  const c = await db.class.create({
    data: {
      organizationId: w.orgs[org],
      teacherId,
      name: `Class ${counter}`,
      subject: "Science",
      gradeLevel: "7",
      joinCode: generateJoinCode(),
    },
  });
  for (const studentId of studentIds) await enroll(c.id, studentId, org);
  return c;
}
async function enroll(classId: string, studentId: string, org: "a" | "b" = "a") {
  await w.scoped(org).enrollment.create({ data: { organizationId: w.orgs[org], classId, studentId } });
}

const unread = async (p: { api: { unreadCount: () => Promise<{ count: number }> } }) =>
  (await p.api.unreadCount()).count;

describe("direct messages", () => {
  it("a teacher writes to a student of their class; unread counts go up and down", async () => {
    const teacher = await person("TEACHER");
    const student = await person("STUDENT");
    const c = await classOf(teacher.id, [student.id]);

    const { threadId } = await teacher.api.startThread({
      recipientId: student.id,
      classId: c.id,
      subject: "  Your project  ",
      body: "  Great start on the volcano model.  ",
    });
    expect(await unread(student)).toBe(1);
    expect(await unread(teacher)).toBe(0);

    const [summary] = await student.api.threads();
    expect(summary).toMatchObject({
      id: threadId,
      kind: "DIRECT",
      subject: "Your project",
      classId: c.id,
      className: c.name,
      others: [{ id: teacher.id, name: teacher.name }],
      lastMessage: { body: "Great start on the volcano model.", authorName: teacher.name, mine: false },
      unreadCount: 1,
    });

    await teacher.api.reply({ threadId, body: "Add labels, please." });
    expect(await unread(student)).toBe(2);

    const opened = await student.api.thread({ threadId });
    expect(opened.messages.map((m) => [m.authorName, m.body])).toEqual([
      [teacher.name, "Great start on the volcano model."],
      [teacher.name, "Add labels, please."],
    ]);
    expect(opened.canReply).toBe(true);
    expect(opened.participants.map((p) => p.id).sort()).toEqual([teacher.id, student.id].sort());
    expect(await unread(student)).toBe(0);
    expect((await student.api.threads())[0]?.unreadCount).toBe(0);

    const mine = await student.api.reply({ threadId, body: "Will do!" });
    expect(mine).toMatchObject({ body: "Will do!", authorName: student.name, mine: true });
    expect(await unread(student)).toBe(0);
    expect(await unread(teacher)).toBe(1);
    await teacher.api.thread({ threadId });
    expect(await unread(teacher)).toBe(0);

    expect(
      await w.t.db.activityEvent.count({
        where: { type: "message_sent", metadata: { path: ["threadId"], equals: threadId } },
      }),
    ).toBe(3);
  });

  it("a student writes to the teacher of a class they are enrolled in", async () => {
    const teacher = await person("TEACHER");
    const student = await person("STUDENT");
    const c = await classOf(teacher.id, [student.id]);
    const { threadId } = await student.api.startThread({
      recipientId: teacher.id,
      classId: c.id,
      subject: "Question",
      body: "When is the test?",
    });
    expect(await unread(teacher)).toBe(1);
    expect((await teacher.api.thread({ threadId })).messages[0]).toMatchObject({
      authorId: student.id,
      authorName: student.name,
      mine: false,
    });
  });

  it("a student cannot write to another student, to a teacher of a class they are not in, or without a class", async () => {
    const teacher = await person("TEACHER");
    const otherTeacher = await person("TEACHER");
    const student = await person("STUDENT");
    const classmate = await person("STUDENT");
    const c = await classOf(teacher.id, [student.id, classmate.id]);
    const other = await classOf(otherTeacher.id, [classmate.id]);
    const base = { subject: "Hi", body: "Hello" };
    expect((await errorOf(student.api.startThread({ ...base, recipientId: classmate.id, classId: c.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await errorOf(student.api.startThread({ ...base, recipientId: otherTeacher.id, classId: other.id }))).code,
    ).toBe("NOT_FOUND");
    expect((await errorOf(student.api.startThread({ ...base, recipientId: teacher.id }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(student.api.startThread({ ...base, recipientId: student.id, classId: c.id }))).code).toBe(
      "BAD_REQUEST",
    );
  });

  it("a teacher cannot write to a student outside their class, through another teacher's class, or in an archived class", async () => {
    const teacher = await person("TEACHER");
    const otherTeacher = await person("TEACHER");
    const student = await person("STUDENT");
    const stranger = await person("STUDENT");
    const mine = await classOf(teacher.id, [student.id]);
    const theirs = await classOf(otherTeacher.id, [stranger.id]);
    const base = { subject: "Hi", body: "Hello" };
    expect((await errorOf(teacher.api.startThread({ ...base, recipientId: stranger.id, classId: mine.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await errorOf(teacher.api.startThread({ ...base, recipientId: stranger.id, classId: theirs.id }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await errorOf(teacher.api.startThread({ ...base, recipientId: otherTeacher.id, classId: mine.id }))).code,
    ).toBe("NOT_FOUND");
    await w.scoped("a").class.update({ where: { id: mine.id }, data: { archivedAt: new Date() } });
    expect((await errorOf(teacher.api.startThread({ ...base, recipientId: student.id, classId: mine.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("only participants read or reply: others, admins included, get NOT_FOUND", async () => {
    const teacher = await person("TEACHER");
    const student = await person("STUDENT");
    const classmate = await person("STUDENT");
    const c = await classOf(teacher.id, [student.id, classmate.id]);
    const { threadId } = await teacher.api.startThread({
      recipientId: student.id,
      classId: c.id,
      subject: "Private",
      body: "Just for you",
    });
    const admin = w.caller(await w.actor("a", "ADMIN")).messages;
    for (const api of [classmate.api, admin]) {
      expect((await errorOf(api.thread({ threadId }))).code).toBe("NOT_FOUND");
      expect((await errorOf(api.reply({ threadId, body: "Let me in" }))).code).toBe("NOT_FOUND");
    }
    expect((await classmate.api.threads()).map((t) => t.id)).not.toContain(threadId);
  });

  it("an admin may write to anyone in the organization, parents included", async () => {
    const admin = await person("ADMIN");
    const teacher = await person("TEACHER");
    const { threadId } = await admin.api.startThread({
      recipientId: teacher.id,
      subject: "Staff meeting",
      body: "At 3.",
    });
    expect(await unread(teacher)).toBe(1);
    expect((await teacher.api.thread({ threadId })).classId).toBeNull();
    const parent = await person("PARENT");
    await admin.api.startThread({ recipientId: parent.id, subject: "Hi", body: "Hello" });
    expect(await unread(parent)).toBe(1);
    const groups = await admin.api.recipients();
    const ids = groups.flatMap((g) => g.people.map((p) => p.id));
    expect(ids).toContain(teacher.id);
    expect(ids).toContain(parent.id);
    expect(ids).not.toContain(admin.id);
  });

  it("lists threads newest first", async () => {
    const teacher = await person("TEACHER");
    const student = await person("STUDENT");
    const c = await classOf(teacher.id, [student.id]);
    const first = await teacher.api.startThread({ recipientId: student.id, classId: c.id, subject: "One", body: "1" });
    const second = await teacher.api.startThread({ recipientId: student.id, classId: c.id, subject: "Two", body: "2" });
    expect((await student.api.threads()).map((t) => t.id)).toEqual([second.threadId, first.threadId]);
    await student.api.reply({ threadId: first.threadId, body: "Bump" });
    expect((await student.api.threads()).map((t) => t.id)).toEqual([first.threadId, second.threadId]);
  });

  it("validates subject and body", async () => {
    const teacher = await person("TEACHER");
    const student = await person("STUDENT");
    const c = await classOf(teacher.id, [student.id]);
    const base = { recipientId: student.id, classId: c.id };
    expect((await errorOf(teacher.api.startThread({ ...base, subject: "Hi", body: "   " }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(teacher.api.startThread({ ...base, subject: "Hi", body: "x".repeat(5001) }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await errorOf(teacher.api.startThread({ ...base, subject: "s".repeat(201), body: "x" }))).code).toBe(
      "BAD_REQUEST",
    );
    await teacher.api.startThread({ ...base, subject: "s".repeat(200), body: "x".repeat(5000) });
  });
});

describe("announcements", () => {
  it("the teacher announces to the class; students read but cannot reply; the teacher can follow up", async () => {
    const teacher = await person("TEACHER");
    const s1 = await person("STUDENT");
    const s2 = await person("STUDENT");
    const outsider = await person("STUDENT");
    const c = await classOf(teacher.id, [s1.id, s2.id]);
    const { threadId } = await teacher.api.announce({ classId: c.id, subject: "Field trip", body: "Bring a lunch." });
    expect(await unread(s1)).toBe(1);
    expect(await unread(s2)).toBe(1);
    expect(await unread(teacher)).toBe(0);

    const [summary] = await s1.api.threads();
    expect(summary).toMatchObject({ id: threadId, kind: "ANNOUNCEMENT", className: c.name, unreadCount: 1 });
    expect(summary?.others).toEqual([{ id: teacher.id, name: teacher.name }]);

    const detail = await s1.api.thread({ threadId });
    expect(detail.canReply).toBe(false);
    expect(detail.participants.map((p) => p.id)).toEqual([teacher.id]);
    expect(await unread(s1)).toBe(0);
    expect((await errorOf(s1.api.reply({ threadId, body: "Can I bring two?" }))).code).toBe("FORBIDDEN");

    await teacher.api.reply({ threadId, body: "Also a water bottle." });
    expect(await unread(s1)).toBe(1);
    expect(await unread(s2)).toBe(2);
    expect((await teacher.api.thread({ threadId })).canReply).toBe(true);

    expect((await errorOf(outsider.api.thread({ threadId }))).code).toBe("NOT_FOUND");
  });

  it("a student who joins later sees the class's earlier announcements", async () => {
    const teacher = await person("TEACHER");
    const late = await person("STUDENT");
    const c = await classOf(teacher.id);
    const { threadId } = await teacher.api.announce({ classId: c.id, subject: "Welcome", body: "Hello class" });
    expect(await unread(late)).toBe(0);
    await enroll(c.id, late.id);
    expect(await unread(late)).toBe(1);
    expect((await late.api.thread({ threadId })).messages.map((m) => m.body)).toEqual(["Hello class"]);
    expect(await unread(late)).toBe(0);
  });

  it("students cannot announce; teachers only to their own open classes; admins to any class", async () => {
    const teacher = await person("TEACHER");
    const otherTeacher = await person("TEACHER");
    const student = await person("STUDENT");
    const c = await classOf(teacher.id, [student.id]);
    const post = { classId: c.id, subject: "News", body: "Hello" };
    expect((await errorOf(student.api.announce(post))).code).toBe("FORBIDDEN");
    expect((await errorOf(otherTeacher.api.announce(post))).code).toBe("NOT_FOUND");

    const admin = await person("ADMIN");
    const { threadId } = await admin.api.announce(post);
    expect(await unread(teacher)).toBe(1);
    expect(await unread(student)).toBe(1);
    expect((await teacher.api.thread({ threadId })).participants.map((p) => p.id).sort()).toEqual(
      [admin.id, teacher.id].sort(),
    );

    await w.scoped("a").class.update({ where: { id: c.id }, data: { archivedAt: new Date() } });
    expect((await errorOf(teacher.api.announce(post))).code).toBe("BAD_REQUEST");
  });
});

describe("recipients", () => {
  it("a teacher sees the active students of their open classes, each once; a student sees their teachers", async () => {
    const teacher = await person("TEACHER");
    const s1 = await person("STUDENT");
    const s2 = await person("STUDENT");
    const gone = await person("STUDENT");
    const c1 = await classOf(teacher.id, [s1.id, gone.id]);
    const c2 = await classOf(teacher.id, [s1.id, s2.id]);
    await classOf(teacher.id); // empty: left out
    await w.scoped("a").user.update({ where: { id: gone.id }, data: { active: false } });
    const groups = await teacher.api.recipients();
    const byClass = new Map(groups.map((g) => [g.classId, g.people.map((p) => p.id).sort()]));
    expect(byClass).toEqual(
      new Map([
        [c1.id, [s1.id]],
        // s1 is in both classes and is listed once, under the first.
        [c2.id, [s2.id]],
      ]),
    );
    expect(await s2.api.recipients()).toEqual([
      { classId: c2.id, className: c2.name, people: [{ id: teacher.id, name: teacher.name, role: "TEACHER" }] },
    ]);
  });

  it("a student who shares two classes with a teacher sees that teacher once in the To list", async () => {
    const teacher = await person("TEACHER");
    const student = await person("STUDENT");
    const first = await classOf(teacher.id, [student.id]);
    await classOf(teacher.id, [student.id]);
    expect(await student.api.recipients()).toEqual([
      { classId: first.id, className: first.name, people: [{ id: teacher.id, name: teacher.name, role: "TEACHER" }] },
    ]);
  });
});

describe("boundaries", () => {
  it("refuses another organization's people, classes and threads", async () => {
    const teacher = await person("TEACHER");
    const student = await person("STUDENT");
    const c = await classOf(teacher.id, [student.id]);
    const { threadId } = await teacher.api.startThread({
      recipientId: student.id,
      classId: c.id,
      subject: "Ours",
      body: "Inside org a",
    });
    const foreignAdmin = w.caller(await w.actor("b", "ADMIN")).messages;
    const foreignTeacher = w.caller(await w.actor("b", "TEACHER")).messages;
    expect((await errorOf(foreignAdmin.thread({ threadId }))).code).toBe("NOT_FOUND");
    expect((await errorOf(foreignAdmin.reply({ threadId, body: "Hi" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(foreignAdmin.startThread({ recipientId: student.id, subject: "Hi", body: "Hi" }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await errorOf(foreignTeacher.startThread({ recipientId: student.id, classId: c.id, subject: "Hi", body: "Hi" })))
        .code,
    ).toBe("NOT_FOUND");
    expect((await errorOf(foreignAdmin.announce({ classId: c.id, subject: "Hi", body: "Hi" }))).code).toBe("NOT_FOUND");
    expect((await foreignAdmin.threads()).map((t) => t.id)).not.toContain(threadId);
    const seen = JSON.stringify(await foreignAdmin.recipients());
    expect(seen).not.toContain(student.id);
    expect(seen).not.toContain(teacher.id);
  });

  it("a parent cannot post announcements", async () => {
    const parent = w.caller(await w.actor("a", "PARENT")).messages;
    const c = await classOf(w.users.a.TEACHER.id);
    expect((await errorOf(parent.announce({ classId: c.id, subject: "Hi", body: "Hi" }))).code).toBe("FORBIDDEN");
  });
});
