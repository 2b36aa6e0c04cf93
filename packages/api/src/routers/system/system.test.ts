// The System page's procedures: readiness of each part, the metrics cache, who of the organization
// is connected to realtime (asked of a stand-in realtime server here), the version, and clearing
// the cache. Admins only; each admin sees their own organization's numbers.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { channels } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let server: http.Server;
/** The occupied channels the stand-in realtime server lists. */
let occupied: string[] = [];
const realtimeRequests: string[] = [];

beforeAll(async () => {
  // A Pusher-compatible HTTP API answering GET /apps/{id}/channels (the signature is not checked).
  server = http.createServer((req, res) => {
    realtimeRequests.push(req.url ?? "");
    if (req.method === "GET" && req.url?.startsWith("/apps/system-test/channels")) {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ channels: Object.fromEntries(occupied.map((name) => [name, {}])) }));
      return;
    }
    res.statusCode = 404;
    res.end("{}");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  // Read once, on the first status of the process (see ./env.ts).
  Object.assign(process.env, {
    PUSHER_APP_ID: "system-test",
    PUSHER_KEY: "system-key",
    PUSHER_SECRET: "system-secret",
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String((server.address() as AddressInfo).port),
    APP_VERSION: "1.2.3",
    GIT_COMMIT: "abc1234",
  });
  w = await createWorld();
});
afterAll(async () => {
  server.close();
  await w.t.close();
});

const adminCaller = async (org: "a" | "b" = "a") => w.caller(await w.actor(org, "ADMIN"));

describe("system.status", () => {
  it("reports each part's readiness with the database and the queue up", async () => {
    const status = await (await adminCaller()).system.status();
    expect(Object.keys(status.readiness.checks).sort()).toEqual(["database", "model", "queue", "realtime", "redis"]);
    expect(status.readiness.checks.database).toMatchObject({ status: "up", required: true });
    expect(status.readiness.checks.queue).toMatchObject({ status: "up", detail: "in-process" });
    expect(status.readiness.checks.realtime).toMatchObject({ status: "up", required: false });
    expect(status.readiness.checks.model).toMatchObject({ status: "up", detail: "offline model" });
    expect(status.readiness.status).toBe("ready");
  });

  it("reports the version and commit the deployment names", async () => {
    const status = await (await adminCaller()).system.status();
    expect(status.version).toEqual({ version: "1.2.3", commit: "abc1234", node: process.version });
  });

  it("counts this instance's metrics cache lookups", async () => {
    const admin = await adminCaller();
    const before = (await admin.system.status()).metricsCache;
    await admin.metrics.dashboard({});
    await admin.metrics.dashboard({});
    const after = (await admin.system.status()).metricsCache;
    expect(after.hits + after.misses).toBe(before.hits + before.misses + 2);
    expect(after.hitRate).toBe(after.hits / (after.hits + after.misses));
  });

  it("counts the organization's connected people and occupied channels, not another's", async () => {
    occupied = [
      channels.user(w.users.a.TEACHER.id),
      channels.user(w.users.a.STUDENT.id),
      channels.orgDashboard(w.orgs.a),
      channels.user(w.users.b.TEACHER.id),
      channels.orgDashboard(w.orgs.b),
    ];
    expect((await (await adminCaller("a")).system.status()).realtime).toMatchObject({
      configured: true,
      connectedPeople: 2,
      occupiedChannels: 3,
    });
    expect((await (await adminCaller("b")).system.status()).realtime).toMatchObject({
      connectedPeople: 1,
      occupiedChannels: 2,
    });
    expect(realtimeRequests.some((url) => url.startsWith("/apps/system-test/channels"))).toBe(true);
  });

  it("says why the realtime counts are missing when the server fails", async () => {
    occupied = [];
    const original = server.listeners("request")[0] as http.RequestListener;
    server.removeAllListeners("request");
    server.on("request", (_req, res) => {
      res.statusCode = 500;
      res.end("boom");
    });
    try {
      const { realtime } = await (await adminCaller()).system.status();
      expect(realtime).toMatchObject({ connectedPeople: null, occupiedChannels: null });
      expect(realtime.error).toMatch(/^The realtime server did not answer/);
    } finally {
      server.removeAllListeners("request");
      server.on("request", original);
    }
  });

  it("refuses a teacher", async () => {
    const error = await errorOf(w.caller(await w.actor("a", "TEACHER")).system.status());
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("system.clearMetricsCache", () => {
  it("drops the organization's cached answers, so the next lookup is a miss, and audits it", async () => {
    const admin = await adminCaller();
    await admin.metrics.dashboard({});
    const cleared = await admin.system.clearMetricsCache();
    expect(cleared).toMatchObject({ organization_id: w.orgs.a });
    expect(cleared.invalidated).toBeGreaterThanOrEqual(1);
    const dashboard = await admin.metrics.dashboard({});
    expect(dashboard.cache_metadata.cache_hit).toBe(false);
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { organizationId: w.orgs.a, action: "metrics.cache_cleared" },
      orderBy: { createdAt: "desc" },
    });
    expect(row.actorId).toBe(w.users.a.ADMIN.id);
  });

  it("refuses a teacher", async () => {
    const error = await errorOf(w.caller(await w.actor("a", "TEACHER")).system.clearMetricsCache());
    expect(error.code).toBe("FORBIDDEN");
  });
});
