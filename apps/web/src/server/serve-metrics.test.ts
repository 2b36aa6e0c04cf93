// The production server's metrics listener (scripts/serve-metrics.mjs, started by serve.mjs when
// METRICS_PORT is set): only GET /metrics, on the loopback interface unless METRICS_HOST says
// otherwise, counting what the server's own observer counted.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import * as serveMetrics from "../../scripts/serve-metrics.mjs";

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

const closeServer = (server: http.Server) =>
  new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });

describe("METRICS_PORT (internalMetricsAddress)", () => {
  it("opens no listener when unset", () => {
    expect(serveMetrics.internalMetricsAddress({})).toBeNull();
    expect(serveMetrics.internalMetricsAddress({ METRICS_PORT: " " })).toBeNull();
  });

  it("listens on the loopback interface unless METRICS_HOST is set", () => {
    expect(serveMetrics.internalMetricsAddress({ METRICS_PORT: "9464" })).toEqual({
      port: 9464,
      host: "127.0.0.1",
      token: null,
    });
    expect(serveMetrics.internalMetricsAddress({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" })?.host).toBe(
      "0.0.0.0",
    );
  });

  it("refuses a port that is not one", () => {
    expect(() => serveMetrics.internalMetricsAddress({ METRICS_PORT: "http" })).toThrow(
      /^METRICS_PORT: expected a port/,
    );
  });
});

describe("the internal listener", () => {
  it("answers GET /metrics without a token with what the server's observer counted, and 404 elsewhere", async () => {
    const app = http.createServer((req, res) => {
      serveMetrics.observeRequest(req, res);
      res.writeHead(200).end("page");
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    const port = await freePort();
    const metrics = await serveMetrics.startInternalMetrics({ METRICS_PORT: String(port) });
    try {
      await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}/teacher/classes`);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(
        /^http_requests_total\{method="GET",route="\/teacher\/classes",status="200"\} 1$/m,
      );
      expect((await fetch(`http://127.0.0.1:${port}/teacher/classes`)).status).toBe(404);
    } finally {
      if (metrics) await closeServer(metrics);
      await closeServer(app);
    }
  });

  it("requires METRICS_TOKEN there too when it is set", async () => {
    const port = await freePort();
    const token = "internal-metrics-token-0123456789";
    const metrics = await serveMetrics.startInternalMetrics({ METRICS_PORT: String(port), METRICS_TOKEN: token });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    } finally {
      if (metrics) await closeServer(metrics);
    }
  });
});
