// The bulk actions and temporary passwords through the router: only admins, only their own
// organization's people, answers per person.
import { authenticate } from "@toolboxai/core";
import type { Role } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

let counter = 0;
async function person(org: "a" | "b" = "a", role: Role = "STUDENT") {
  counter += 1;
  return w.scoped(org).user.create({
    data: {
      organizationId: w.orgs[org],
      email: `bulk${counter}@${org}.test`,
      name: `Bulk Person ${String(counter).padStart(3, "0")}`,
      role,
      passwordHash: "x",
    },
  });
}
const users = async (org: "a" | "b" = "a", role: Role = "ADMIN") => w.caller(await w.actor(org, role)).users;

describe("users.bulkDeactivate", () => {
  it("deactivates the selected people and says so for each", async () => {
    const [one, two] = [await person(), await person()];
    const outcome = await (await users()).bulkDeactivate({ userIds: [one.id, two.id] });
    expect(outcome.results).toEqual([
      { userId: one.id, name: one.name, ok: true },
      { userId: two.id, name: two.name, ok: true },
    ]);
    const listed = await (await users()).list({ status: "deactivated" });
    expect(listed.items.map((u) => u.id).sort()).toEqual([one.id, two.id].sort());
  });

  it("answers a refusal per person: the admin's own account stays active", async () => {
    const other = await person();
    const self = await w.actor("a", "ADMIN");
    const outcome = await (await users()).bulkDeactivate({ userIds: [self.userId, other.id] });
    expect(outcome).toMatchObject({ succeeded: 1, failed: 1 });
    expect(outcome.results[0]).toMatchObject({ userId: self.userId, ok: false });
  });

  it("refuses people of another organization with NOT_FOUND and changes no one", async () => {
    const ours = await person("a");
    const theirs = await person("b");
    const error = await errorOf((await users("a")).bulkDeactivate({ userIds: [ours.id, theirs.id] }));
    expect(error.code).toBe("NOT_FOUND");
    const rows = await w.t.db.user.findMany({ where: { id: { in: [ours.id, theirs.id] } } });
    expect(rows.every((r) => r.active)).toBe(true);
  });

  it("refuses more than 500 people at once", async () => {
    const userIds = Array.from({ length: 501 }, (_, i) => `id-${i}`);
    expect((await errorOf((await users()).bulkDeactivate({ userIds }))).code).toBe("BAD_REQUEST");
  });

  it.each(["TEACHER", "STUDENT", "PARENT"] as const)("is refused to a %s", async (role) => {
    const target = await person();
    expect((await errorOf((await users("a", role)).bulkDeactivate({ userIds: [target.id] }))).code).toBe("FORBIDDEN");
  });
});

describe("users.bulkChangeRole", () => {
  it("changes the role of every selected person", async () => {
    const [one, two] = [await person(), await person()];
    const outcome = await (await users()).bulkChangeRole({ userIds: [one.id, two.id], role: "PARENT" });
    expect(outcome.succeeded).toBe(2);
    const parents = await (await users()).list({ role: "PARENT", search: "Bulk Person" });
    expect(parents.items.map((u) => u.id)).toEqual(expect.arrayContaining([one.id, two.id]));
  });

  it("refuses people of another organization with NOT_FOUND", async () => {
    const theirs = await person("b");
    expect((await errorOf((await users("a")).bulkChangeRole({ userIds: [theirs.id], role: "ADMIN" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: theirs.id } })).role).toBe("STUDENT");
  });

  it("is refused to a teacher", async () => {
    const target = await person();
    expect(
      (await errorOf((await users("a", "TEACHER")).bulkChangeRole({ userIds: [target.id], role: "ADMIN" }))).code,
    ).toBe("FORBIDDEN");
  });
});

describe("users.bulkLinkParent", () => {
  it("links the selected students to the parent", async () => {
    const parent = await person("a", "PARENT");
    const [one, two] = [await person(), await person()];
    const outcome = await (await users()).bulkLinkParent({ parentId: parent.id, studentIds: [one.id, two.id] });
    expect(outcome.failed).toBe(0);
    const links = await (await users()).parentLinks({ parentId: parent.id });
    expect(links.children.map((c) => c.id)).toEqual([one.id, two.id]);
  });

  it("refuses students of another organization with NOT_FOUND", async () => {
    const parent = await person("a", "PARENT");
    const theirs = await person("b");
    expect(
      (await errorOf((await users("a")).bulkLinkParent({ parentId: parent.id, studentIds: [theirs.id] }))).code,
    ).toBe("NOT_FOUND");
  });

  it("refuses another organization's parent with NOT_FOUND", async () => {
    const student = await person("a");
    expect(
      (await errorOf((await users("a")).bulkLinkParent({ parentId: w.users.b.PARENT.id, studentIds: [student.id] })))
        .code,
    ).toBe("NOT_FOUND");
  });

  it("is refused to a parent", async () => {
    const student = await person();
    const parentId = w.users.a.PARENT.id;
    expect(
      (await errorOf((await users("a", "PARENT")).bulkLinkParent({ parentId, studentIds: [student.id] }))).code,
    ).toBe("FORBIDDEN");
  });
});

describe("users.setTemporaryPassword", () => {
  it("returns a generated password once, which signs the person in", async () => {
    const target = await person();
    const result = await (await users()).setTemporaryPassword({ userId: target.id });
    expect(result).toMatchObject({ userId: target.id, name: target.name });
    const actor = await authenticate({ db: w.t.db }, { email: target.email, password: result.temporaryPassword });
    expect(actor?.userId).toBe(target.id);
  });

  it("takes a typed password, checked like any new password", async () => {
    const target = await person();
    const weak = await errorOf((await users()).setTemporaryPassword({ userId: target.id, password: "short" }));
    expect(weak.code).toBe("BAD_REQUEST");
    const result = await (await users()).setTemporaryPassword({ userId: target.id, password: "handed-over-9" });
    expect(result.temporaryPassword).toBeNull();
  });

  it("does not reach a person of another organization", async () => {
    const theirs = await person("b");
    expect((await errorOf((await users("a")).setTemporaryPassword({ userId: theirs.id }))).code).toBe("NOT_FOUND");
  });

  it("is refused for another admin", async () => {
    const otherAdmin = await person("a", "ADMIN");
    expect((await errorOf((await users()).setTemporaryPassword({ userId: otherAdmin.id }))).code).toBe(
      "PRECONDITION_FAILED",
    );
  });

  it.each(["TEACHER", "STUDENT", "PARENT"] as const)("is refused to a %s", async (role) => {
    const target = await person();
    expect((await errorOf((await users("a", role)).setTemporaryPassword({ userId: target.id }))).code).toBe(
      "FORBIDDEN",
    );
  });
});
