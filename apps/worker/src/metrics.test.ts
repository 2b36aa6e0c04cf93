// The worker's GET /metrics (startWorkerMetrics, as main.ts starts it) over real HTTP: its own
// agent series and Node's defaults, behind METRICS_TOKEN when set, and no listener without a port.
import { createInProcessQueue } from "@toolboxai/agents/queue/in-process";
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkerEnv } from "./env";
import { startWorkerMetrics } from "./metrics";

const TOKEN = "worker-metrics-token-0123456789abcdef";
const quiet = { info() {} };
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

/** Each metric family's type, from the `# TYPE` lines of a scrape. */
function typesOf(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]));
}

describe("the worker's metrics listener", () => {
  it("serves the agents' series and Node's defaults on WORKER_METRICS_PORT", async () => {
    const queue = createInProcessQueue(() => new Promise(() => {}), { concurrency: 1 });
    await queue.enqueue("task-1");
    await queue.enqueue("task-2");
    const metrics = await startWorkerMetrics(
      { token: null, web: null, worker: { port: 0, host: "127.0.0.1" } },
      t,
      quiet,
    );
    try {
      const res = await fetch(metrics?.url ?? "");
      expect(res.status).toBe(200);
      const text = await res.text();
      const types = typesOf(text);
      expect(types.get("agent_executions_total")).toBe("counter");
      expect(types.get("agent_execution_duration_seconds")).toBe("histogram");
      expect(types.get("agent_queue_size")).toBe("gauge");
      expect(types.get("database_connections_active")).toBe("gauge");
      expect(types.get("process_cpu_user_seconds_total")).toBe("counter");
      expect(text).toMatch(/^agent_queue_size\{state="waiting"\} 1$/m);
      expect(text).toMatch(/^agent_queue_size\{state="active"\} 1$/m);
    } finally {
      await metrics?.close();
      void queue.close();
    }
  });

  it("requires METRICS_TOKEN as a bearer when it is set", async () => {
    const metrics = await startWorkerMetrics(
      { token: TOKEN, web: null, worker: { port: 0, host: "127.0.0.1" } },
      t,
      quiet,
    );
    try {
      const url = metrics?.url ?? "";
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-0123456789abcdef" } })).status).toBe(
        401,
      );
      expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await metrics?.close();
    }
  });

  it("answers 404 beside /metrics", async () => {
    const metrics = await startWorkerMetrics(
      { token: null, web: null, worker: { port: 0, host: "127.0.0.1" } },
      t,
      quiet,
    );
    try {
      expect((await fetch((metrics?.url ?? "").replace(/\/metrics$/, "/"))).status).toBe(404);
    } finally {
      await metrics?.close();
    }
  });

  it("opens no listener without WORKER_METRICS_PORT", async () => {
    expect(await startWorkerMetrics(readWorkerEnv({}).metrics, t, quiet)).toBeNull();
  });
});

describe("the worker's metrics configuration", () => {
  it("listens on the loopback interface by default", () => {
    expect(readWorkerEnv({ WORKER_METRICS_PORT: "9464" }).metrics.worker).toEqual({ port: 9464, host: "127.0.0.1" });
  });

  it("refuses a port that is not one, and a short token", () => {
    expect(() => readWorkerEnv({ WORKER_METRICS_PORT: "99999" })).toThrow(
      /WORKER_METRICS_PORT="99999": expected a port/,
    );
    expect(() => readWorkerEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 24 characters/);
  });
});
