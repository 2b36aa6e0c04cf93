// `erasure` through the server-side caller: only admins, each organization's own requests only,
// and the journey an admin makes (erase, see it pending, undo).
import { authenticate, purgeDueErasures } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, PASSWORD, type World } from "../../testing";

const DAY_MS = 86_400_000;

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const admin = async (org: "a" | "b" = "a") => w.caller(await w.actor(org, "ADMIN"));

describe("erasure.request", () => {
  it("erases a person after the grace period, deactivating them now", async () => {
    const student = await w.newActor("a", "STUDENT", "Rosalind Erasable");
    const request = await (await admin()).erasure.request({ userId: student.userId, reason: "Parent's request" });
    expect(request).toMatchObject({
      status: "PENDING",
      daysLeft: 30,
      subject: { id: student.userId, name: "Rosalind Erasable", role: "STUDENT" },
      requestedBy: { id: w.users.a.ADMIN.id },
    });
    const page = await (await admin()).users.list({ status: "deactivated" });
    expect(page.items.map((u) => u.id)).toContain(student.userId);
  });

  it("asks for a reason, next to the field", async () => {
    const student = await w.newActor("a", "STUDENT");
    const error = await errorOf((await admin()).erasure.request({ userId: student.userId, reason: "  " }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/Say why/);
  });

  it.each(["TEACHER", "STUDENT", "PARENT"] as const)("is refused to a %s", async (role) => {
    const student = await w.newActor("a", "STUDENT");
    const error = await errorOf(
      w.caller(await w.actor("a", role)).erasure.request({ userId: student.userId, reason: "x" }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });

  it("can't reach another organization's people", async () => {
    const error = await errorOf((await admin("b")).erasure.request({ userId: w.users.a.STUDENT.id, reason: "x" }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("refuses to erase oneself", async () => {
    const error = await errorOf((await admin()).erasure.request({ userId: w.users.a.ADMIN.id, reason: "x" }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("erasure.cancel", () => {
  it("undoes a pending erasure: the person signs in again", async () => {
    const student = await w.newActor("a", "STUDENT");
    const request = await (await admin()).erasure.request({ userId: student.userId, reason: "Mistake" });
    expect(await authenticate({ db: w.t.db }, { email: student.email, password: PASSWORD })).toBeNull();
    const cancelled = await (await admin()).erasure.cancel({ requestId: request.id });
    expect(cancelled.status).toBe("CANCELLED");
    expect((await authenticate({ db: w.t.db }, { email: student.email, password: PASSWORD }))?.userId).toBe(
      student.userId,
    );
  });

  it("another organization's admin can't undo it, and it stays pending", async () => {
    const student = await w.newActor("a", "STUDENT");
    const request = await (await admin()).erasure.request({ userId: student.userId, reason: "x" });
    const error = await errorOf((await admin("b")).erasure.cancel({ requestId: request.id }));
    expect(error.code).toBe("NOT_FOUND");
    const [row] = (await (await admin()).erasure.list()).filter((r) => r.id === request.id);
    expect(row?.status).toBe("PENDING");
  });

  it("is refused to a teacher", async () => {
    const student = await w.newActor("a", "STUDENT");
    const request = await (await admin()).erasure.request({ userId: student.userId, reason: "x" });
    const error = await errorOf(w.caller(await w.actor("a", "TEACHER")).erasure.cancel({ requestId: request.id }));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("erasure.list", () => {
  it("shows each organization only its own requests", async () => {
    const a = await w.newActor("a", "STUDENT");
    const b = await w.newActor("b", "STUDENT");
    const ra = await (await admin("a")).erasure.request({ userId: a.userId, reason: "x" });
    const rb = await (await admin("b")).erasure.request({ userId: b.userId, reason: "x" });
    const listA = (await (await admin("a")).erasure.list()).map((r) => r.id);
    const listB = (await (await admin("b")).erasure.list()).map((r) => r.id);
    expect(listA).toContain(ra.id);
    expect(listA).not.toContain(rb.id);
    expect(listB).toEqual([rb.id]);
  });

  it("shows a purged request with its date, the anonymized name and counts", async () => {
    const student = await w.newActor("a", "STUDENT", "Purgeable Person");
    const request = await (await admin()).erasure.request({ userId: student.userId, reason: "x" });
    await purgeDueErasures(w.t.db, new Date(Date.now() + 31 * DAY_MS));
    const [row] = (await (await admin()).erasure.list()).filter((r) => r.id === request.id);
    expect(row).toMatchObject({ status: "PURGED", subject: { name: "Erased user" }, daysLeft: null });
    expect(row?.purgedAt).toBeInstanceOf(Date);
    expect(row?.summary.sessionsDeleted).toBe(0);
  });

  it("is refused to a parent", async () => {
    const error = await errorOf(w.caller(await w.actor("a", "PARENT")).erasure.list());
    expect(error.code).toBe("FORBIDDEN");
  });
});
