// The platform's Prometheus metrics over HTTP: requests counted under route patterns by a real
// node:http server, GET /metrics's guard, the internal listener, and the gauges read at scrape time.
// Scrapes are parsed with parse-prometheus-text-format (its histograms lose their labels, so
// histogram series are read from their `_count` lines).
import http from "node:http";
import type { AddressInfo } from "node:net";
import parsePrometheusTextFormat, { type PrometheusFamily } from "parse-prometheus-text-format";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  metricsAnswer,
  NOT_FOUND_ROUTE,
  observeRequest,
  platformMetrics,
  routePattern,
  startMetricsServer,
} from "./metrics";

const TOKEN = "metrics-token-for-the-tests-0123456789";
const metrics = platformMetrics();

async function scrapeText(): Promise<string> {
  const answer = await metricsAnswer({ method: "GET", authorization: `Bearer ${TOKEN}` }, { token: TOKEN });
  expect(answer.status).toBe(200);
  return answer.body;
}

function family(text: string, name: string): PrometheusFamily | undefined {
  return parsePrometheusTextFormat(text).find((f) => f.name === name);
}

/** The label sets of a histogram's series, from its `_count` lines. */
function histogramSeries(text: string, name: string): Record<string, string>[] {
  const series: Record<string, string>[] = [];
  for (const line of text.split("\n")) {
    const m = new RegExp(`^${name}_count\\{(.*)\\} \\d+`).exec(line);
    if (!m?.[1]) continue;
    series.push(Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]])));
  }
  return series;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});
beforeEach(() => {
  metrics.httpRequestsTotal.reset();
  metrics.httpRequestDuration.reset();
});

