// The limits every procedure passes, through real procedures and the real limiter (in memory, with
// small numbers so a test reaches them).
import { type Actor, createRateLimiter, type RateLimitRule } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { createCaller } from "../root";
import { createWorld, errorOf, type World } from "../testing";

const rule = (points: number, perPlan = true): RateLimitRule => ({
  points,
  duration: 60,
  perPlan,
  penalize: false,
  description: "test",
});

let w: World;
let teacher: Actor;
beforeAll(async () => {
  w = await createWorld();
  teacher = await w.actor("a", "TEACHER");
});
afterAll(() => w.t.close());

function limited(limits: Parameters<typeof createRateLimiter>[0] = {}) {
  const rateLimiter = createRateLimiter({
    limits: { "api.user": rule(3), "api.user.write": rule(2), ...limits.limits },
  });
  return (actor: Actor | null, ip = "203.0.113.7") =>
    createCaller(
      createContextInner({
        db: w.t.db,
        actor,
        rateLimiter,
        request: { origin: null, host: "localhost:3000", secFetchSite: null, source: "test", ip },
      }),
    );
}

describe("rate limits on procedures", () => {
  it("refuses a signed-in user's call over the limit with TOO_MANY_REQUESTS and the wait", async () => {
    const caller = limited()(teacher);
    for (let i = 0; i < 3; i++) await caller.me.get();
    const error = await errorOf(caller.me.get());
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe("Too many requests. Try again in 1 minute.");
  });

  it("counts each user on their own", async () => {
    const as = limited();
    for (let i = 0; i < 3; i++) await as(teacher).me.get();
    await expect(as(await w.actor("a", "STUDENT")).me.get()).resolves.toMatchObject({ role: "STUDENT" });
  });

  it("counts mutations against the write limit as well", async () => {
    const caller = limited()(teacher);
    await caller.me.updateProfile({ name: "Teacher A" });
    await caller.me.updateProfile({ name: "Teacher A" });
    const error = await errorOf(caller.me.updateProfile({ name: "Teacher A" }));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
  });

  it("multiplies the limits by the organization's plan", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.b }, data: { plan: "BASIC" } });
    const caller = limited()(await w.actor("b", "TEACHER"));
    for (let i = 0; i < 6; i++) await caller.me.get();
    expect((await errorOf(caller.me.get())).code).toBe("TOO_MANY_REQUESTS");
  });

  it("counts calls without a session per client IP", async () => {
    const as = limited({ limits: { "api.anonymous": rule(2, false) } });
    for (let i = 0; i < 2; i++) expect((await errorOf(as(null).me.get())).code).toBe("UNAUTHORIZED");
    expect((await errorOf(as(null).me.get())).code).toBe("TOO_MANY_REQUESTS");
    expect((await errorOf(as(null, "198.51.100.9").me.get())).code).toBe("UNAUTHORIZED");
  });

  it("leaves contexts without a limiter unlimited (tests, the worker)", async () => {
    const caller = w.caller(teacher);
    for (let i = 0; i < 20; i++) await caller.me.get();
    await expect(caller.me.get()).resolves.toMatchObject({ role: "TEACHER" });
  });
});
