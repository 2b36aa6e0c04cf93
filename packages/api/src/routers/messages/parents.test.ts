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
async function person(role: Role) {
  counter += 1;
  const u = await w.scoped("a").user.create({
    data: {
      organizationId: w.orgs.a,
      email: `family${counter}@a.test`,
      name: `${role.toLowerCase()} ${counter}`,
      role,
      passwordHash: "x",
    },
  });
  const actor = await loadActor(w.t.db, u.id);
  if (!actor) throw new Error("no actor");
  return { id: u.id, name: u.name, api: w.caller(actor).messages };
}

async function classOf(teacherId: string, studentIds: string[]) {
  counter += 1;
  const db = w.scoped("a");
  const c = await db.class.create({
    data: {
      organizationId: w.orgs.a,
      teacherId,
      name: `Class ${counter}`,
      subject: "Science",
      gradeLevel: "7",
      joinCode: generateJoinCode(),
    },
  });
  for (const studentId of studentIds) {
    await db.enrollment.create({ data: { organizationId: w.orgs.a, classId: c.id, studentId } });
  }
  return c;
}

/** An admin links the parent to the children, as the admin users page does. */
async function link(parentId: string, ...studentIds: string[]) {
  await w.caller(await w.actor("a", "ADMIN")).users.linkParent({ parentId, studentIds });
}

/** A teacher with a class of one student whose parent is linked. */
async function family() {
  const teacher = await person("TEACHER");
  const child = await person("STUDENT");
  const parent = await person("PARENT");
  const cls = await classOf(teacher.id, [child.id]);
  await link(parent.id, child.id);
  return { teacher, child, parent, cls };
}

describe("parents and teachers", () => {
  it("a linked parent sees their child's teacher in the To list", async () => {
    const { teacher, parent, cls } = await family();
    expect(await parent.api.recipients()).toEqual([
      { classId: cls.id, className: cls.name, people: [{ id: teacher.id, name: teacher.name, role: "TEACHER" }] },
    ]);
  });

  it("a parent messages their child's teacher and the teacher replies", async () => {
    const { teacher, parent, cls } = await family();
    const { threadId } = await parent.api.startThread({
      recipientId: teacher.id,
      classId: cls.id,
      subject: "Homework",
      body: "How is the volcano project going?",
    });
    expect((await teacher.api.unreadCount()).count).toBe(1);
    await teacher.api.reply({ threadId, body: "Very well." });
    const thread = await parent.api.thread({ threadId });
    expect(thread.messages.map((m) => [m.authorName, m.body])).toEqual([
      [parent.name, "How is the volcano project going?"],
      [teacher.name, "Very well."],
    ]);
  });

  it("a teacher sees the parents of their students in the To list and can message them", async () => {
    const { teacher, child, parent, cls } = await family();
    const [group] = await teacher.api.recipients();
    expect(group?.people.map((p) => [p.id, p.role])).toEqual([
      [child.id, "STUDENT"],
      [parent.id, "PARENT"],
    ]);
    await teacher.api.startThread({
      recipientId: parent.id,
      classId: cls.id,
      subject: "Trip",
      body: "Form due Friday",
    });
    const [summary] = await parent.api.threads();
    expect(summary).toMatchObject({ subject: "Trip", others: [{ id: teacher.id }], unreadCount: 1 });
  });

  it("a parent of several children sees each child's teachers", async () => {
    const parent = await person("PARENT");
    const [t1, t2] = [await person("TEACHER"), await person("TEACHER")];
    const [c1, c2] = [await person("STUDENT"), await person("STUDENT")];
    await classOf(t1.id, [c1.id]);
    await classOf(t2.id, [c2.id]);
    await link(parent.id, c1.id, c2.id);
    const ids = (await parent.api.recipients()).flatMap((g) => g.people.map((p) => p.id));
    expect(ids.sort()).toEqual([t1.id, t2.id].sort());
  });

  it("a parent not linked to a child cannot message that child's teacher", async () => {
    const { teacher, cls } = await family();
    const stranger = await person("PARENT");
    expect(await stranger.api.recipients()).toEqual([]);
    const error = await errorOf(
      stranger.api.startThread({ recipientId: teacher.id, classId: cls.id, subject: "Hi", body: "Hello" }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect((await teacher.api.threads()).length).toBe(0);
  });

  it("a teacher cannot message a parent whose children are not in their classes", async () => {
    const { teacher, cls } = await family();
    const outsider = await family();
    const error = await errorOf(
      teacher.api.startThread({ recipientId: outsider.parent.id, classId: cls.id, subject: "Hi", body: "Hello" }),
    );
    expect(error.code).toBe("NOT_FOUND");
    const listed = (await teacher.api.recipients()).flatMap((g) => g.people.map((p) => p.id));
    expect(listed).not.toContain(outsider.parent.id);
  });

  it("after unlinking, the parent can no longer message the child's teacher", async () => {
    const { teacher, child, parent, cls } = await family();
    await w.caller(await w.actor("a", "ADMIN")).users.unlinkParent({ parentId: parent.id, studentId: child.id });
    expect(await parent.api.recipients()).toEqual([]);
    const error = await errorOf(
      parent.api.startThread({ recipientId: teacher.id, classId: cls.id, subject: "Hi", body: "Hello" }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});