async function listen(server: http.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A server observed as serve.mjs observes the web app: content ids answer 200, anything else 404. */
function observedApp(): http.Server {
  return http.createServer((req, res) => {
    observeRequest(req, res);
    const found = /^\/api\/v1\/content\/\w+$/.test(req.url?.split("?")[0] ?? "");
    res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
    res.end(found ? '{"ok":true}' : '{"ok":false}');
  });
}

describe("routePattern", () => {
  it("keeps a path made of words as it is", () => {
    expect(routePattern("/teacher/classes")).toBe("/teacher/classes");
    expect(routePattern("/")).toBe("/");
  });

  it("writes cuids, cuid2s, uuids and numbers as :id", () => {
    expect(routePattern("/api/v1/content/ckx8q2m3n0000qwer1234tyui")).toBe("/api/v1/content/:id");
    expect(routePattern("/api/v1/content/tz4a98xxat96iws9zmbrgj3a/versions/3")).toBe(
      "/api/v1/content/:id/versions/:id",
    );
    expect(routePattern("/x/123e4567-e89b-12d3-a456-426614174000")).toBe("/x/:id");
  });

  it("drops the query string", () => {
    expect(routePattern("/api/v1/metrics/dashboard?force_refresh=true")).toBe("/api/v1/metrics/dashboard");
  });

  it("labels the build's files by their folder", () => {
    expect(routePattern("/_next/static/chunks/app-4f1a2b.js")).toBe("/_next/static");
    expect(routePattern("/_next/image?url=%2Fa.png&w=64")).toBe("/_next/image");
  });

  it("cuts paths deeper than six segments", () => {
    expect(routePattern("/a/b/c/d/e/f/g/h")).toBe("/a/b/c/d/e/f/*");
  });
});

describe("observeRequest", () => {
  it("counts a 200 under its route pattern and a 404 under the one not-found route", async () => {
    const url = await listen(observedApp());
    expect((await fetch(`${url}/api/v1/content/ckx8q2m3n0000qwer1234tyui`)).status).toBe(200);
    expect((await fetch(`${url}/wp-admin/setup.php`)).status).toBe(404);

    const counted = family(await scrapeText(), "http_requests_total")?.metrics ?? [];
    expect(counted).toEqual(
      expect.arrayContaining([
        { labels: { method: "GET", route: "/api/v1/content/:id", status: "200" }, value: "1" },
        { labels: { method: "GET", route: NOT_FOUND_ROUTE, status: "404" }, value: "1" },
      ]),
    );
    expect(counted).toHaveLength(2);
  });

  it("times each request into http_request_duration_seconds under the same labels", async () => {
    const url = await listen(observedApp());
    await fetch(`${url}/api/v1/content/ckx8q2m3n0000qwer1234tyui`);
    await fetch(`${url}/api/v1/content/ckx8q2m3n0000qwer5678tyui`);

    const text = await scrapeText();
    expect(family(text, "http_request_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(histogramSeries(text, "http_request_duration_seconds")).toEqual([
      { method: "GET", route: "/api/v1/content/:id", status: "200" },
    ]);
    expect(text).toMatch(/^http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/content\/:id"[^}]*\} 2$/m);
  });
});

describe("GET /metrics (metricsAnswer)", () => {
  it("answers 404 where no token is configured", async () => {
    const answer = await metricsAnswer({ method: "GET", authorization: `Bearer ${TOKEN}` }, { token: null });
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain("http_requests_total");
  });

  it("answers 401 without the token or with another one", async () => {
    for (const authorization of [null, "Bearer not-the-metrics-token-0123456789", TOKEN]) {
      const answer = await metricsAnswer({ method: "GET", authorization }, { token: TOKEN });
      expect(answer.status).toBe(401);
      expect(answer.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(answer.body).not.toContain("http_requests_total");
    }
  });

  it("answers the Prometheus text format with the token, uncached", async () => {
    const answer = await metricsAnswer({ method: "GET", authorization: `Bearer ${TOKEN}` }, { token: TOKEN });
    expect(answer.headers["content-type"]).toBe(metrics.registry.contentType);
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(family(answer.body, "process_cpu_user_seconds_total")?.type).toBe("COUNTER");
    expect(family(answer.body, "nodejs_heap_size_used_bytes")?.type).toBe("GAUGE");
  });

  it("lists every platform metric under its published name and labels", async () => {
    metrics.apiKeyUsageTotal.inc({ status: "2xx" });
    metrics.agentExecutionsTotal.inc({ agent: "content", status: "SUCCEEDED" });
    metrics.agentExecutionDuration.observe({ agent: "content", status: "SUCCEEDED" }, 1.5);
    metrics.redisCacheHitsTotal.inc({ cache: "metrics" });
    metrics.redisCacheMissesTotal.inc({ cache: "metrics" });
    metrics.httpRequestsTotal.inc({ method: "GET", route: "/", status: "200" });
    metrics.httpRequestDuration.observe({ method: "GET", route: "/", status: "200" }, 0.01);
    const stop = [
      metrics.observeQueue(async () => ({ waiting: 1, active: 0, delayed: 0 })),
      metrics.observeDatabasePool(() => 1),
    ];

    const text = await scrapeText();
    for (const f of stop) f();
    const labelsOf = (name: string) => Object.keys(family(text, name)?.metrics[0]?.labels ?? {}).sort();
    expect(labelsOf("http_requests_total")).toEqual(["method", "route", "status"]);
    expect(labelsOf("api_key_usage_total")).toEqual(["status"]);
    expect(labelsOf("agent_executions_total")).toEqual(["agent", "status"]);
    expect(labelsOf("redis_cache_hits_total")).toEqual(["cache"]);
    expect(labelsOf("redis_cache_misses_total")).toEqual(["cache"]);
    expect(labelsOf("agent_queue_size")).toEqual(["state"]);
    expect(family(text, "database_connections_active")?.type).toBe("GAUGE");
    expect(Object.keys(histogramSeries(text, "http_request_duration_seconds")[0] ?? {}).sort()).toEqual([
      "method",
      "route",
      "status",
    ]);
    expect(Object.keys(histogramSeries(text, "agent_execution_duration_seconds")[0] ?? {}).sort()).toEqual([
      "agent",
      "status",
    ]);
  });
});

describe("the internal listener (startMetricsServer)", () => {
  it("answers GET /metrics without a token, and 404 for every other path", async () => {
    const server = await startMetricsServer({ port: 0 });
    const url = await listenedAt(server);
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(metrics.registry.contentType);
    expect(family(await res.text(), "http_requests_total")?.type).toBe("COUNTER");
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/api/v1/metrics/dashboard`)).status).toBe(404);
  });

  it("requires the token there too when one is configured", async () => {
    const url = await listenedAt(await startMetricsServer({ port: 0, token: TOKEN }));
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it("listens on the loopback interface unless told otherwise", async () => {
    const server = await startMetricsServer({ port: 0 });
    await listenedAt(server);
    expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
  });
});

async function listenedAt(server: http.Server): Promise<string> {
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("gauges read at scrape time", () => {
  it("agent_queue_size sums the observed queues by state", async () => {
    const stopA = metrics.observeQueue(async () => ({ waiting: 3, active: 1, delayed: 0 }));
    const stopB = metrics.observeQueue(async () => ({ waiting: 2, active: 1, delayed: 4 }));
    try {
      const sizes = family(await scrapeText(), "agent_queue_size")?.metrics ?? [];
      expect(sizes).toEqual(
        expect.arrayContaining([
          { labels: { state: "waiting" }, value: "5" },
          { labels: { state: "active" }, value: "2" },
          { labels: { state: "delayed" }, value: "4" },
        ]),
      );
    } finally {
      stopA();
      stopB();
    }
  });

  it("agent_queue_size skips a queue that cannot answer, and the scrape still succeeds", async () => {
    const stopA = metrics.observeQueue(async () => ({ waiting: 2, active: 0, delayed: 0 }));
    const stopB = metrics.observeQueue(() => Promise.reject(new Error("Redis is down")));
    try {
      const sizes = family(await scrapeText(), "agent_queue_size")?.metrics ?? [];
      expect(sizes).toContainEqual({ labels: { state: "waiting" }, value: "2" });
    } finally {
      stopA();
      stopB();
    }
  });

  it("database_connections_active sums the observed pools until they stop being observed", async () => {
    let open = 3;
    const stop = metrics.observeDatabasePool(() => open);
    const stop2 = metrics.observeDatabasePool(() => 1);
    expect(family(await scrapeText(), "database_connections_active")?.metrics).toEqual([{ value: "4" }]);
    open = 5;
    stop2();
    expect(family(await scrapeText(), "database_connections_active")?.metrics).toEqual([{ value: "5" }]);
    stop();
  });
});
