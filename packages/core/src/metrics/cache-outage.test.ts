// The metrics cache when Redis fails, with the client the app uses (createLimiterRedis: no offline
// queue, so commands fail at once while disconnected): lookups are computed without the shared
// cache instead of failing, one warning per outage, and sharing resumes when Redis is back. The
// test starts a redis-server of its own (so it can stop it mid-test) on a free port.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import net from "node:net";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimiterRedis } from "../rate-limit/limiter";
import { createMetricsCache, type MetricsCache, type MetricsCacheKey } from "./cache";

const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;
if (process.env.CI && !hasRedisServer)
  throw new Error("CI must provide redis-server: the cache's outage tests start one");

const key: MetricsCacheKey = { orgId: "org-outage", scope: { kind: "organization" }, endpoint: "dashboard" };
const prefix = `test:metrics-outage:${crypto.randomUUID()}:`;

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

function recordingLogger() {
  const warnings: string[] = [];
  const infos: string[] = [];
  return {
    warnings,
    infos,
    logger: {
      warn: (...args: unknown[]) => warnings.push(String(args.at(-1))),
      info: (...args: unknown[]) => infos.push(String(args.at(-1))),
    },
  };
}

function counting() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    compute: async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { n: calls };
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("with Redis unreachable from the start (a closed port)", () => {
  let client: Redis;
  let cache: MetricsCache;
  const log = recordingLogger();

  beforeAll(async () => {
    client = createLimiterRedis(`redis://127.0.0.1:${await freePort()}`);
    cache = createMetricsCache({ redis: client, prefix, logger: log.logger });
  });
  afterAll(() => client.disconnect());

  it("answers every lookup by computing it, as a miss, instead of failing", async () => {
    const work = counting();
    const before = cache.stats().misses;
    const first = await cache.getOrCompute(key, 900, work.compute);
    const second = await cache.getOrCompute(key, 900, work.compute);
    expect([first.value, second.value]).toEqual([{ n: 1 }, { n: 2 }]);
    expect([first.hit, second.hit]).toEqual([false, false]);
    expect(first.key).toBe("metrics:v1:org-outage:org:dashboard:");
    expect(cache.stats().misses - before).toBe(2);
  });

  it("still computes concurrent lookups of one key once in this process", async () => {
    const work = counting();
    const answers = await Promise.all([1, 2, 3].map(() => cache.getOrCompute(key, 900, work.compute)));
    expect(work.calls).toBe(1);
    expect(answers.map((a) => a.value)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
  });

  it("passes a failing computation's error to the caller", async () => {
    await expect(
      cache.getOrCompute(key, 900, async () => {
        throw new Error("query failed");
      }),
    ).rejects.toThrow("query failed");
  });

  it("skips invalidations, answering that none were dropped", async () => {
    await expect(cache.invalidateOrganization("org-outage")).resolves.toBe(0);
    await expect(cache.invalidateScopes("org-outage", ["t-1"])).resolves.toBe(0);
  });

  it("logs one warning for the outage, however many lookups and reconnection errors", async () => {
    await sleep(300); // ioredis retries the connection meanwhile, failing each time
    for (let i = 0; i < 5; i++) await cache.getOrCompute(key, 900, async () => i);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/Redis is unreachable/);
  });

  it("listens for the client's errors, so ioredis prints no stack per reconnection", () => {
    expect(client.listenerCount("error")).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasRedisServer)("with a Redis that stops and comes back", () => {
  let port = 0;
  let server: ChildProcess | null = null;
  let client: Redis;
  let cache: MetricsCache;
  const log = recordingLogger();

  async function startRedis(): Promise<void> {
    server = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    );
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
      await sleep(50);
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
  const ready = () =>
    client.status === "ready"
      ? Promise.resolve()
      : new Promise<void>((resolve) => client.once("ready", () => resolve()));

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    client = createLimiterRedis(`redis://127.0.0.1:${port}`);
    await ready();
    cache = createMetricsCache({ redis: client, prefix, logger: log.logger });
  });
  afterAll(async () => {
    client.disconnect();
    await stopRedis();
  });

  it("shares answers while Redis is up", async () => {
    const work = counting();
    await cache.getOrCompute(key, 900, work.compute);
    expect((await cache.getOrCompute(key, 900, work.compute)).hit).toBe(true);
    expect(log.warnings).toHaveLength(0);
  });

  it("answers from fresh computations while Redis is down, warning once", async () => {
    await stopRedis();
    const work = counting();
    const started = Date.now();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await cache.getOrCompute(key, 900, work.compute));
    expect(answers.map((a) => [a.value, a.hit])).toEqual([
      [{ n: 1 }, false],
      [{ n: 2 }, false],
      [{ n: 3 }, false],
      [{ n: 4 }, false],
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(log.warnings).toHaveLength(1);
  });

  it("shares answers again once Redis is back, and says so", async () => {
    await startRedis();
    await ready();
    const work = counting();
    const first = await cache.getOrCompute(key, 900, work.compute);
    const second = await cache.getOrCompute(key, 900, work.compute);
    expect([first.hit, second.hit]).toEqual([false, true]);
    expect(second.value).toEqual(first.value);
    expect(log.infos.some((line) => /Redis is back/.test(line))).toBe(true);
    expect(log.warnings).toHaveLength(1);
  });
});
