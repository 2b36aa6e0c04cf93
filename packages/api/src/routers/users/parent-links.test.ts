import { loadActor } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

let counter = 0;
async function student(org: "a" | "b" = "a") {
  counter += 1;
  return w.scoped(org).user.create({
    data: {
      organizationId: w.orgs[org],
      email: `child${counter}@${org}.test`,
      name: `Child ${String(counter).padStart(3, "0")}`,
      role: "STUDENT",
      passwordHash: "x",
    },
  });
}
async function parent(org: "a" | "b" = "a") {
  counter += 1;
  return w.scoped(org).user.create({
    data: {
      organizationId: w.orgs[org],
      email: `p${counter}@${org}.test`,
      name: "A parent",
      role: "PARENT",
      passwordHash: "x",
    },
  });
}
const admin = async (org: "a" | "b" = "a") => w.caller(await w.actor(org, "ADMIN")).users;

describe("linking parents to children", () => {
  it("an admin links a parent to several children, listed by name", async () => {
    const p = await parent();
    const [one, two] = [await student(), await student()];
    const links = await (await admin()).linkParent({ parentId: p.id, studentIds: [two.id, one.id] });
    expect(links.children.map((c) => c.id)).toEqual([one.id, two.id]);
    expect((await (await admin()).parentLinks({ parentId: p.id })).children.map((c) => c.email)).toEqual([
      one.email,
      two.email,
    ]);
  });

  it("linking a child who is already linked changes nothing", async () => {
    const p = await parent();
    const child = await student();
    await (await admin()).linkParent({ parentId: p.id, studentIds: [child.id] });
    const again = await (await admin()).linkParent({ parentId: p.id, studentIds: [child.id] });
    expect(again.children.map((c) => c.id)).toEqual([child.id]);
  });

  it("the linked parent sees the child in their progress view", async () => {
    const p = await parent();
    const child = await student();
    await (await admin()).linkParent({ parentId: p.id, studentIds: [child.id] });
    const actor = await loadActor(w.t.db, p.id);
    if (!actor) throw new Error("no actor");
    const children = await w.caller(actor).gradebook.children();
    expect(JSON.stringify(children)).toContain(child.id);
  });

  it("an admin unlinks one child and keeps the others", async () => {
    const p = await parent();
    const [one, two] = [await student(), await student()];
    await (await admin()).linkParent({ parentId: p.id, studentIds: [one.id, two.id] });
    const links = await (await admin()).unlinkParent({ parentId: p.id, studentId: one.id });
    expect(links.children.map((c) => c.id)).toEqual([two.id]);
  });

  it("unlinking a child who is not linked is NOT_FOUND", async () => {
    const p = await parent();
    const child = await student();
    expect((await errorOf((await admin()).unlinkParent({ parentId: p.id, studentId: child.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("only students can be linked, and only to a parent account", async () => {
    const p = await parent();
    const child = await student();
    const teacher = w.users.a.TEACHER.id;
    const asChild = await errorOf((await admin()).linkParent({ parentId: p.id, studentIds: [teacher] }));
    expect(asChild.code).toBe("NOT_FOUND");
    const asParent = await errorOf((await admin()).linkParent({ parentId: teacher, studentIds: [child.id] }));
    expect(asParent.code).toBe("BAD_REQUEST");
  });

  it("refuses a student of another organization, linking nobody", async () => {
    const p = await parent();
    const ours = await student();
    const theirs = await student("b");
    const error = await errorOf((await admin()).linkParent({ parentId: p.id, studentIds: [ours.id, theirs.id] }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await (await admin()).parentLinks({ parentId: p.id })).children).toEqual([]);
  });

  it("refuses another organization's parent", async () => {
    const theirs = await parent("b");
    const child = await student();
    expect((await errorOf((await admin()).linkParent({ parentId: theirs.id, studentIds: [child.id] }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await errorOf((await admin()).parentLinks({ parentId: theirs.id }))).code).toBe("NOT_FOUND");
  });

  it("only admins manage links", async () => {
    const p = await parent();
    const child = await student();
    for (const role of ["TEACHER", "STUDENT", "PARENT"] as const) {
      const users = w.caller(await w.actor("a", role)).users;
      expect((await errorOf(users.linkParent({ parentId: p.id, studentIds: [child.id] }))).code).toBe("FORBIDDEN");
    }
  });
});
