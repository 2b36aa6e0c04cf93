// Erasure requests: who may ask, what happens at once (deactivated, signed out), the grace period
// and its undo, and the purge job over every organization. The scan of the whole database after
// a purge is in erasure-scan.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../auth/sign-in";
import { createDomainWorld, type DomainWorld, domainErrorOf, PASSWORD } from "../testing";
import { deleteUser } from "../users/users";
import { cancelErasure, ERASED_NAME, listErasures, purgeDueErasures, requestErasure } from "./erasure";
import { createExportLink, downloadExport } from "./export";

const DAY_MS = 86_400_000;

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

const adminOf = async (org: "a" | "b" = "a") => w.svc(await w.actor(org, "ADMIN"));

/** A new student of `org` who is signed in once (an open session). */
async function signedInStudent(org: "a" | "b" = "a", name?: string) {
  const actor = await w.newActor(org, "STUDENT", name);
  await w.t.db.session.create({
    data: { organizationId: w.orgs[org], userId: actor.userId, expiresAt: new Date(Date.now() + DAY_MS) },
  });
  return actor;
}

describe("requestErasure", () => {
  it("deactivates the person, ends their sessions and waits the organization's grace period", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { erasureGraceDays: 10 } });
    const student = await signedInStudent();
    const before = Date.now();
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "Parent's request" });
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { erasureGraceDays: 30 } });

    expect(request).toMatchObject({ status: "PENDING", daysLeft: 10, reason: "Parent's request" });
    expect(request.subject).toMatchObject({ id: student.userId, name: student.name });
    expect(request.requestedBy?.id).toBe(w.users.a.ADMIN.id);
    const graceMs = request.purgeAfter.getTime() - before;
    expect(graceMs).toBeGreaterThanOrEqual(10 * DAY_MS);
    expect(graceMs).toBeLessThan(10 * DAY_MS + 60_000);
    const user = await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } });
    expect(user.active).toBe(false);
    expect(await w.t.db.session.count({ where: { userId: student.userId, revokedAt: null } })).toBe(0);
    expect(await authenticate({ db: w.t.db }, { email: student.email, password: PASSWORD })).toBeNull();
  });

  it("audits the request with ids only, never the person's name or email", async () => {
    const student = await signedInStudent("a", "Audited Person");
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "Asked" });
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "erasure.requested", targetId: student.userId },
    });
    expect(row).toMatchObject({ actorId: w.users.a.ADMIN.id, targetType: "User" });
    expect(row.metadata).toMatchObject({ requestId: request.id, sessionsEnded: 1 });
    expect(JSON.stringify(row.metadata)).not.toContain("Audited Person");
    expect(JSON.stringify(row.metadata)).not.toContain(student.email);
  });

  it("is for admins only", async () => {
    const student = await w.newActor("a", "STUDENT");
    for (const role of ["TEACHER", "STUDENT", "PARENT"] as const) {
      const error = await domainErrorOf(
        requestErasure(w.svc(await w.actor("a", role)), { userId: student.userId, reason: "x" }),
      );
      expect(error.code).toBe("FORBIDDEN");
    }
  });

  it("refuses to erase oneself", async () => {
    const error = await domainErrorOf(requestErasure(await adminOf(), { userId: w.users.a.ADMIN.id, reason: "x" }));
    expect(error.code).toBe("INVALID");
    expect(error.message).toMatch(/your own account/);
  });

  it("refuses to erase the school's last active admin", async () => {
    const first = await w.actor("a", "ADMIN");
    const second = await w.newActor("a", "ADMIN");
    // The second admin erases the first...
    const request = await requestErasure(w.svc(second), { userId: first.userId, reason: "x" });
    // ...and the first, acting at the same moment (a request already under way), can't erase the second.
    const error = await domainErrorOf(requestErasure(w.svc(first), { userId: second.userId, reason: "x" }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toMatch(/last admin/);
    await cancelErasure(w.svc(second), { requestId: request.id });
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: first.userId } })).active).toBe(true);
  });

  it("refuses a second request while one is pending", async () => {
    const student = await w.newActor("a", "STUDENT");
    await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    const error = await domainErrorOf(requestErasure(await adminOf(), { userId: student.userId, reason: "x" }));
    expect(error.code).toBe("CONFLICT");
  });

  it("does not find another organization's people", async () => {
    const error = await domainErrorOf(
      requestErasure(await adminOf("b"), { userId: w.users.a.STUDENT.id, reason: "x" }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: w.users.a.STUDENT.id } })).active).toBe(true);
  });
});

