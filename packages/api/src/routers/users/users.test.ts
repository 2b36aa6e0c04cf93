import type { DomainError } from "@toolboxai/core";
import { authenticate, loadActor } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, PASSWORD, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const adminA = () => w.actor("a", "ADMIN");

describe("users.list", () => {
  it("lists only the admin's organization, sorted by name", async () => {
    const page = await w.caller(await adminA()).users.list({});
    expect(page.items.map((u) => u.email).sort()).toEqual(
      Object.values(w.users.a)
        .map((u) => u.email)
        .sort(),
    );
    expect(page.total).toBe(4);
    const names = page.items.map((u) => u.name);
    expect(names).toEqual([...names].sort());
  });

  it("searches names and emails case-insensitively", async () => {
    const byName = await w.caller(await adminA()).users.list({ search: "teacher" });
    expect(byName.items.map((u) => u.email)).toEqual(["teacher@a.test"]);
    const byEmail = await w.caller(await adminA()).users.list({ search: "PARENT@A" });
    expect(byEmail.items.map((u) => u.email)).toEqual(["parent@a.test"]);
  });

  it("filters by role and status", async () => {
    const students = await w.caller(await adminA()).users.list({ role: "STUDENT" });
    expect(students.items.map((u) => u.role)).toEqual(["STUDENT"]);
    const deactivated = await w.caller(await adminA()).users.list({ status: "deactivated" });
    expect(deactivated.total).toBe(0);
  });

  it("pages through results with a page count", async () => {
    const caller = w.caller(await adminA());
    const first = await caller.users.list({ pageSize: 3, page: 1 });
    const second = await caller.users.list({ pageSize: 3, page: 2 });
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((u) => u.id)).size).toBe(4);
  });
});

describe("users.create", () => {
  it("creates a user with the given password, who can then sign in", async () => {
    const created = await w.caller(await adminA()).users.create({
      name: "Grace Hopper",
      email: "Grace@A.test",
      role: "TEACHER",
      password: "compilers-1952",
    });
    expect(created.user).toMatchObject({ email: "grace@a.test", role: "TEACHER", active: true });
    expect(created.temporaryPassword).toBeNull();
    const actor = await authenticate({ db: w.t.db }, { email: "grace@a.test", password: "compilers-1952" });
    expect(actor?.orgId).toBe(w.orgs.a);
  });

  it("generates a temporary password when none is given and returns it once", async () => {
    const created = await w.caller(await adminA()).users.create({ name: "Ada", email: "ada@a.test", role: "STUDENT" });
    expect(created.temporaryPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    const actor = await authenticate({ db: w.t.db }, { email: "ada@a.test", password: created.temporaryPassword });
    expect(actor?.role).toBe("STUDENT");
  });

  it("refuses an email already taken in the organization, naming the email field", async () => {
    const error = await errorOf(
      w.caller(await adminA()).users.create({ name: "Dup", email: "student@a.test", role: "STUDENT" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect((error.cause as DomainError).fieldErrors.email).toEqual(["An account with this email already exists."]);
  });

  it("says nothing about other organizations: an email used elsewhere makes a separate account here", async () => {
    const created = await w
      .caller(await adminA())
      .users.create({ name: "Same Address", email: "student@b.test", role: "STUDENT" });
    expect(created.user.email).toBe("student@b.test");
    const other = await w.t.db.user.findFirstOrThrow({ where: { organizationId: w.orgs.b, email: "student@b.test" } });
    expect(other.id).not.toBe(created.user.id);
    expect(other.name).toBe("STUDENT B");
  });

  it("refuses an invalid email before touching the database", async () => {
    const error = await errorOf(w.caller(await adminA()).users.create({ name: "X", email: "nope", role: "STUDENT" }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("writes an audit row with the actor and correlation id", async () => {
    const created = await w
      .caller(await adminA())
      .users.create({ name: "Audit Me", email: "audit@a.test", role: "PARENT" });
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "user.created", targetId: created.user.id },
    });
    expect(row.actorId).toBe(w.users.a.ADMIN.id);
    expect(row.organizationId).toBe(w.orgs.a);
    expect(row.correlationId).toBeTruthy();
  });
});

describe("users.changeRole", () => {
  it("changes the role, takes effect on the user's next request, and audits from/to", async () => {
    const target = w.users.a.PARENT.id;
    const user = await w.caller(await adminA()).users.changeRole({ userId: target, role: "TEACHER" });
    expect(user.role).toBe("TEACHER");
    expect((await loadActor(w.t.db, target))?.role).toBe("TEACHER");
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "user.role_changed", targetId: target } });
    expect(audit.metadata).toEqual({ from: "PARENT", to: "TEACHER", requestId: expect.any(String) });
    await w.caller(await adminA()).users.changeRole({ userId: target, role: "PARENT" });
  });

  it("refuses to change the admin's own role", async () => {
    const error = await errorOf(
      w.caller(await adminA()).users.changeRole({ userId: w.users.a.ADMIN.id, role: "STUDENT" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("cannot reach a user of another organization", async () => {
    const error = await errorOf(
      w.caller(await adminA()).users.changeRole({ userId: w.users.b.STUDENT.id, role: "ADMIN" }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: w.users.b.STUDENT.id } })).role).toBe("STUDENT");
  });
});

describe("users.deactivate and reactivate", () => {
  it("a deactivated user cannot sign in and their open session stops working at once", async () => {
    const student = w.users.a.STUDENT;
    const session = await w.actor("a", "STUDENT");
    await w.caller(await adminA()).users.deactivate({ userId: student.id });
    expect(await authenticate({ db: w.t.db }, { email: student.email, password: PASSWORD })).toBeNull();
    expect(await loadActor(w.t.db, session.userId)).toBeNull();

    const reactivated = await w.caller(await adminA()).users.reactivate({ userId: student.id });
    expect(reactivated.active).toBe(true);
    expect(await authenticate({ db: w.t.db }, { email: student.email, password: PASSWORD })).not.toBeNull();
    const actions = await w.t.db.auditLog.findMany({ where: { targetId: student.id }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["user.deactivated", "user.reactivated"]));
  });

  it("refuses to deactivate the admin's own account", async () => {
    const error = await errorOf(w.caller(await adminA()).users.deactivate({ userId: w.users.a.ADMIN.id }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("cannot deactivate a user of another organization", async () => {
    const error = await errorOf(w.caller(await adminA()).users.deactivate({ userId: w.users.b.TEACHER.id }));
    expect(error.code).toBe("NOT_FOUND");
  });
});
