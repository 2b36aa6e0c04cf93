// The limiter on Redis, as two app instances use it: each with its own ioredis connection to one
// Redis. The test starts a redis-server of its own (so it can stop it mid-test) on a free port.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import net from "node:net";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimiterRedis, createRateLimiter, type RateLimiter } from "./limiter";

const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;
if (process.env.CI && !hasRedisServer)
  throw new Error("CI must provide redis-server: the rate limiter's Redis tests start one");

const rule = { points: 5, duration: 60, perPlan: false, penalize: false, description: "test" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let port = 0;
let server: ChildProcess | null = null;

async function startRedis(): Promise<void> {
  server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not listen on port ${port}`);
}

async function stopRedis(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

function whenReady(client: Redis): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise((resolve) => client.once("ready", () => resolve()));
}

describe.skipIf(!hasRedisServer)("the limiter on Redis", () => {
  const clients: Redis[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  let a: RateLimiter;
  let b: RateLimiter;
  const logger = {
    warn: (msg: unknown) => warnings.push(String(msg)),
    info: (msg: unknown) => infos.push(String(msg)),
    error: () => {},
  };

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    const keyPrefix = `rl-test-${Date.now()}`;
    for (let i = 0; i < 2; i++) clients.push(createLimiterRedis(`redis://127.0.0.1:${port}`));
    await Promise.all(clients.map(whenReady));
    const [first, second] = clients as [Redis, Redis];
    a = createRateLimiter({ redis: first, keyPrefix, limits: { "api.user": rule }, logger });
    b = createRateLimiter({ redis: second, keyPrefix, limits: { "api.user": rule }, logger });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await stopRedis();
  });

  it("stores its counts in Redis", () => {
    expect(a.store).toBe("redis");
  });

  it("holds one limit across two instances: calls on either count against it", async () => {
    const allowed = [];
    for (const limiter of [a, b, a, b, a, b, a]) allowed.push((await limiter.hit("api.user", "shared")).allowed);
    expect(allowed).toEqual([true, true, true, true, true, false, false]);
  });

  it("shares sign-in blocks: failures on one instance block the email and IP on the other", async () => {
    for (let i = 0; i < 5; i++) await (i % 2 === 0 ? a : b).signIn.failed("ava@school.test", "203.0.113.7");
    expect(await b.signIn.blocked("ava@school.test", "203.0.113.7")).toBe(60);
    expect(await a.signIn.blocked("ava@school.test", "203.0.113.7")).toBe(60);
  });

  it("keeps answering from memory while Redis is down, with the same limits, and warns", async () => {
    await stopRedis();
    const started = Date.now();
    const allowed = [];
    for (let i = 0; i < 6; i++) allowed.push((await a.hit("api.user", "during-outage")).allowed);
    expect(allowed).toEqual([true, true, true, true, true, false]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await a.signIn.failed("ben@school.test", "203.0.113.8")).toBeNull();
    expect(warnings.some((w) => /Redis is unreachable/.test(w))).toBe(true);
  });

  it("goes back to shared counts in Redis when it returns", async () => {
    await startRedis();
    await Promise.all(clients.map(whenReady));
    const allowed = [];
    for (const limiter of [a, b, a, b, a, b]) allowed.push((await limiter.hit("api.user", "after-outage")).allowed);
    expect(allowed).toEqual([true, true, true, true, true, false]);
    expect(infos.some((m) => /Redis is back/.test(m))).toBe(true);
  });
});
