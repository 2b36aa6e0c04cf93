// The production server's metrics listener (scripts/serve-metrics.mjs, started by serve.mjs when
// METRICS_PORT is set): only GET /metrics, on the loopback interface unless METRICS_HOST says
// otherwise, counting what the server's own observer counted.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
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
    const token = "internal-metrics-token-0123456789";
    expect(
      serveMetrics.internalMetricsAddress({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0", METRICS_TOKEN: token })
        ?.host,
    ).toBe("0.0.0.0");
  });

  it("refuses a METRICS_HOST beyond loopback without METRICS_TOKEN, naming both", () => {
    expect(() => serveMetrics.internalMetricsAddress({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" })).toThrow(
      /^METRICS_HOST="0\.0\.0\.0" is not a loopback address, so METRICS_TOKEN is required/,
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

describe("route labels from the build (requestObserverFor)", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "serve-metrics-"));
  const appDir = path.join(root, "apps", "web");
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  // A build's routes manifest (as Next writes it) beside the committed OpenAPI document.
  mkdirSync(path.join(appDir, ".next"), { recursive: true });
  mkdirSync(path.join(root, "packages", "sdk"), { recursive: true });
  writeFileSync(
    path.join(appDir, ".next", "routes-manifest.json"),
    JSON.stringify({
      staticRoutes: [{ page: "/teacher", regex: "^/teacher(?:/)?$" }],
      dynamicRoutes: [
        { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
        { page: "/api/v1/[...path]", regex: "^/api/v1/(.+?)(?:/)?$" },
      ],
      rewrites: { beforeFiles: [], afterFiles: [{ source: "/health" }], fallback: [] },
    }),
  );
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
  cpSync(path.join(repo, "packages", "sdk", "openapi.json"), path.join(root, "packages", "sdk", "openapi.json"));

  async function serveThrough(observe: ReturnType<typeof serveMetrics.requestObserverFor>, paths: string[]) {
    const app = http.createServer((req, res) => {
      observe(req, res);
      res.writeHead(req.url?.startsWith("/api/auth/") ? 400 : 401).end();
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    try {
      for (const p of paths) await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}${p}`);
    } finally {
      await closeServer(app);
    }
  }

  it("labels REST paths with the committed OpenAPI document's templates", async () => {
    const observe = serveMetrics.requestObserverFor(appDir);
    const port = await freePort();
    const metrics = await serveMetrics.startInternalMetrics({ METRICS_PORT: String(port) });
    try {
      await serveThrough(observe, ["/api/v1/analytics/trends/anon-1", "/api/v1/nothing-here", "/api/auth/zz-qq"]);
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).toContain('route="/api/v1/analytics/trends/{metric}",status="401"');
      expect(text).toContain('route="(unmatched)",status="401"');
      expect(text).toContain('route="/api/auth/[...nextauth]",status="400"');
      expect(text).not.toContain("anon-1");
      expect(text).not.toContain("nothing-here");
    } finally {
      if (metrics) await closeServer(metrics);
    }
  });

  it("falls back to the path heuristic without a build, and in dev mode", () => {
    expect(serveMetrics.requestObserverFor(root)).toBe(serveMetrics.observeRequest);
    expect(serveMetrics.requestObserverFor(appDir, { dev: true })).toBe(serveMetrics.observeRequest);
  });
});
