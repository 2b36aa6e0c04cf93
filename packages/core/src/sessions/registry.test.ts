// The session registry: what a session's token is worth over time, and how fast a revocation
// reaches a cache that holds the session as valid, in this process and in another instance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainWorld, type DomainWorld } from "../testing";
import { DEFAULT_SESSION_POLICY } from "./policy";
import { createSessionRegistry, type SessionRegistryOptions } from "./registry";
import { createRedisRevocationBus, createRevocationHub } from "./revocations";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

/** A clock the test moves by hand. */
function manualClock(start = Date.parse("2026-03-02T08:00:00Z")) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

function registry(options: Partial<SessionRegistryOptions> = {}) {
  return createSessionRegistry({
    db: w.t.db,
    policy: DEFAULT_SESSION_POLICY,
    hub: createRevocationHub(),
    singleProcess: true,
    ...options,
  });
}

const teacher = () => ({ userId: w.users.a.TEACHER.id, organizationId: w.orgs.a });

describe("a session's lifetime", () => {
  it("records a new session with its browser, address and absolute end, and accepts it", async () => {
    const clock = manualClock();
    const r = registry({ now: clock.now });
    const { id, expiresAt } = await r.start({
      ...teacher(),
      userAgent: "Mozilla/5.0 Firefox/128.0",
      ip: "203.0.113.9",
    });
    const row = await w.t.db.session.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ userId: teacher().userId, userAgent: "Mozilla/5.0 Firefox/128.0", ip: "203.0.113.9" });
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(12 * HOUR);
    expect(await r.check(id, teacher().userId)).toMatchObject({ active: true, sessionId: id });
    await r.close();
  });

  it("answers repeated checks from its cache, without reading the database", async () => {
    const r = registry();
    const { id } = await r.start(teacher());
    for (let i = 0; i < 20; i++) expect((await r.check(id)).active).toBe(true);
    expect(r.stats.reads).toBe(0);
    expect(r.stats.hits).toBe(20);
    await r.close();
  });

  it("refuses a session it has revoked, at once", async () => {
    const r = registry();
    const { id } = await r.start(teacher());
    await r.check(id);
    await r.revoke(id, "sign_out");
    expect(await r.check(id)).toEqual({ active: false, reason: "revoked" });
    expect(await w.t.db.session.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedReason: "sign_out" });
    await r.close();
  });

  it("refuses a session of someone else than the token says", async () => {
    const r = registry();
    const { id } = await r.start(teacher());
    expect(await r.check(id, w.users.a.STUDENT.id)).toEqual({ active: false, reason: "unknown" });
    expect(await r.check("no-such-session")).toEqual({ active: false, reason: "unknown" });
    await r.close();
  });

  it("ends a session at its absolute lifetime however active it is", async () => {
    const clock = manualClock();
    const r = registry({ now: clock.now });
    const { id } = await r.start(teacher());
    for (let hour = 0; hour < 11; hour++) {
      clock.advance(HOUR);
      expect((await r.check(id)).active, `after ${hour + 1} h`).toBe(true);
    }
    clock.advance(HOUR);
    expect(await r.check(id)).toEqual({ active: false, reason: "expired" });
    await r.close();
  });

  it("ends a session left idle for the idle timeout, and it stays ended", async () => {
    const clock = manualClock();
    const r = registry({ now: clock.now });
    const { id } = await r.start(teacher());
    clock.advance(119 * MINUTE);
    expect((await r.check(id)).active).toBe(true);
    clock.advance(119 * MINUTE);
    expect((await r.check(id)).active).toBe(true);
    clock.advance(120 * MINUTE);
    expect(await r.check(id)).toEqual({ active: false, reason: "idle" });
    expect(await w.t.db.session.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedReason: "idle" });
    clock.advance(MINUTE);
    expect((await r.check(id)).active).toBe(false);
    await r.close();
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const clock = manualClock();
    const r = registry({ now: clock.now });
    const { id } = await r.start(teacher());
    const started = clock.now();
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      await r.check(id);
    }
    expect(r.stats.touches).toBe(0);
    expect((await w.t.db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(started);
    clock.advance(10_000);
    await r.check(id);
    expect(r.stats.touches).toBe(1);
    expect((await w.t.db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(clock.now());
    await r.close();
  });

  it("re-reads a session another instance kept alive before calling it idle", async () => {
    const clock = manualClock();
    const r = registry({ now: clock.now, cacheTtlMs: 10 * HOUR });
    const { id } = await r.start(teacher());
    clock.advance(100 * MINUTE);
    // Another instance served a request meanwhile.
    await w.t.db.session.update({ where: { id }, data: { lastSeenAt: clock.now() } });
    clock.advance(100 * MINUTE);
    expect((await r.check(id)).active).toBe(true);
    await r.close();
  });
});