describe("the grace period", () => {
  it("purges nothing before the grace ends", async () => {
    const student = await w.newActor("a", "STUDENT", "Patience Waiting");
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    const result = await purgeDueErasures(w.t.db, new Date(request.purgeAfter.getTime() - 60_000));
    expect(result.purged.map((p) => p.requestId)).not.toContain(request.id);
    const user = await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } });
    expect(user).toMatchObject({ name: "Patience Waiting", email: student.email, deletedAt: null });
    const [row] = (await listErasures(await adminOf())).filter((r) => r.id === request.id);
    expect(row?.status).toBe("PENDING");
  });

  it("undo restores the account: the person can sign in again", async () => {
    const student = await signedInStudent();
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "By mistake" });
    expect(await authenticate({ db: w.t.db }, { email: student.email, password: PASSWORD })).toBeNull();

    const cancelled = await cancelErasure(await adminOf(), { requestId: request.id });

    expect(cancelled).toMatchObject({ status: "CANCELLED", daysLeft: null });
    expect(cancelled.cancelledAt).not.toBeNull();
    const actor = await authenticate({ db: w.t.db }, { email: student.email, password: PASSWORD });
    expect(actor?.userId).toBe(student.userId);
    const audit = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "erasure.cancelled", targetId: student.userId },
    });
    expect(audit.metadata).toMatchObject({ requestId: request.id, reactivated: true });
    // And the purge job leaves a cancelled request alone.
    await purgeDueErasures(w.t.db, new Date(Date.now() + 365 * DAY_MS));
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } })).name).toBe(student.name);
  });

  it("undo leaves a person who was already deactivated deactivated", async () => {
    const student = await w.newActor("a", "STUDENT");
    await w.t.db.user.update({ where: { id: student.userId }, data: { active: false } });
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    await cancelErasure(await adminOf(), { requestId: request.id });
    expect((await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } })).active).toBe(false);
  });

  it("can't be undone once the grace has ended, nor after the purge", async () => {
    const student = await w.newActor("a", "STUDENT");
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    await w.t.db.erasureRequest.update({
      where: { id: request.id },
      data: { purgeAfter: new Date(Date.now() - 1000) },
    });
    expect((await domainErrorOf(cancelErasure(await adminOf(), { requestId: request.id }))).code).toBe(
      "PRECONDITION_FAILED",
    );
    await purgeDueErasures(w.t.db);
    expect((await domainErrorOf(cancelErasure(await adminOf(), { requestId: request.id }))).code).toBe("CONFLICT");
  });

  it("a deleted account can be erased, and undo leaves it exactly as it was: still deleted", async () => {
    const student = await w.newActor("a", "STUDENT", "Dora Deleted");
    await deleteUser(await adminOf(), { userId: student.userId });
    const before = await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } });
    expect(before.deletedAt).not.toBeNull();
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    expect(request).toMatchObject({ status: "PENDING", subject: { id: student.userId } });
    await cancelErasure(await adminOf(), { requestId: request.id });
    expect(await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } })).toEqual(before);
  });

  it("another organization's admin can't undo it", async () => {
    const student = await w.newActor("a", "STUDENT");
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    expect((await domainErrorOf(cancelErasure(await adminOf("b"), { requestId: request.id }))).code).toBe("NOT_FOUND");
  });
});

