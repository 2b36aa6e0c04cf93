// HEAD on an operation that answers a file, over real HTTP: refused with 405 and the method that
// works, before the procedure runs, so it builds no export and counts nothing against the
// export's hourly limit (the platform's own, in the app's real limiter).
import type { World } from "@toolboxai/api/testing";
import { RATE_LIMITS, type RateLimiter } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, credentialHeaders } from "./client";
import { operation } from "./document";
import { expectStatus } from "./expectations";
import { generousLimits, installRateLimiter, type RestWorld, startRestWorld } from "./world";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("./http-server");
  return {
    ...(await importOriginal<typeof import("next-auth")>()),
    getServerSession: async () => {
      const id = sessionScope.getStore();
      return id ? { user: { id } } : null;
    },
  };
});
vi.mock("~/server/db", () => ({ getDb: () => holder.db }));

const route = await import("~/app/api/v1/[...path]/route");

let rw: RestWorld;
let limiter: RateLimiter;
beforeAll(async () => {
  rw = await startRestWorld(route, (w: World) => {
    holder.db = w.t.db;
  });
  limiter = installRateLimiter({ ...generousLimits(), "metrics.export": RATE_LIMITS["metrics.export"] });
});
afterAll(async () => {
  await limiter?.close();
  await rw?.close();
});

const head = (path: string) =>
  fetch(`${rw.origin}/api/v1${path}`, { method: "HEAD", headers: credentialHeaders(rw.keys.TEACHER) });

describe("HEAD on a download", () => {
  it("answers HEAD /analytics/export/csv with 405 and Allow naming GET", async () => {
    const res = await head("/analytics/export/csv?date_range=7d");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, OPTIONS");
    expect(await res.text()).toBe("");
  });

  it("counts no HEAD against the hourly export limit: after more HEADs than it allows, a GET still gets the whole allowance", async () => {
    const limit = RATE_LIMITS["metrics.export"].points;
    for (let i = 0; i < limit + 2; i++) expect((await head("/analytics/export/json?date_range=7d")).status).toBe(405);
    const op = operation("GET /analytics/export/{format}");
    const res = await call(op, { format: "json", date_range: "7d" }, rw.keys.TEACHER);
    expectStatus(op, res, 200);
    expect(res.headers.get("x-ratelimit-limit")).toBe(String(limit));
    expect(res.headers.get("x-ratelimit-remaining")).toBe(String(limit - 1));
  });
});
