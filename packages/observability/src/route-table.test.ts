// Route labels from a build's route table: requests are served by a real node:http server with the
// statuses reviewers saw grow the series (508 from the proxy, 400 from next-auth, 307 from pages,
// 401 from the REST API), and the scrape must show no new series for random paths.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRequestObserver } from "./http-metrics.mjs";
import { platformMetrics } from "./platform-metrics.mjs";
import { cappedLabeler, OTHER_ROUTE, type RoutesManifest, routeTableLabeler, UNMATCHED_ROUTE } from "./route-table.mjs";

// The shape of .next/routes-manifest.json (regexes as Next writes them).
const manifest: RoutesManifest = {
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/teacher", regex: "^/teacher(?:/)?$" },
    { page: "/api/health", regex: "^/api/health(?:/)?$" },
    { page: "/api/v1/openapi.json", regex: "^/api/v1/openapi\\.json(?:/)?$" },
    { page: "/metrics", regex: "^/metrics(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
    { page: "/api/v1/[...path]", regex: "^/api/v1/(.+?)(?:/)?$" },
    { page: "/teacher/classes/[classId]", regex: "^/teacher/classes/([^/]+?)(?:/)?$" },
  ],
  rewrites: { beforeFiles: [], afterFiles: [{ source: "/health" }], fallback: [] },
};
const openapi = {
  servers: [{ url: "/api/v1" }],
  paths: {
    "/classes/{classId}": {},
    "/classes/join": {},
    "/analytics/trends/{metric}": {},
    "/analytics/export/{format}": {},
  },
};
const publicEntries = [{ name: "docs-assets", directory: true }];

const metrics = platformMetrics();
const servers: http.Server[] = [];
beforeEach(() => {
  metrics.httpRequestsTotal.reset();
  metrics.httpRequestDuration.reset();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** An app answering each path with the status the test asks for in ?status=. */
async function appWithRouteTable(): Promise<string> {
  const observe = createRequestObserver(routeTableLabeler({ manifest, openapi, publicEntries }));
  const server = http.createServer((req, res) => {
    observe(req, res);
    const status = Number(new URL(req.url ?? "/", "http://x").searchParams.get("status") ?? 200);
    res.writeHead(status).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function routesCounted(): Promise<string[]> {
  const { values } = await metrics.httpRequestsTotal.get();
  return [...new Set(values.map((v) => String(v.labels.route)))].sort();
}

const random = () => Math.random().toString(36).slice(2, 10).replace(/\d/g, "x");

describe("route labels from the build's route table", () => {
  it("adds no series for random paths answered 508, 400, 307 or 401", async () => {
    const base = await appWithRouteTable();
    const paths = (n: number) =>
      Array.from({ length: n }, () => [
        `/${random()}/${random()}?status=508`,
        `/api/auth/${random()}?status=400`,
        `/teacher/classes/${random()}?status=307`,
        `/api/v1/analytics/trends/${random()}?status=401`,
        `/api/v1/${random()}/${random()}?status=401`,
      ]).flat();
    for (const p of paths(2)) await fetch(base + p);
    const before = await routesCounted();
    for (const p of paths(10)) await fetch(base + p);
    expect(await routesCounted()).toEqual(before);
    expect(before).toEqual([
      UNMATCHED_ROUTE,
      "/api/auth/[...nextauth]",
      "/api/v1/analytics/trends/{metric}",
      "/teacher/classes/[classId]",
    ]);
  });

  it("labels a REST path by its OpenAPI template, enum segments included", () => {
    const label = routeTableLabeler({ manifest, openapi });
    expect(label("/api/v1/analytics/trends/anon-1", 401)).toBe("/api/v1/analytics/trends/{metric}");
    expect(label("/api/v1/analytics/export/xlsx?date_range=7d", 200)).toBe("/api/v1/analytics/export/{format}");
    expect(label("/api/v1/classes/ckx8q2m3n0000qwer1234tyui", 200)).toBe("/api/v1/classes/{classId}");
  });

  it("prefers a literal REST path over a templated one", () => {
    expect(routeTableLabeler({ manifest, openapi })("/api/v1/classes/join", 200)).toBe("/api/v1/classes/join");
  });

  it("labels unknown REST paths as unmatched, whatever their status", () => {
    const label = routeTableLabeler({ manifest, openapi });
    expect(label("/api/v1/no/such/operation", 200)).toBe(UNMATCHED_ROUTE);
    expect(label("/api/v1/analytics/trends/a/b", 404)).toBe(UNMATCHED_ROUTE);
  });

  it("labels pages, rewrites, public folders, build files and /metrics by their route", () => {
    const label = routeTableLabeler({ manifest, openapi, publicEntries });
    expect(label("/teacher/", 200)).toBe("/teacher");
    expect(label("/teacher/classes/abc?tab=x", 200)).toBe("/teacher/classes/[classId]");
    expect(label("/health", 200)).toBe("/health");
    expect(label("/api/v1/openapi.json", 200)).toBe("/api/v1/openapi.json");
    expect(label("/docs-assets/fonts/a.woff2", 200)).toBe("/docs-assets/*");
    expect(label("/_next/static/chunks/abc.js", 200)).toBe("/_next/static");
    expect(label("/metrics", 401)).toBe("/metrics");
  });
});

describe("the cap on distinct route labels", () => {
  it("sends every label past the cap to (other) and keeps those already handed out", () => {
    const label = cappedLabeler((url) => url, 3);
    expect(["/a", "/b", "/c"].map((u) => label(u, 200))).toEqual(["/a", "/b", "/c"]);
    expect(label("/d", 200)).toBe(OTHER_ROUTE);
    expect(label("/e", 500)).toBe(OTHER_ROUTE);
    expect(label("/b", 200)).toBe("/b");
  });
});
