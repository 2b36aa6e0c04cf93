// Bulk actions on selected people: each person is changed by the one-person rules and audited, a
// refusal is reported next to that person without stopping the others, and a selection holding
// anyone outside the admin's organization changes nothing.
import { BULK_USERS_MAX, bulkDeactivateSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, loadActor } from "../actor";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { bulkChangeRole, bulkDeactivate, bulkLinkParent } from "./bulk";

let w: DomainWorld;
let admin: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  admin = await w.actor("a", "ADMIN");
});
afterAll(async () => {
  await w.t.close();
});

const students = async (n: number, org: "a" | "b" = "a") => {
  const out: Actor[] = [];
  for (let i = 0; i < n; i++) out.push(await w.newActor(org, "STUDENT"));
  return out;
};
const ids = (actors: Actor[]) => actors.map((a) => a.userId);

async function openSession(user: Actor) {
  return w.t.db.session.create({
    data: { organizationId: user.orgId, userId: user.userId, expiresAt: new Date(Date.now() + 3_600_000) },
  });
}

async function auditActions(targetId: string) {
  const rows = await w.t.db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.action);
}

describe("bulk deactivation", () => {
  it("deactivates every selected person, signs them out and audits each", async () => {
    const chosen = await students(2);
    const session = await openSession(chosen[0] as Actor);
    const outcome = await bulkDeactivate(w.svc(admin), { userIds: ids(chosen) });
    expect(outcome).toEqual({
      results: chosen.map((s) => ({ userId: s.userId, name: s.name, ok: true })),
      succeeded: 2,
      failed: 0,
    });
    const rows = await w.t.db.user.findMany({ where: { id: { in: ids(chosen) } }, select: { active: true } });
    expect(rows.map((r) => r.active)).toEqual([false, false]);
    expect((await w.t.db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedReason).toBe("deactivated");
    for (const s of chosen) expect(await auditActions(s.userId)).toContain("user.deactivated");
  });

  it("refuses the acting admin for themself and still deactivates the others", async () => {
    const [other] = await students(1);
    const outcome = await bulkDeactivate(w.svc(admin), { userIds: [admin.userId, (other as Actor).userId] });
    expect(outcome.succeeded).toBe(1);
    expect(outcome.results[0]).toEqual({
      userId: admin.userId,
      name: admin.name,
      ok: false,
      error: "You can't deactivate your own account.",
    });
    expect(outcome.results[1]).toMatchObject({ userId: (other as Actor).userId, ok: true });
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: admin.userId } })).active).toBe(true);
  });

  it("counts a person chosen twice once", async () => {
    const [one] = await students(1);
    const outcome = await bulkDeactivate(w.svc(admin), { userIds: [(one as Actor).userId, (one as Actor).userId] });
    expect(outcome.results).toHaveLength(1);
    expect(outcome.succeeded).toBe(1);
  });

  it("changes nothing when a chosen person belongs to another organization", async () => {
    const [ours] = await students(1);
    const [theirs] = await students(1, "b");
    const error = await domainErrorOf(
      bulkDeactivate(w.svc(admin), { userIds: [(ours as Actor).userId, (theirs as Actor).userId] }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(error.fieldErrors.userIds?.[0]).toMatch(/not in your organization\. Nothing was changed/);
    const rows = await w.t.db.user.findMany({
      where: { id: { in: [(ours as Actor).userId, (theirs as Actor).userId] } },
      select: { active: true },
    });
    expect(rows.map((r) => r.active)).toEqual([true, true]);
  });

  it("takes at most BULK_USERS_MAX people per request", () => {
    const many = Array.from({ length: BULK_USERS_MAX + 1 }, (_, i) => `user-${i}`);
    expect(bulkDeactivateSchema.safeParse({ userIds: many }).success).toBe(false);
    expect(bulkDeactivateSchema.safeParse({ userIds: many.slice(1) }).success).toBe(true);
    expect(bulkDeactivateSchema.safeParse({ userIds: [] }).success).toBe(false);
  });
});

