// GET /metrics through real HTTP: the app's route module (and the REST API) behind a node:http
// server that counts requests with the production server's own observer (scripts/serve-metrics.mjs),
// so the scrape shows what serve.mjs and the bundled app count into their one shared registry.
// Parsed with parse-prometheus-text-format. The session and the database handle are the test's.
import { createWorld, type World } from "@toolboxai/api/testing";
import parsePrometheusTextFormat, { type PrometheusFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, serveRoutes } from "~/test/rest/http-server";

const TOKEN = vi.hoisted(() => {
  const token = "metrics-token-for-the-route-test-0123456789";
  process.env.METRICS_TOKEN = token; // read once by ~/env when the route is imported
  return token;
});
const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const metricsRoute = await import("./route");
const restRoute = await import("~/app/api/v1/[...path]/route");
const trpcRoute = await import("~/app/api/trpc/[trpc]/route");
const { apiKeyUsageSettled } = await import("~/server/api-key-usage");
const serveMetrics = await import("../../../scripts/serve-metrics.mjs");

const ORIGIN = "http://localhost:3000";
/** Every name the platform publishes (issue 14), beside Node's defaults. */
const PLATFORM_NAMES = [
  "http_requests_total",
  "http_request_duration_seconds",
  "database_connections_active",
  "redis_cache_hits_total",
  "redis_cache_misses_total",
  "api_key_usage_total",
  "agent_executions_total",
  "agent_execution_duration_seconds",
  "agent_queue_size",
];

let w: World;
let server: RunningServer;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  server = await serveRoutes(
    { "/metrics": metricsRoute, "/api/v1": restRoute },
    { onRequest: serveMetrics.observeRequest },
  );
});
afterAll(async () => {
  await server.close();
  await w.t.close();
});

/** A key made by the app for the org's admin, as the key manager makes one. */
async function adminKey(scopes: string[]): Promise<string> {
  session.userId = w.users.a.ADMIN.id;
  try {
    const res = await trpcRoute.POST(
      new Request(`${ORIGIN}/api/trpc/apiKeys.create`, {
        method: "POST",
        headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ json: { name: "Metrics test key", scopes } }),
      }),
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: { data: { json: { secret: string } } } }).result.data.json.secret;
  } finally {
    session.userId = null;
  }
}

async function scrape(): Promise<{ text: string; families: Map<string, PrometheusFamily> }> {
  const res = await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return { text, families: new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f])) };
}

/** The value of the family's series with exactly these labels (0 when there is none yet). */
function sampleValue(family: PrometheusFamily | undefined, labels: Record<string, string>): number {
  const same = (given: Record<string, string> = {}) =>
    Object.keys(given).length === Object.keys(labels).length &&
    Object.entries(labels).every(([name, value]) => given[name] === value);
  return Number(family?.metrics.find((m) => same(m.labels))?.value ?? 0);
}

describe("GET /metrics with METRICS_TOKEN set", () => {
  it("answers 401 to a scrape without the token", async () => {
    const res = await fetch(`${server.origin}/metrics`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("http_requests_total");
  });

  it("answers 401 to a scrape with another token", async () => {
    const res = await fetch(`${server.origin}/metrics`, {
      headers: { authorization: "Bearer another-token-0123456789abcdef" },
    });
    expect(res.status).toBe(401);
  });

  it("publishes every platform metric and Node's defaults in the text format", async () => {
    const { families } = await scrape();
    for (const name of PLATFORM_NAMES) expect(families.has(name), name).toBe(true);
    expect(families.get("http_request_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(families.get("agent_execution_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(families.get("process_resident_memory_bytes")?.type).toBe("GAUGE");
  });

  it("counts a 200 under its route pattern and a 404 under the not-found route", async () => {
    const secret = await adminKey(["content:read"]);
    const before = (await scrape()).families;
    const auth = { authorization: `Bearer ${secret}` };
    expect((await fetch(`${server.origin}/api/v1/content?limit=5`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.origin}/api/v1/content/ckx8q2m3n0000qwer1234tyui`, { headers: auth })).status).toBe(
      404,
    );

    const after = (await scrape()).families;
    const ok = { method: "GET", route: "/api/v1/content", status: "200" };
    const missing = { method: "GET", route: "(not found)", status: "404" };
    const counted = (labels: Record<string, string>) =>
      sampleValue(after.get("http_requests_total"), labels) - sampleValue(before.get("http_requests_total"), labels);
    expect(counted(ok)).toBe(1);
    expect(counted(missing)).toBe(1);
  });

  it("counts the scrapes themselves under /metrics", async () => {
    await scrape();
    const { families } = await scrape();
    expect(
      sampleValue(families.get("http_requests_total"), { method: "GET", route: "/metrics", status: "200" }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("counts REST requests made with an API key in api_key_usage_total by status class", async () => {
    const secret = await adminKey(["content:read"]);
    const before = (await scrape()).families.get("api_key_usage_total");
    const auth = { authorization: `Bearer ${secret}` };
    expect((await fetch(`${server.origin}/api/v1/content`, { headers: auth })).status).toBe(200);
    const refused = await fetch(`${server.origin}/api/v1/content`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ type: "LESSON", title: "Not allowed" }),
    });
    expect(refused.status).toBe(403);
    await apiKeyUsageSettled();

    const after = (await scrape()).families.get("api_key_usage_total");
    expect(sampleValue(after, { status: "2xx" }) - sampleValue(before, { status: "2xx" })).toBe(1);
    expect(sampleValue(after, { status: "4xx" }) - sampleValue(before, { status: "4xx" })).toBe(1);
  });
});

describe("GET /metrics without METRICS_TOKEN", () => {
  it("answers 404, like a page that does not exist", async () => {
    vi.resetModules();
    delete process.env.METRICS_TOKEN;
    try {
      const { GET } = await import("./route");
      const res = await GET(new Request(`${ORIGIN}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("http_requests_total");
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
    }
  });
});
