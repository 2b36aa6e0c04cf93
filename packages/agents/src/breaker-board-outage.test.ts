// A Redis outage under the breaker board's client: ioredis retries in the background, and the
// board logs one warning per outage instead of ioredis' stack trace per retry (which it prints for
// a client with no 'error' listener). A throwaway redis-server plays the outage and the recovery.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRedisBreakerBoard, type OutageLogger } from "./breaker-board";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

const started: ChildProcess[] = [];
const clients: Redis[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  for (const p of started.splice(0)) {
    p.kill("SIGKILL");
    await new Promise((r) => (p.exitCode === null && p.signalCode === null ? p.once("exit", r) : r(null)));
  }
  vi.restoreAllMocks();
});

function startRedis(port: number): ChildProcess {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const server = spawn("redis-server", args, { stdio: "ignore" });
  started.push(server);
  return server;
}

function quickClient(port: number): Redis {
  const client = new Redis({ port, host: "127.0.0.1", retryStrategy: () => 20, maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
}

const until = async (check: () => boolean, ms = 5_000) => {
  for (let waited = 0; !check() && waited < ms; waited += 20) await new Promise((r) => setTimeout(r, 20));
};

describe("the Redis breaker board during an outage", () => {
  it("logs one warning for many failed reconnections, and ioredis prints nothing", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.fn<OutageLogger["warn"]>();
    const client = quickClient(await freePort());
    let attempts = 0;
    client.on("reconnecting", () => attempts++);
    createRedisBreakerBoard(client, { prefix: `test-outage-${process.pid}`, logger: { warn } });
    await until(() => attempts >= 10);
    expect(attempts).toBeGreaterThanOrEqual(10);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toMatch(/Redis unreachable/);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("warns again for a second outage after Redis came back", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const port = await freePort();
    const warn = vi.fn<OutageLogger["warn"]>();
    const client = quickClient(port);
    createRedisBreakerBoard(client, { prefix: `test-outage-${process.pid}`, logger: { warn } });
    await until(() => warn.mock.calls.length === 1);
    const server = startRedis(port);
    await until(() => client.status === "ready");
    expect(client.status).toBe("ready");
    server.kill("SIGKILL");
    await until(() => warn.mock.calls.length === 2);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
