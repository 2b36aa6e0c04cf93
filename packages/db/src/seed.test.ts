import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "./passwords";
import { DEMO_PASSWORD, seedDemo } from "./seed";
import { createTestDatabase, type TestDatabase } from "./testing";

describe("demo seed", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  it("creates one organization with an admin, two teachers, six students and a linked parent", async () => {
    const result = await seedDemo(t.db);
    expect(result.created).toBe(true);
    const counts = await t.db.user.groupBy({ by: ["role"], _count: true, orderBy: { role: "asc" } });
    expect(Object.fromEntries(counts.map((c) => [c.role, c._count]))).toEqual({
      ADMIN: 1,
      TEACHER: 2,
      STUDENT: 6,
      PARENT: 1,
    });
    const link = await t.db.parentStudentLink.findFirstOrThrow({ include: { parent: true, student: true } });
    expect([link.parent.role, link.student.role]).toEqual(["PARENT", "STUDENT"]);
  });

  it("creates a living demo class: six students, a lesson and a quiz assigned, three submissions", async () => {
    const cls = await t.db.class.findFirstOrThrow({
      include: { _count: { select: { enrollments: true, assignments: true } } },
    });
    expect(cls._count).toEqual({ enrollments: 6, assignments: 2 });
    expect(await t.db.attempt.count({ where: { status: "SUBMITTED" } })).toBe(3);
    // Their students saw those results when they submitted: no grade is new to anyone.
    expect(await t.db.attempt.count({ where: { status: "SUBMITTED", resultSeenAt: null } })).toBe(0);
    expect(await t.db.attemptAnswer.count()).toBe(9);
    expect(await t.db.contentItem.count({ where: { status: "PUBLISHED" } })).toBe(2);
  });

  it("gives the demo school its history: what its rows would have recorded, counted in the rollups", async () => {
    const types = await t.db.activityEvent.groupBy({ by: ["type"], _count: true, orderBy: { type: "asc" } });
    const count = Object.fromEntries(types.map((e) => [e.type, e._count]));
    expect(count).toMatchObject({ quiz_submitted: 3, content_published: 2, message_sent: 1 });
    expect(count.sign_in).toBeGreaterThan(20);
    const submitted = await t.db.metricDaily.aggregate({ where: { metric: "quiz_submitted" }, _sum: { value: true } });
    expect(submitted._sum.value).toBe(3);
    const activeDays = await t.db.activeUserDay.count();
    expect(activeDays).toBeGreaterThan(20);
  });

  it("is idempotent: a second run creates nothing", async () => {
    const second = await seedDemo(t.db);
    expect(second.created).toBe(false);
    expect(await t.db.organization.count()).toBe(1);
    expect(await t.db.user.count()).toBe(10);
    expect(await t.db.parentStudentLink.count()).toBe(1);
    expect(await t.db.class.count()).toBe(1);
    expect(await t.db.attempt.count()).toBe(3);
    expect(await t.db.activityEvent.count({ where: { type: "quiz_submitted" } })).toBe(3);
  });

  it("gives every demo user the printed password", async () => {
    const admin = await t.db.user.findFirstOrThrow({ where: { email: "admin@maplegrove.test" } });
    expect(await verifyPassword(admin.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(admin.passwordHash, "wrong")).toBe(false);
  });
});
