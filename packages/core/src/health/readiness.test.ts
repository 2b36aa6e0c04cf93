// Readiness against real parts: an embedded database, Redis (REDIS_URL) and a closed port, a
// TCP server that never answers, the in-process queue, and a local OpenAI-compatible server.
import net from "node:net";
import { createInProcessQueue } from "@toolboxai/agents/queue/in-process";
import { startFakeOpenAI } from "@toolboxai/agents/testing";
import { createDatabase, type DatabaseHandle } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readinessParts } from "./parts";
import { createRedisProbe, databaseProbe, modelProbe, queueProbe, realtimeProbe } from "./probes";
import { checkReadiness, publicReadinessOf } from "./readiness";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL: the readiness tests need Redis");

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let handle: DatabaseHandle;
let silent: net.Server;
let silentPort: number;
const held: net.Socket[] = [];
const queue = createInProcessQueue(async () => {});
const closers: (() => void)[] = [];
beforeAll(async () => {
  handle = createDatabase({ pgliteDir: "memory" });
  await handle.db.$queryRawUnsafe("SELECT 1"); // PGlite's first query boots it
  // Accepts connections and never answers: a hung dependency.
  silent = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const close of closers) close();
  await queue.close();
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await handle.close();
});

/** For checks expected to answer: generous, the test machine may be busy. */
const PATIENT = { timeoutMs: 10_000 };

function redisProbeAt(url: string) {
  const probe = createRedisProbe(url);
  closers.push(probe.close);
  return probe.probe;
}

/** The embedded mode: no Redis, no realtime, the offline model. */
const embedded = () => ({
  database: databaseProbe(handle.db, handle.kind),
  redis: null,
  queue: queueProbe(queue),
  realtime: null,
  model: modelProbe({ model: "offline" }),
});

describe("readiness", () => {
  it("is ready in the embedded mode, Redis and realtime not configured", async () => {
    const report = await checkReadiness(readinessParts(embedded()), PATIENT);
    expect(report.status).toBe("ready");
    expect(report.down).toEqual([]);
    expect(report.checks).toMatchObject({
      database: { status: "up", required: true, detail: "pglite" },
      redis: { status: "not_configured", required: true },
      queue: { status: "up", required: true, detail: "in-process" },
      realtime: { status: "not_configured", required: false },
      model: { status: "up", required: false, detail: "offline model" },
    });
  });

  it.runIf(redisUrl)("is ready with a Redis that answers PING", async () => {
    const report = await checkReadiness(
      readinessParts({ ...embedded(), redis: redisProbeAt(redisUrl as string) }),
      PATIENT,
    );
    expect(report.status).toBe("ready");
    expect(report.checks.redis.status).toBe("up");
  });

  it("is not ready, naming redis, when Redis is configured on a closed port", async () => {
    const port = await closedPort();
    const report = await checkReadiness(
      readinessParts({ ...embedded(), redis: redisProbeAt(`redis://127.0.0.1:${port}`) }),
      PATIENT,
    );
    expect(report.status).toBe("not_ready");
    expect(report.down).toEqual(["redis"]);
    expect(report.checks.redis.status).toBe("down");
    expect(report.checks.redis.error).toBeTruthy();
    expect(report.checks.database.status).toBe("up");
  });

  it("answers within its timeout when a part accepts connections and never replies", async () => {
    const started = performance.now();
    const report = await checkReadiness(
      readinessParts({ ...embedded(), redis: redisProbeAt(`redis://127.0.0.1:${silentPort}`) }),
      { timeoutMs: 300 },
    );
    expect(performance.now() - started).toBeLessThan(1500);
    expect(report.down).toContain("redis");
    expect(report.checks.redis.error).toBe("no answer within 300 ms");
  });

  it("is not ready, naming the database, when the database does not answer", async () => {
    const down = createDatabase({ databaseUrl: `postgresql://nobody@127.0.0.1:${await closedPort()}/none` });
    try {
      const report = await checkReadiness(
        readinessParts({ ...embedded(), database: databaseProbe(down.db, down.kind) }),
        { timeoutMs: 1500 },
      );
      expect(report.down).toEqual(["database"]);
    } finally {
      await down.close().catch(() => {});
    }
  });

  it("stays ready with the realtime server down, listing realtime as degraded", async () => {
    const port = await closedPort();
    const realtime = realtimeProbe({
      appId: "a",
      key: "k",
      secret: "s",
      cluster: "mt1",
      host: "127.0.0.1",
      port,
      useTLS: false,
    });
    const report = await checkReadiness(readinessParts({ ...embedded(), realtime }), PATIENT);
    expect(report.status).toBe("ready");
    expect(report.down).toEqual([]);
    expect(report.degraded).toEqual(["realtime"]);
    expect(report.checks.realtime).toMatchObject({ status: "down", required: false });
    expect(report.checks.realtime.error).toMatch(/ECONNREFUSED/);
  });
});

describe("the model check", () => {
  it("is up while the OpenAI-compatible server lists its models", async () => {
    const fake = await startFakeOpenAI();
    try {
      const report = await checkReadiness(
        readinessParts({ ...embedded(), model: modelProbe({ apiKey: "k", baseURL: fake.url, model: "fake-model" }) }),
        PATIENT,
      );
      expect(report.checks.model).toMatchObject({ status: "up", detail: "openai-compatible, fake-model" });
    } finally {
      await fake.close();
    }
  });

  it("is down, without making the app unready, when the server has stopped", async () => {
    const fake = await startFakeOpenAI();
    await fake.close();
    const report = await checkReadiness(
      readinessParts({ ...embedded(), model: modelProbe({ baseURL: fake.url, model: "local" }) }),
      PATIENT,
    );
    expect(report.status).toBe("ready");
    expect(report.degraded).toEqual(["model"]);
    expect(report.checks.model).toMatchObject({ status: "down", error: "ECONNREFUSED" });
  });

  it("is down when the server answers the model list with an error status", async () => {
    const fake = await startFakeOpenAI();
    try {
      // A base URL whose /models route the server does not have.
      const report = await checkReadiness(
        readinessParts({ ...embedded(), model: modelProbe({ baseURL: `${fake.url}/nothing`, model: "local" }) }),
        PATIENT,
      );
      expect(report.checks.model).toMatchObject({ status: "down", error: "GET /models answered HTTP 404" });
    } finally {
      await fake.close();
    }
  });
});

describe("what an anonymous caller learns of readiness", () => {
  it("is each part's status and what is down, without errors, timings or details", async () => {
    const port = await closedPort();
    const report = await checkReadiness(
      readinessParts({ ...embedded(), redis: redisProbeAt(`redis://127.0.0.1:${port}`) }),
      PATIENT,
    );
    expect(publicReadinessOf(report)).toEqual({
      status: "not_ready",
      checks: {
        database: { status: "up" },
        redis: { status: "down" },
        queue: { status: "up" },
        realtime: { status: "not_configured" },
        model: { status: "up" },
      },
      down: ["redis"],
    });
  });
});
