// A school always keeps an active admin: demoting, deactivating and deleting admins are guarded,
// also when two admins act on each other at the same moment. And what deleting a person stops.

import { hashPassword } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, loadActor } from "../actor";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { changeUserRole, deleteUser, setUserActive } from "./users";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(async () => {
  await w.t.close();
});

const LAST_ADMIN = (name: string) => `${name} is the last admin of your school. Make someone else an admin first.`;

let schools = 0;
/** A school with exactly two admins, as actors. */
async function schoolWithTwoAdmins(): Promise<[Actor, Actor]> {
  schools += 1;
  const org = await w.t.db.organization.create({
    data: { name: `Two Admins ${schools}`, slug: `two-admins-${schools}` },
  });
  const passwordHash = await hashPassword("two-admins-pass-1");
  const actors: Actor[] = [];
  for (const n of [1, 2]) {
    const u = await w.t.db.user.create({
      data: {
        organizationId: org.id,
        email: `admin${n}@two-${schools}.test`,
        name: `Admin ${n}`,
        role: "ADMIN",
        passwordHash,
      },
    });
    actors.push((await loadActor(w.t.db, u.id)) as Actor);
  }
  return actors as [Actor, Actor];
}

async function activeAdmins(orgId: string) {
  return w.t.db.user.count({ where: { organizationId: orgId, role: "ADMIN", active: true, deletedAt: null } });
}

/** Both calls at once: how many succeeded, and the refusals' messages. */
async function race(calls: Promise<unknown>[]) {
  const results = await Promise.allSettled(calls);
  return {
    succeeded: results.filter((r) => r.status === "fulfilled").length,
    refusals: results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : [])),
  };
}

describe("the last admin", () => {
  it("survives two admins deleting each other at the same moment: one deletion is refused", async () => {
    const [one, two] = await schoolWithTwoAdmins();
    const outcome = await race([
      deleteUser(w.svc(one), { userId: two.userId }),
      deleteUser(w.svc(two), { userId: one.userId }),
    ]);
    expect(outcome.succeeded).toBe(1);
    expect(outcome.refusals).toHaveLength(1);
    expect(await activeAdmins(one.orgId)).toBe(1);
  });

  it("survives two admins deactivating each other at the same moment", async () => {
    const [one, two] = await schoolWithTwoAdmins();
    const outcome = await race([
      setUserActive(w.svc(one), { userId: two.userId, active: false }),
      setUserActive(w.svc(two), { userId: one.userId, active: false }),
    ]);
    expect(outcome.succeeded).toBe(1);
    expect(await activeAdmins(one.orgId)).toBe(1);
  });

  it("survives two admins demoting each other at the same moment", async () => {
    const [one, two] = await schoolWithTwoAdmins();
    const outcome = await race([
      changeUserRole(w.svc(one), { userId: two.userId, role: "TEACHER" }),
      changeUserRole(w.svc(two), { userId: one.userId, role: "TEACHER" }),
    ]);
    expect(outcome.succeeded).toBe(1);
    expect(await activeAdmins(one.orgId)).toBe(1);
  });

  it("can't be deactivated, saying what to do first", async () => {
    const [one, two] = await schoolWithTwoAdmins();
    // `two` acts with a session from before it was made a teacher: `one` is the last admin.
    await w.t.db.user.update({ where: { id: two.userId }, data: { role: "TEACHER" } });
    const error = await domainErrorOf(setUserActive(w.svc(two), { userId: one.userId, active: false }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(LAST_ADMIN("Admin 1"));
    expect(await activeAdmins(one.orgId)).toBe(1);
  });

  it("can't be made a teacher, saying what to do first", async () => {
    const [one, two] = await schoolWithTwoAdmins();
    await w.t.db.user.update({ where: { id: two.userId }, data: { active: false } });
    const error = await domainErrorOf(changeUserRole(w.svc(two), { userId: one.userId, role: "TEACHER" }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(LAST_ADMIN("Admin 1"));
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: one.userId } })).role).toBe("ADMIN");
  });

  it("may be demoted or deactivated while another admin stays active", async () => {
    const [one, two] = await schoolWithTwoAdmins();
    await changeUserRole(w.svc(one), { userId: two.userId, role: "TEACHER" });
    await setUserActive(w.svc(one), { userId: two.userId, active: false });
    expect(await w.t.db.user.findUniqueOrThrow({ where: { id: two.userId } })).toMatchObject({
      role: "TEACHER",
      active: false,
    });
  });
});

describe("deleting a teacher", () => {
  async function task(teacher: Actor, status: "QUEUED" | "RETRYING" | "PROCESSING" | "COMPLETED") {
    return w.t.db.agentTask.create({
      data: {
        organizationId: teacher.orgId,
        createdById: teacher.userId,
        request: {},
        provider: "offline",
        model: "test",
        status,
        ...(status === "PROCESSING" ? { currentStep: "author", startedAt: new Date() } : {}),
      },
    });
  }

  it("cancels their waiting generations and asks their running one to stop; finished ones stay", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    const queued = await task(teacher, "QUEUED");
    const retrying = await task(teacher, "RETRYING");
    const running = await task(teacher, "PROCESSING");
    const done = await task(teacher, "COMPLETED");
    await deleteUser(w.svc(await w.actor("a", "ADMIN")), { userId: teacher.userId });
    const rows = await w.t.db.agentTask.findMany({ where: { createdById: teacher.userId } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(queued.id)).toMatchObject({ status: "CANCELLED", cancelRequested: true });
    expect(byId.get(retrying.id)).toMatchObject({ status: "CANCELLED", cancelRequested: true });
    expect(byId.get(running.id)).toMatchObject({ status: "PROCESSING", cancelRequested: true });
    expect(byId.get(done.id)).toMatchObject({ status: "COMPLETED", cancelRequested: false });
  });

  it("changes nothing when refused", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    const queued = await task(teacher, "QUEUED");
    await w.t.db.class.create({
      data: {
        organizationId: teacher.orgId,
        teacherId: teacher.userId,
        name: "Still Taught",
        subject: "Science",
        gradeLevel: "7",
        joinCode: `JC${Date.now()}`,
      },
    });
    const error = await domainErrorOf(deleteUser(w.svc(await w.actor("a", "ADMIN")), { userId: teacher.userId }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(await w.t.db.agentTask.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "QUEUED" });
    expect(await w.t.db.user.findUniqueOrThrow({ where: { id: teacher.userId } })).toMatchObject({ deletedAt: null });
  });
});
