// The web app's realtime health checks (@toolboxai/core's realtimeProbe and checkRealtimeHealth)
// against this server, started in-process on an ephemeral port: up with the app's credentials,
// down with a wrong secret (the signed HTTP API refuses it), down once the server has stopped.
import {
  checkRealtimeHealth,
  createRealtimePublisher,
  type RealtimeServerConfig,
  realtimeProbe,
} from "@toolboxai/core";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtimeServer, type RealtimeServer } from "./server";

const APP = { id: "health-test-app", key: "health-test-key", secret: "health-test-secret" };
const silent = pino({ level: "silent" });

let server: RealtimeServer;
let config: RealtimeServerConfig;
beforeAll(async () => {
  server = createRealtimeServer({ port: 0, host: "127.0.0.1", app: APP }, { logger: silent });
  const { port } = await server.start();
  config = { appId: APP.id, key: APP.key, secret: APP.secret, cluster: "mt1", host: "127.0.0.1", port, useTLS: false };
});
afterAll(() => server.stop());

describe("the realtime health check", () => {
  it("is up when the server answers its signed HTTP API with the app's credentials", async () => {
    const publisher = createRealtimePublisher(config, silent);
    publisher.trigger("health-check", "ping", {});
    await publisher.flush();
    const report = await checkRealtimeHealth({ probe: realtimeProbe(config), stats: publisher.stats() });
    expect(report).toMatchObject({ status: "up", publisher: { configured: true, sent: 1, failed: 0 } });
    expect(report.error).toBeUndefined();
  });

  it("is down, saying the server refused the signature, with a wrong secret", async () => {
    const report = await checkRealtimeHealth({
      probe: realtimeProbe({ ...config, secret: "not-the-secret" }),
      stats: { sent: 0, failed: 0, skipped: 0 },
    });
    expect(report.status).toBe("down");
    expect(report.error).toMatch(/^HTTP 401/);
  });

  it("is down once the server has stopped", async () => {
    const stopped = createRealtimeServer({ port: 0, host: "127.0.0.1", app: APP }, { logger: silent });
    const { port } = await stopped.start();
    const probe = realtimeProbe({ ...config, port });
    expect((await checkRealtimeHealth({ probe, stats: { sent: 0, failed: 0, skipped: 0 } })).status).toBe("up");
    await stopped.stop();
    const report = await checkRealtimeHealth({ probe, stats: { sent: 0, failed: 0, skipped: 0 } });
    expect(report.status).toBe("down");
    expect(report.error).toMatch(/ECONNREFUSED|socket hang up|ECONNRESET/);
  });
});