describe("purgeDueErasures", () => {
  it("purges due requests of every organization and marks them purged with counts", async () => {
    const a = await signedInStudent("a", "Alpha Erasable");
    const b = await signedInStudent("b", "Beta Erasable");
    const ra = await requestErasure(await adminOf("a"), { userId: a.userId, reason: "x" });
    const rb = await requestErasure(await adminOf("b"), { userId: b.userId, reason: "x" });

    const result = await purgeDueErasures(w.t.db, new Date(Date.now() + 31 * DAY_MS));

    expect(result.failed).toEqual([]);
    expect(result.purged.map((p) => p.requestId)).toEqual(expect.arrayContaining([ra.id, rb.id]));
    for (const [org, request, person] of [
      ["a", ra, a],
      ["b", rb, b],
    ] as const) {
      const [row] = (await listErasures(await adminOf(org))).filter((r) => r.id === request.id);
      expect(row).toMatchObject({
        status: "PURGED",
        daysLeft: null,
        subject: { id: person.userId, name: ERASED_NAME },
      });
      expect(row?.purgedAt).not.toBeNull();
      expect(row?.summary.sessionsDeleted).toBe(1);
      for (const value of Object.values(row?.summary ?? {})) expect(typeof value).toBe("number");
    }
  });

  it("deletes the person's assistant and tutor conversations with their messages", async () => {
    const student = await signedInStudent("a", "Chatty Erasable");
    const db = w.scoped("a");
    const conversation = await db.conversation.create({
      data: { organizationId: w.orgs.a, userId: student.userId, kind: "TUTOR", title: "Fractions help" },
    });
    await db.conversationMessage.create({
      data: { organizationId: w.orgs.a, conversationId: conversation.id, role: "USER", content: "What is 1/2 + 1/4?" },
    });
    await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });

    await purgeDueErasures(w.t.db, new Date(Date.now() + 31 * DAY_MS));

    expect(await w.t.db.conversation.count({ where: { userId: student.userId } })).toBe(0);
    expect(await w.t.db.conversationMessage.count({ where: { conversationId: conversation.id } })).toBe(0);
  });

  it("records the purge in the audit log without an actor and with ids and counts only", async () => {
    const student = await w.newActor("a", "STUDENT", "Quentin Auditable");
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    await purgeDueErasures(w.t.db, new Date(Date.now() + 31 * DAY_MS));
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "erasure.purged", targetId: student.userId },
    });
    expect(row.actorId).toBeNull();
    expect(row.metadata).toMatchObject({ requestId: request.id });
    const text = JSON.stringify(row.metadata);
    expect(text).not.toContain("Quentin");
    expect(text).not.toContain(student.email);
  });

  it("purges a deleted account, which keeps the day it was deleted", async () => {
    const student = await w.newActor("a", "STUDENT", "Desmond Deleted");
    await deleteUser(await adminOf(), { userId: student.userId });
    const { deletedAt } = await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } });
    const request = await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    const result = await purgeDueErasures(w.t.db, new Date(Date.now() + 31 * DAY_MS));
    expect(result.purged.map((p) => p.requestId)).toContain(request.id);
    const user = await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } });
    expect(user).toMatchObject({ name: ERASED_NAME, email: `erased-${student.userId}@erased.invalid`, deletedAt });
  });

  it("deletes the files of the organization's other exports (they may name the person): their links answer gone", async () => {
    const admin = await w.actor("a", "ADMIN");
    const classmate = await w.newActor("a", "STUDENT");
    const student = await w.newActor("a", "STUDENT", "Erin Exported");
    const zip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    const builtExport = (org: "a" | "b", subjectId: string) =>
      w.t.db.dataExport.create({
        data: {
          organizationId: w.orgs[org],
          subjectId,
          requestedById: w.users[org].ADMIN.id,
          status: "SUCCEEDED",
          progress: 100,
          file: zip,
          fileBytes: zip.byteLength,
          finishedAt: new Date(),
          expiresAt: new Date(Date.now() + 7 * DAY_MS),
        },
      });
    const mine = await builtExport("a", classmate.userId);
    const elsewhere = await builtExport("b", w.users.b.STUDENT.id);
    const link = await createExportLink(w.svc(admin), { exportId: mine.id });
    const token = decodeURIComponent(link.url.replace("/api/exports/", ""));
    await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    const purgedAt = new Date(Date.now() + 31 * DAY_MS);
    await purgeDueErasures(w.t.db, purgedAt);
    // Expired as of the purge, its file gone.
    expect(await w.t.db.dataExport.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({
      file: null,
      expiresAt: purgedAt,
    });
    expect((await domainErrorOf(downloadExport(w.svc(admin), { token }))).code).toBe("PRECONDITION_FAILED");
    // Another organization's exports do not name the person: they stay.
    expect((await w.t.db.dataExport.findUniqueOrThrow({ where: { id: elsewhere.id } })).file).not.toBeNull();
  });

  it("the erased person can never sign in again, by old address or new", async () => {
    const student = await w.newActor("a", "STUDENT");
    await requestErasure(await adminOf(), { userId: student.userId, reason: "x" });
    await purgeDueErasures(w.t.db, new Date(Date.now() + 31 * DAY_MS));
    const user = await w.t.db.user.findUniqueOrThrow({ where: { id: student.userId } });
    expect(user.email).toBe(`erased-${student.userId}@erased.invalid`);
    expect(await authenticate({ db: w.t.db }, { email: student.email, password: PASSWORD })).toBeNull();
    expect(await authenticate({ db: w.t.db }, { email: user.email, password: PASSWORD })).toBeNull();
  });

  it("lists pending requests first, soonest purge first", async () => {
    const rows = await listErasures(await adminOf());
    const statuses = rows.map((r) => r.status);
    const firstDone = statuses.findIndex((s) => s !== "PENDING");
    expect(statuses.slice(firstDone === -1 ? statuses.length : firstDone)).not.toContain("PENDING");
    const pending = rows.filter((r) => r.status === "PENDING").map((r) => r.purgeAfter.getTime());
    expect(pending).toEqual([...pending].sort((x, y) => x - y));
    expect(rows.every((r) => r.subject.id)).toBe(true);
  });
});
