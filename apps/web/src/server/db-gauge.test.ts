// database_connections_active through the module path the running app uses: the database handle
// ~/server/db hands out (getDatabase's one per process), scraped through the app's GET /metrics
// route module. It counts this process's pool as PostgreSQL sees it (the test's database is its
// own, so pg_stat_activity there is this pool), and reads 0 once pg has closed idle connections:
// the dashboard's database_connections is a different number (every process's, pg_stat_activity).
// PGlite's one connection is counted in packages/db's connections.test.ts.
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TOKEN = vi.hoisted(() => {
  const token = "metrics-token-for-the-gauge-test-0123456789";
  process.env.METRICS_TOKEN = token; // read once by ~/env when the route is imported
  return token;
});
const onPostgres = Boolean(process.env.DATABASE_URL);

let t: TestDatabase;
let route: typeof import("~/app/metrics/route");
let getDb: typeof import("~/server/db").getDb;
beforeAll(async () => {
  t = await createTestDatabase();
  // getDatabase()'s one handle per process (@toolboxai/db keeps it on globalThis): the test's database.
  (globalThis as { __toolboxaiDb?: TestDatabase }).__toolboxaiDb = t;
  ({ getDb } = await import("~/server/db"));
  route = await import("~/app/metrics/route");
});
afterAll(async () => {
  delete (globalThis as { __toolboxaiDb?: TestDatabase }).__toolboxaiDb;
  await t?.close();
});

async function gauge(): Promise<number> {
  const res = await route.GET(
    new Request("http://localhost:3000/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }),
  );
  expect(res.status).toBe(200);
  const family = parsePrometheusTextFormat(await res.text()).find((f) => f.name === "database_connections_active");
  return Number(family?.metrics[0]?.value);
}

describe("database_connections_active in the app", () => {
  it.runIf(onPostgres)("equals the connections PostgreSQL counts for this process's pool", async () => {
    await Promise.all(Array.from({ length: 3 }, () => getDb().$queryRaw`select 1 as one from pg_sleep(0.1)`));
    const [row] = await getDb().$queryRaw<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where datname = current_database()`;
    expect(row?.n).toBeGreaterThanOrEqual(2);
    expect(await gauge()).toBe(row?.n);
  });

  it.runIf(onPostgres)("reads 0 once pg has closed the connections idle for 10 s", { timeout: 30_000 }, async () => {
    await getDb().$queryRaw`select 1 as one`;
    await new Promise((r) => setTimeout(r, 11_000));
    expect(await gauge()).toBe(0);
  });
});