describe("revocations reaching caches", () => {
  it("drops the sessions a service announces on the hub (a password change, a deactivation)", async () => {
    const hub = createRevocationHub();
    const r = registry({ hub });
    const { id } = await r.start(teacher());
    await r.check(id);
    await w.t.db.session.update({ where: { id }, data: { revokedAt: new Date(), revokedReason: "password_changed" } });
    hub.announce({ userIds: [teacher().userId] });
    expect(await r.check(id)).toEqual({ active: false, reason: "revoked" });
    await r.close();
  });

  it("without a bus and possibly other instances, trusts a cached session for 1 s only", async () => {
    const clock = manualClock();
    const r = registry({ now: clock.now, singleProcess: false });
    const { id } = await r.start(teacher());
    // Another instance revokes it: nothing tells this one.
    await w.t.db.session.update({ where: { id }, data: { revokedAt: clock.now(), revokedReason: "sign_out" } });
    clock.advance(500);
    expect((await r.check(id)).active).toBe(true);
    clock.advance(500);
    expect(await r.check(id)).toEqual({ active: false, reason: "revoked" });
    await r.close();
  });
});

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL: the cross-instance session tests need Redis");

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 10): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return performance.now() - started;
}

describe.skipIf(!redisUrl)("two app instances sharing Redis", () => {
  function instance(channel: string, url = redisUrl as string) {
    const bus = createRedisRevocationBus({ url, channel });
    return { bus, registry: registry({ bus, singleProcess: false, hub: createRevocationHub() }) };
  }

  it("refuses a session in the other instance within 1 s of its revocation", async () => {
    const channel = `test:sessions:${crypto.randomUUID()}`;
    const a = instance(channel);
    const b = instance(channel);
    try {
      await until(() => a.bus.synced() && b.bus.synced(), 5_000);
      const { id } = await a.registry.start(teacher());
      expect((await b.registry.check(id)).active).toBe(true);
      const readsBefore = b.registry.stats.reads;
      expect((await b.registry.check(id)).active).toBe(true);
      expect(b.registry.stats.reads, "B answers from its cache while nothing changed").toBe(readsBefore);

      await a.registry.revoke(id, "sign_out");
      const elapsed = await until(async () => !(await b.registry.check(id)).active, 1_000, 5);
      expect(elapsed).toBeLessThan(1_000);
    } finally {
      await a.registry.close();
      await b.registry.close();
    }
  });

  it("passes on the revocations services announce on the process hub", async () => {
    const channel = `test:sessions:${crypto.randomUUID()}`;
    const hubA = createRevocationHub();
    const busA = createRedisRevocationBus({ url: redisUrl as string, channel });
    const a = registry({ bus: busA, singleProcess: false, hub: hubA });
    const b = instance(channel);
    try {
      await until(() => busA.synced() && b.bus.synced(), 5_000);
      const { id } = await a.start(teacher());
      expect((await b.registry.check(id)).active).toBe(true);
      await w.t.db.session.update({ where: { id }, data: { revokedAt: new Date(), revokedReason: "deactivated" } });
      hubA.announce({ userIds: [teacher().userId] });
      await until(async () => !(await b.registry.check(id)).active, 1_000, 5);
    } finally {
      await a.close();
      await b.registry.close();
    }
  });
});

describe.skipIf(!redisUrl)("with Redis stopped mid-way", () => {
  it("trusts its cache for 1 s while Redis is away, and for longer again once it is back", async () => {
    const { spawn } = await import("node:child_process");
    const { createServer } = await import("node:net");
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const startRedis = () =>
      spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
        stdio: "ignore",
      });
    let server = startRedis();
    const channel = "test:sessions:outage";
    const url = `redis://127.0.0.1:${port}`;
    const bus = createRedisRevocationBus({ url, channel });
    const r = registry({ bus, singleProcess: false });
    try {
      await until(() => bus.synced(), 5_000);
      const { id } = await r.start(teacher());
      expect((await r.check(id)).active).toBe(true);

      server.kill("SIGKILL");
      await until(() => !bus.synced(), 5_000);
      // Another instance revokes it while nobody can tell this one.
      await w.t.db.session.update({ where: { id }, data: { revokedAt: new Date(), revokedReason: "sign_out" } });
      const elapsed = await until(async () => !(await r.check(id)).active, 1_500, 20);
      expect(elapsed).toBeLessThan(1_100);

      server = startRedis();
      await until(() => bus.synced(), 10_000, 50);
      const other = await r.start(teacher());
      const readsBefore = r.stats.reads;
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await r.check(other.id)).active).toBe(true);
      expect(r.stats.reads, "back on the bus, a cached session is trusted past 1 s").toBe(readsBefore);
    } finally {
      await r.close();
      server.kill("SIGKILL");
    }
  });
});
