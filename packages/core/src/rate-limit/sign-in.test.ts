// Sign-in behind the limiter, on a real database: lockout after repeated failures, the wait it
// reports, and the audit trail of failures, locks and blocked attempts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainWorld, type DomainWorld, PASSWORD } from "../testing";
import { createRateLimiter } from "./limiter";
import { signInWithLimits } from "./sign-in";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

function attempt(limiter: ReturnType<typeof createRateLimiter>, email: string, password: string, ip = "203.0.113.7") {
  return signInWithLimits({ db: w.t.db, limiter, ip, correlationId: "req-1" }, { email, password });
}

async function failTimes(limiter: ReturnType<typeof createRateLimiter>, email: string, times: number, ip?: string) {
  const outcomes = [];
  for (let i = 0; i < times; i++) outcomes.push(await attempt(limiter, email, "wrong-password", ip));
  return outcomes;
}

describe("sign-in with limits", () => {
  it("signs in with the right password", async () => {
    const outcome = await attempt(createRateLimiter(), w.users.a.TEACHER.email, PASSWORD);
    expect(outcome).toMatchObject({ ok: true, actor: { userId: w.users.a.TEACHER.id } });
  });

  it("refuses a wrong password without a wait for the first four failures, then with a minute's", async () => {
    const outcomes = await failTimes(createRateLimiter(), w.users.a.STUDENT.email, 5);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.retryAfterSeconds))).toEqual([null, null, null, null, 60]);
  });

  it("refuses even the right password while the email and address are blocked", async () => {
    const limiter = createRateLimiter();
    await failTimes(limiter, w.users.a.PARENT.email, 5);
    expect(await attempt(limiter, w.users.a.PARENT.email, PASSWORD)).toEqual({ ok: false, retryAfterSeconds: 60 });
  });

  it("lets the same account sign in from another address meanwhile", async () => {
    const limiter = createRateLimiter();
    await failTimes(limiter, w.users.b.TEACHER.email, 5);
    expect((await attempt(limiter, w.users.b.TEACHER.email, PASSWORD, "198.51.100.9")).ok).toBe(true);
  });

  it("forgets earlier failures once the right password is given", async () => {
    const limiter = createRateLimiter();
    await failTimes(limiter, w.users.b.STUDENT.email, 4);
    expect((await attempt(limiter, w.users.b.STUDENT.email, PASSWORD)).ok).toBe(true);
    expect(await failTimes(limiter, w.users.b.STUDENT.email, 4)).toEqual(
      Array.from({ length: 4 }, () => ({ ok: false, retryAfterSeconds: null })),
    );
  });

  it("blocks unknown emails the same way, so a block reveals nothing about accounts", async () => {
    const outcomes = await failTimes(createRateLimiter(), "nobody@nowhere.test", 5);
    expect(outcomes.at(-1)).toEqual({ ok: false, retryAfterSeconds: 60 });
  });

  it("audits each failure, the lock and a blocked attempt, with the client's address", async () => {
    const limiter = createRateLimiter();
    const user = w.users.b.PARENT;
    await failTimes(limiter, user.email, 5, "192.0.2.44");
    await attempt(limiter, user.email, PASSWORD, "192.0.2.44");
    const rows = await w.t.db.auditLog.findMany({ where: { targetId: user.id } });
    const count = (action: string) => rows.filter((r) => r.action === action).length;
    expect([count("auth.sign_in_failed"), count("auth.sign_in_locked"), count("auth.sign_in_blocked")]).toEqual([
      5, 1, 1,
    ]);
    expect(rows.every((r) => (r.metadata as { ip?: string }).ip === "192.0.2.44")).toBe(true);
    const blocked = rows.find((r) => r.action === "auth.sign_in_blocked");
    expect(blocked?.metadata).toMatchObject({ reason: "too_many_attempts", retryAfterSeconds: 60 });
    expect(blocked?.organizationId).toBe(w.orgs.b);
  });
});