describe("bulk role change", () => {
  it("gives every selected person the role and audits each change", async () => {
    const chosen = await students(2);
    const outcome = await bulkChangeRole(w.svc(admin), { userIds: ids(chosen), role: "TEACHER" });
    expect(outcome.failed).toBe(0);
    const rows = await w.t.db.user.findMany({ where: { id: { in: ids(chosen) } }, select: { role: true } });
    expect(rows.map((r) => r.role)).toEqual(["TEACHER", "TEACHER"]);
    const audit = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "user.role_changed", targetId: (chosen[0] as Actor).userId },
    });
    expect(audit.metadata).toMatchObject({ from: "STUDENT", to: "TEACHER" });
  });

  it("refuses to change the acting admin's own role, and changes the others", async () => {
    const [other] = await students(1);
    const outcome = await bulkChangeRole(w.svc(admin), {
      userIds: [(other as Actor).userId, admin.userId],
      role: "STUDENT",
    });
    expect(outcome.results.map((r) => r.ok)).toEqual([true, false]);
    expect(outcome.results[1]?.error).toBe("You can't change your own role. Ask another admin.");
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: admin.userId } })).role).toBe("ADMIN");
  });

  it("keeps the school's last admin when two admins demote each other at the same moment", async () => {
    const org = await w.t.db.organization.create({ data: { name: "Two Admins", slug: "bulk-two-admins" } });
    const [one, two] = await Promise.all(
      [1, 2].map(async (n) => {
        const u = await w.t.db.user.create({
          data: {
            organizationId: org.id,
            email: `admin${n}@two.test`,
            name: `Admin ${n}`,
            role: "ADMIN",
            passwordHash: "x",
          },
        });
        return (await loadActor(w.t.db, u.id)) as Actor;
      }),
    );
    const outcomes = await Promise.all([
      bulkChangeRole(w.svc(one as Actor), { userIds: [(two as Actor).userId], role: "TEACHER" }),
      bulkChangeRole(w.svc(two as Actor), { userIds: [(one as Actor).userId], role: "TEACHER" }),
    ]);
    const results = outcomes.flatMap((o) => o.results);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)?.error).toMatch(/is the last admin of your school/);
    expect(await w.t.db.user.count({ where: { organizationId: org.id, role: "ADMIN", active: true } })).toBe(1);
  });

  it("changes nothing when a chosen person belongs to another organization", async () => {
    const [theirs] = await students(1, "b");
    const error = await domainErrorOf(
      bulkChangeRole(w.svc(admin), { userIds: [(theirs as Actor).userId], role: "TEACHER" }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: (theirs as Actor).userId } })).role).toBe("STUDENT");
  });
});

describe("bulk parent linking", () => {
  it("links every selected student to the parent, audited once on the parent", async () => {
    const parent = await w.newActor("a", "PARENT");
    const chosen = await students(3);
    const outcome = await bulkLinkParent(w.svc(admin), { parentId: parent.userId, studentIds: ids(chosen) });
    expect(outcome).toMatchObject({ succeeded: 3, failed: 0 });
    const links = await w.t.db.parentStudentLink.findMany({ where: { parentId: parent.userId } });
    expect(links.map((l) => l.studentId).sort()).toEqual(ids(chosen).sort());
    const audits = await w.t.db.auditLog.findMany({ where: { action: "user.parent_linked", targetId: parent.userId } });
    expect(audits).toHaveLength(1);
    expect(audits[0]?.metadata).toMatchObject({ studentIds: ids(chosen) });
  });

  it("reports a selected person who is not a student and links the students", async () => {
    const parent = await w.newActor("a", "PARENT");
    const [student] = await students(1);
    const teacher = await w.newActor("a", "TEACHER", "Tess Teacher");
    const outcome = await bulkLinkParent(w.svc(admin), {
      parentId: parent.userId,
      studentIds: [(student as Actor).userId, teacher.userId],
    });
    expect(outcome.results).toEqual([
      { userId: (student as Actor).userId, name: (student as Actor).name, ok: true },
      {
        userId: teacher.userId,
        name: "Tess Teacher",
        ok: false,
        error: "Tess Teacher is not a student: only students can be linked.",
      },
    ]);
    expect(await w.t.db.parentStudentLink.count({ where: { parentId: parent.userId } })).toBe(1);
  });

  it("counts a student already linked as done and audits only the new links", async () => {
    const parent = await w.newActor("a", "PARENT");
    const [linked, fresh] = await students(2);
    await bulkLinkParent(w.svc(admin), { parentId: parent.userId, studentIds: [(linked as Actor).userId] });
    const outcome = await bulkLinkParent(w.svc(admin), {
      parentId: parent.userId,
      studentIds: ids([linked, fresh] as Actor[]),
    });
    expect(outcome.succeeded).toBe(2);
    const audits = await w.t.db.auditLog.findMany({
      where: { action: "user.parent_linked", targetId: parent.userId },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => (a.metadata as { studentIds: string[] }).studentIds)).toEqual([
      [(linked as Actor).userId],
      [(fresh as Actor).userId],
    ]);
  });

  it("refuses a parent id that is not a parent", async () => {
    const [student] = await students(1);
    const error = await domainErrorOf(
      bulkLinkParent(w.svc(admin), { parentId: w.users.a.TEACHER.id, studentIds: [(student as Actor).userId] }),
    );
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors.parentId).toEqual(["Only a parent account can be linked to a child."]);
  });

  it("refuses another organization's parent or students and links no one", async () => {
    const [ours] = await students(1);
    const [theirs] = await students(1, "b");
    const ourParent = await w.newActor("a", "PARENT");
    expect(
      (
        await domainErrorOf(
          bulkLinkParent(w.svc(admin), { parentId: w.users.b.PARENT.id, studentIds: [(ours as Actor).userId] }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await domainErrorOf(
          bulkLinkParent(w.svc(admin), {
            parentId: ourParent.userId,
            studentIds: [(ours as Actor).userId, (theirs as Actor).userId],
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(await w.t.db.parentStudentLink.count({ where: { parentId: ourParent.userId } })).toBe(0);
  });
});
