// The breaker board: every task-running process reports its circuit breaker, and the status any
// process answers shows the worst of them (in memory for one process, on Redis for many).
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BreakerBoard,
  createMemoryBreakerBoard,
  createRedisBreakerBoard,
  worstBreakerState,
} from "./breaker-board";
import { noopPublisher } from "./events";
import { type AgentRuntime, createAgentRuntime } from "./runtime";
import { type FakeOpenAI, startFakeOpenAI } from "./testing/fake-openai";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL: the Redis breaker board tests need Redis");

const prefix = `test-breakers-${process.pid}-${Date.now().toString(36)}`;
const boards: [string, (staleMs: number) => BreakerBoard][] = [["memory", (ms) => createMemoryBreakerBoard(ms)]];
let redis: Redis | null = null;
if (redisUrl) {
  redis = new Redis(redisUrl);
  const client = redis;
  let n = 0;
  boards.push(["redis", (staleMs) => createRedisBreakerBoard(client, { prefix: `${prefix}-${n++}`, staleMs })]);
}

afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe("worstBreakerState", () => {
  it("is open if any process is open, else half-open if any is, else closed", () => {
    expect(worstBreakerState(["closed", "half-open", "open"])).toBe("open");
    expect(worstBreakerState(["closed", "half-open"])).toBe("half-open");
    expect(worstBreakerState(["closed"])).toBe("closed");
  });

  it("is closed when no process has reported", () => {
    expect(worstBreakerState([])).toBe("closed");
  });
});

describe.each(boards)("the %s breaker board", (_name, make) => {
  it("lists each process's latest report, by name", async () => {
    const board = make(30_000);
    await board.report({ process: "worker:b:2", role: "worker", state: "closed", at: 1_000 });
    await board.report({ process: "worker:a:1", role: "worker", state: "closed", at: 1_000 });
    await board.report({ process: "worker:b:2", role: "worker", state: "open", at: 2_000 });
    expect(await board.read(2_000)).toEqual([
      { process: "worker:a:1", role: "worker", state: "closed", at: 1_000 },
      { process: "worker:b:2", role: "worker", state: "open", at: 2_000 },
    ]);
  });

  it("drops a process that has not reported within the stale period", async () => {
    const board = make(5_000);
    await board.report({ process: "worker:gone:1", role: "worker", state: "open", at: 1_000 });
    await board.report({ process: "web:here:2", role: "web", state: "closed", at: 5_500 });
    expect((await board.read(6_500)).map((r) => r.process)).toEqual(["web:here:2"]);
  });

  it("forgets a process that removes itself", async () => {
    const board = make(30_000);
    await board.report({ process: "worker:x:1", role: "worker", state: "half-open", at: 1_000 });
    await board.remove("worker:x:1");
    expect(await board.read(1_000)).toEqual([]);
  });
});

describe.runIf(redis)("the Redis breaker board", () => {
  it("ignores a damaged entry instead of failing the status", async () => {
    const client = redis as Redis;
    const board = createRedisBreakerBoard(client, { prefix: `${prefix}-damaged` });
    await client.hset(`${prefix}-damaged:agents:breakers`, "worker:bad:1", "{not json");
    await board.report({ process: "worker:ok:2", role: "worker", state: "closed", at: Date.now() });
    expect((await board.read()).map((r) => r.process)).toEqual(["worker:ok:2"]);
  });
});

describe.runIf(redisUrl)("the agents' status across processes (Redis)", () => {
  let t: TestDatabase;
  let fake: FakeOpenAI;
  let worker: AgentRuntime;
  let web: AgentRuntime;
  const queuePrefix = `${prefix}-runtime`;

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startFakeOpenAI();
    fake.setDefault({ status: 500 });
    const config = {
      openai: { apiKey: "test", model: "fake-model", baseURL: fake.url },
      redisUrl,
      concurrency: 1,
      attempts: 1,
      timeoutMs: 2_000,
      queuePrefix,
      resilience: { maxAttempts: 1, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } },
    };
    const common = { db: t.db, config, materialize: async () => [], publisher: noopPublisher };
    worker = createAgentRuntime({ ...common, consume: true, role: "worker" });
    web = createAgentRuntime({ ...common, consume: false, role: "web" });
  });

  afterAll(async () => {
    await worker?.close();
    await web?.close();
    await fake?.close();
    await t?.close();
  });

  it("shows a worker's open breaker in the web process's status", async () => {
    await expect(
      worker.provider.chat({
        agent: "content",
        messages: [{ role: "user", content: "hello" }],
        jsonSchema: { type: "object" },
        schemaName: "content",
        input: {},
      }),
    ).rejects.toThrow();
    expect(worker.provider.breakerState()).toBe("open");

    let status = await web.status();
    for (let i = 0; i < 100 && status.breaker !== "open"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = await web.status();
    }
    expect(status.breaker).toBe("open");
    expect(status.processes).toEqual([expect.objectContaining({ role: "worker", breaker: "open" })]);
  });

  it("lists no process once the worker has shut down, so the admin sees that none runs tasks", async () => {
    await worker.close();
    const status = await web.status();
    expect(status.processes).toEqual([]);
    expect(status.breaker).toBe("closed");
  });
});

describe("the agents' status in a single process", () => {
  it("reports this process's own breaker when no other process exists", async () => {
    const t = await createTestDatabase();
    const runtime = createAgentRuntime({
      db: t.db,
      config: { openai: { model: "offline" }, concurrency: 1, attempts: 1, timeoutMs: 1_000 },
      materialize: async () => [],
      publisher: noopPublisher,
    });
    try {
      const status = await runtime.status();
      expect(status).toMatchObject({ queue: "in-process", breaker: "closed" });
      expect(status.processes).toEqual([expect.objectContaining({ role: "web", breaker: "closed" })]);
    } finally {
      await runtime.close();
      await t.close();
    }
  });
});
