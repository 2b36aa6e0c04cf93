// Refresh-token reuse across two app instances sharing the database and Redis: each has its own
// session registry and cache, and only the Redis revocation bus connects them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, PASSWORD, type World } from "../../testing";
import { type AppInstance, createAppInstance } from "./app-instance";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL: the cross-instance token tests need Redis");

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 10): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return performance.now() - started;
}

describe.skipIf(!redisUrl)("two app instances sharing Redis", () => {
  let w: World;
  let one: AppInstance;
  let two: AppInstance;
  beforeAll(async () => {
    w = await createWorld();
    const redis = { url: redisUrl as string, channel: `test:sessions:${crypto.randomUUID()}` };
    one = createAppInstance({ db: w.t.db, redis });
    two = createAppInstance({ db: w.t.db, redis });
    await until(() => Boolean(one.bus?.synced() && two.bus?.synced()), 5_000);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await w?.t.close();
  });

  const isRefused = async (instance: AppInstance, accessToken: string) => {
    try {
      await (await instance.bearer(accessToken)).me.get();
      return false;
    } catch {
      return true;
    }
  };

  it("a refresh token used on one instance and replayed on the other ends the session on both within 1 s", async () => {
    const student = await w.newActor("a", "STUDENT");
    const grant = await (await one.caller()).auth.token({ email: student.email, password: PASSWORD });
    const next = await (await one.caller()).auth.refresh({ refreshToken: grant.refreshToken });
    // Both instances have the session cached as active.
    expect((await (await one.bearer(next.accessToken)).me.get()).id).toBe(student.userId);
    expect((await (await two.bearer(next.accessToken)).me.get()).id).toBe(student.userId);
    const readsBefore = one.registry.stats.reads;
    await (await one.bearer(next.accessToken)).me.get();
    expect(one.registry.stats.reads, "instance 1 answers from its cache while nothing changed").toBe(readsBefore);

    const replay = await errorOf((await two.caller()).auth.refresh({ refreshToken: grant.refreshToken }));
    expect({ code: replay.code, message: replay.message }).toEqual({
      code: "UNAUTHORIZED",
      message: "This refresh token was already used; sign in again.",
    });

    expect(await isRefused(two, next.accessToken)).toBe(true);
    const elapsed = await until(() => isRefused(one, next.accessToken), 1_000, 5);
    expect(elapsed).toBeLessThan(1_000);
    const refresh = await errorOf((await one.caller()).auth.refresh({ refreshToken: next.refreshToken }));
    expect(refresh.code).toBe("UNAUTHORIZED");
  });

  it("a session revoked on one instance refuses its access token on the other within 1 s", async () => {
    const student = await w.newActor("a", "STUDENT");
    const grant = await (await one.caller()).auth.token({ email: student.email, password: PASSWORD });
    expect((await (await two.bearer(grant.accessToken)).me.get()).id).toBe(student.userId);
    await (await one.bearer(grant.accessToken)).auth.revoke({});
    const elapsed = await until(() => isRefused(two, grant.accessToken), 1_000, 5);
    expect(elapsed).toBeLessThan(1_000);
  });
});
