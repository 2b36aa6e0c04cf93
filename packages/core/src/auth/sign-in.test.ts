import { hashPassword } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { createDomainWorld, type DomainWorld, PASSWORD } from "../testing";
import { authenticate } from "./sign-in";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

describe("sign-in", () => {
  it("signs in with email and password, any letter case, and returns the actor", async () => {
    const actor = await authenticate({ db: w.t.db }, { email: "Teacher@A.test", password: PASSWORD });
    expect(actor).toMatchObject({ userId: w.users.a.TEACHER.id, role: "TEACHER", orgId: w.orgs.a });
  });

  it("writes an audit row, an activity event and the last sign-in time", async () => {
    await authenticate({ db: w.t.db, correlationId: "req-123" }, { email: "student@b.test", password: PASSWORD });
    const id = w.users.b.STUDENT.id;
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "auth.sign_in", targetId: id } });
    expect(audit).toMatchObject({ organizationId: w.orgs.b, actorId: id, correlationId: "req-123" });
    expect(await w.t.db.activityEvent.count({ where: { type: "sign_in", userId: id } })).toBe(1);
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id } })).lastSignInAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong password and records the failed attempt", async () => {
    expect(await authenticate({ db: w.t.db }, { email: "admin@a.test", password: "wrong" })).toBeNull();
    const failed = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "auth.sign_in_failed" } });
    expect(failed.metadata).toEqual({ reason: "wrong_password" });
  });

  it("refuses an unknown email", async () => {
    expect(await authenticate({ db: w.t.db }, { email: "nobody@a.test", password: PASSWORD })).toBeNull();
  });

  it("refuses malformed credentials without throwing", async () => {
    expect(await authenticate({ db: w.t.db }, { email: "x" })).toBeNull();
    expect(await authenticate({ db: w.t.db }, undefined)).toBeNull();
  });

  it("refuses a deactivated user even with the right password", async () => {
    await w.t.db.user.update({ where: { id: w.users.b.TEACHER.id }, data: { active: false } });
    expect(await authenticate({ db: w.t.db }, { email: "teacher@b.test", password: PASSWORD })).toBeNull();
  });

  it("refuses a deleted user and drops their session", async () => {
    await w.t.db.user.update({ where: { id: w.users.b.ADMIN.id }, data: { deletedAt: new Date() } });
    expect(await authenticate({ db: w.t.db }, { email: "admin@b.test", password: PASSWORD })).toBeNull();
    expect(await loadActor(w.t.db, w.users.b.ADMIN.id)).toBeNull();
  });

  it("signs an address used in two schools in to the account whose password matches", async () => {
    const other = await w.t.db.user.create({
      data: {
        organizationId: w.orgs.b,
        email: "parent@a.test",
        name: "Same address, other school",
        role: "TEACHER",
        passwordHash: await hashPassword("a-different-password"),
      },
    });
    const here = await authenticate({ db: w.t.db }, { email: "parent@a.test", password: PASSWORD });
    expect(here).toMatchObject({ userId: w.users.a.PARENT.id, orgId: w.orgs.a });
    const there = await authenticate({ db: w.t.db }, { email: "parent@a.test", password: "a-different-password" });
    expect(there).toMatchObject({ userId: other.id, orgId: w.orgs.b });
  });
});
