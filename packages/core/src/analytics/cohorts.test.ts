import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayKey, isoWeekStart } from "../days";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { getCohorts } from "./cohorts";
import { addActiveDay, addClass, addUser, NOW, testRuntime } from "./test-fixtures";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

const THIS_WEEK = isoWeekStart(NOW);
/** Tuesday of the week `n` weeks before this one, at noon. */
const weekDay = (n: number, plus = 1) => new Date(addDays(THIS_WEEK, -7 * n + plus).getTime() + 12 * 3600_000);

describe("weekly sign-up cohorts", () => {
  it("starts each week on a Monday (UTC) and ends with the current week", async () => {
    const cohorts = await getCohorts(w.svc(await w.actor("a", "ADMIN")), testRuntime(), { weeks: 4 });
    expect(cohorts.cohorts.map((c) => c.week)).toEqual([3, 2, 1, 0].map((n) => dayKey(addDays(THIS_WEEK, -7 * n))));
    for (const c of cohorts.cohorts) expect(new Date(`${c.week}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it("gives each cohort's size and the share of it active in each week since joining", async () => {
    const org = w.orgs.a;
    // Three join three weeks ago: all active that week, two the week after, one this week.
    const joined = await Promise.all([0, 1, 2].map(() => addUser(w.t.db, org, "STUDENT", weekDay(3))));
    const [u1, u2, u3] = joined.map((u) => u.id) as [string, string, string];
    await addActiveDay(w.t.db, org, u1, weekDay(3));
    await addActiveDay(w.t.db, org, u1, weekDay(3, 3));
    await addActiveDay(w.t.db, org, u2, weekDay(3));
    await addActiveDay(w.t.db, org, u3, weekDay(3, 2));
    await addActiveDay(w.t.db, org, u1, weekDay(2));
    await addActiveDay(w.t.db, org, u2, weekDay(2, 4));
    await addActiveDay(w.t.db, org, u2, addDays(THIS_WEEK, 0));
    // Two join two weeks ago: one active the week after.
    const [v1] = await Promise.all([0, 1].map(() => addUser(w.t.db, org, "STUDENT", weekDay(2, 5))));
    await addActiveDay(w.t.db, org, v1?.id ?? "", weekDay(1));

    const { cohorts } = await getCohorts(w.svc(await w.actor("a", "ADMIN")), testRuntime(), { weeks: 4 });
    expect(cohorts[0]).toEqual({ week: dayKey(addDays(THIS_WEEK, -21)), size: 3, retention: [100, 66.7, 0, 33.3] });
    expect(cohorts[1]).toEqual({ week: dayKey(addDays(THIS_WEEK, -14)), size: 2, retention: [0, 50, 0] });
    expect(cohorts[2]).toEqual({ week: dayKey(addDays(THIS_WEEK, -7)), size: 0, retention: [] });
  });

  it("never counts another organization's users or activity", async () => {
    const outsider = await addUser(w.t.db, w.orgs.b, "STUDENT", weekDay(5));
    await addActiveDay(w.t.db, w.orgs.b, outsider.id, weekDay(5));
    const a = await getCohorts(w.svc(await w.actor("a", "ADMIN")), testRuntime(), { weeks: 6 });
    const b = await getCohorts(w.svc(await w.actor("b", "ADMIN")), testRuntime(), { weeks: 6 });
    expect(a.cohorts[0]).toMatchObject({ size: 0 });
    expect(b.cohorts[0]).toMatchObject({ size: 1, retention: [100, 0, 0, 0, 0, 0] });
  });

  it("for a teacher, counts only the students of their classes", async () => {
    const org = w.orgs.a;
    const teacher = await w.newActor("a", "TEACHER");
    const other = await w.newActor("a", "TEACHER");
    const mine = await addUser(w.t.db, org, "STUDENT", weekDay(8));
    const theirs = await addUser(w.t.db, org, "STUDENT", weekDay(8));
    await addClass(w.t.db, org, teacher.userId, [mine.id]);
    await addClass(w.t.db, org, other.userId, [theirs.id]);
    await addActiveDay(w.t.db, org, theirs.id, weekDay(8));
    const { cohorts } = await getCohorts(w.svc(teacher), testRuntime(), { weeks: 9 });
    expect(cohorts[0]).toEqual({ week: dayKey(addDays(THIS_WEEK, -56)), size: 1, retention: Array(9).fill(0) });
    const admin = await getCohorts(w.svc(await w.actor("a", "ADMIN")), testRuntime(), { weeks: 9 });
    expect(admin.cohorts[0]).toMatchObject({ size: 2 });
  });

  it("measures a cohort's retention in each week from its own to the current one", async () => {
    // A teacher of their own: one student joined in each of the four weeks.
    const teacher = await w.newActor("a", "TEACHER");
    const students = await Promise.all([3, 2, 1, 0].map((n) => addUser(w.t.db, w.orgs.a, "STUDENT", weekDay(n, 0))));
    await addClass(
      w.t.db,
      w.orgs.a,
      teacher.userId,
      students.map((u) => u.id),
    );
    const cohorts = await getCohorts(w.svc(teacher), testRuntime(), { weeks: 4 });
    expect(cohorts.cohorts.map((c) => c.retention.length)).toEqual([4, 3, 2, 1]);
  });

  it("gives a week nobody joined an empty retention, not 0%", async () => {
    const cohorts = await getCohorts(w.svc(await w.actor("a", "ADMIN")), testRuntime(), { weeks: 26 });
    const empty = cohorts.cohorts.filter((c) => c.size === 0);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.map((c) => c.retention)).toEqual(empty.map(() => []));
  });

  it("refuses students and parents", async () => {
    for (const role of ["STUDENT", "PARENT"] as const) {
      const error = await domainErrorOf(getCohorts(w.svc(await w.actor("a", role)), testRuntime(), { weeks: 4 }));
      expect(error.code).toBe("FORBIDDEN");
    }
  });
});
