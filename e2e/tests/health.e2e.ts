// The health routes through the production build over real HTTP: the seeds' bare paths (/health,
// /health/agents, rewrites of the API's), readiness with the e2e setup's realtime server, and who
// may read the agents' details.
import { expect } from "@playwright/test";
import { DEMO, signIn, test } from "./helpers";

test("/health answers as /api/health: alive, nothing else, uncached", async ({ request }) => {
  const res = await request.get("/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
  expect(res.headers()["cache-control"]).toContain("no-store");
});

test("readiness is 200 with the database, queue and the realtime server up", async ({ request }) => {
  const res = await request.get("/api/health/ready");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { status: string; checks: Record<string, { status: string }>; down: string[] };
  expect(body.status).toBe("ready");
  expect(body.down).toEqual([]);
  expect(body.checks.database?.status).toBe("up");
  expect(body.checks.queue?.status).toBe("up");
  expect(body.checks.realtime?.status).toBe("up");
  expect(body.checks.model?.status).toBe("up");
});

test("/api/health/realtime says the realtime server answers", async ({ request }) => {
  const res = await request.get("/api/health/realtime");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "up" });
});

test("/health/agents asks an anonymous caller for a bearer token", async ({ request }) => {
  const res = await request.get("/health/agents", { headers: { accept: "application/json" } });
  expect(res.status()).toBe(401);
  expect(res.headers()["www-authenticate"]).toBe('Bearer realm="health"');
});

test("/health/agents gives a signed-in admin the queue, workers and breakers", async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  const res = await page.request.get("/health/agents");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    status: string;
    queue: { depths: unknown };
    workers: unknown[];
    breaker: string;
  };
  expect(body.queue.depths).not.toBeNull();
  expect(body.breaker).toBe("closed");
  expect(body.workers.length).toBeGreaterThan(0);
});
