// `pnpm bench` (metrics): the dashboard metrics API through HTTP on a district-sized database.
//
// 1. A fresh PostgreSQL database (toolboxai_bench_<pid>, dropped afterwards) filled with set-based
//    SQL (./seed.ts): 100,000 users, 1,000,000 activity events over 90 days, 100,000 content items,
//    300,000 sessions; then rebuildMetricRollups(db) builds the daily rollups from those rows.
// 2. apps/web's production build (built under /tmp/e2e.lock when stale, then copied, ./server.ts)
//    served by scripts/serve.mjs on a free port with this database and Redis.
// 3. autocannon, 50 connections, each request with the next admin's API key (every caller stays
//    within its limits; a 429 fails the run): a trivial authenticated route (GET /api/v1/me) as the
//    HTTP stack's own baseline, the dashboard uncached (?force_refresh=true) and cached; then the
//    hit-rate scenario (./simulate.ts): 200 admins and teachers loading their dashboards over a
//    simulated 15 minutes while content is published and unpublished through the REST API.
//
// Environment: DATABASE_URL (PostgreSQL; required), REDIS_URL (required: the cache under test is
// the Redis one), BENCH_CONNECTIONS (50), BENCH_UNCACHED (1000), BENCH_CACHED (5000),
// BENCH_BASELINE (3000), BENCH_SIM_USERS (200), BENCH_SIM_MINUTE_MS (4000),
// BENCH_SIM_LOAD_EVERY_S (30, simulated seconds between a user's loads), BENCH_WRITE_EVERY_S (20,
// simulated seconds between writes), BENCH_BUILD (auto | always | never).
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as core from "@toolboxai/core";
import { createDatabase, type Database, readDbEnv } from "@toolboxai/db";
import { applyMigrations } from "@toolboxai/db/migrator";
import type { ApiScope } from "@toolboxai/validators";
import { insertApiKeys } from "./keys";
import { describeStatuses, type LoadResult, load, percentile, scrape } from "./load";
import { type Figure, ms, pct, printTable, round, summarize } from "./report";
import { adminId, DISTRICT, orgIds, seedBenchData, teacherId } from "./seed";
import { makeServeDir, prepareBuild, removeDir, startServer } from "./server";
import { type Caller, simulate } from "./simulate";

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name}=${process.env[name]}: expected a positive number`);
  return value;
};
const CONNECTIONS = num("BENCH_CONNECTIONS", 50);
const UNCACHED = num("BENCH_UNCACHED", 1000);
const CACHED = num("BENCH_CACHED", 5000);
const BASELINE = num("BENCH_BASELINE", 3000);
const SIM_USERS = num("BENCH_SIM_USERS", 200);
const SIM_MINUTE_MS = num("BENCH_SIM_MINUTE_MS", 4000);
const WRITE_EVERY_S = num("BENCH_WRITE_EVERY_S", 20);
const LOAD_EVERY_S = num("BENCH_SIM_LOAD_EVERY_S", 30);
const SIM_MINUTES = 15;
const BUILD = (process.env.BENCH_BUILD ?? "auto") as "auto" | "always" | "never";
const HOW =
  "DATABASE_URL=postgresql://user@host:5432/postgres REDIS_URL=redis://127.0.0.1:6379 pnpm --filter @toolboxai/web bench";

const databaseUrl = process.env.DATABASE_URL?.trim();
const redisUrl = process.env.REDIS_URL?.trim();
if (!databaseUrl?.startsWith("postgres") || !redisUrl) {
  console.log(
    `metrics benchmark NOT RUN: it needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)${databaseUrl?.startsWith("postgres") ? "" : ", DATABASE_URL is not a PostgreSQL URL"}${redisUrl ? "" : ", REDIS_URL is not set"}. To run it: ${HOW}`,
  );
  process.exit(0);
}

const stamp = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const ids = orgIds(stamp);
const dbName = `toolboxai_bench_${process.pid}`;
const benchUrl = new URL(databaseUrl);
benchUrl.pathname = `/${dbName}`;
const secret = randomBytes(32).toString("hex");
const workDir = mkdtempSync(path.join(os.tmpdir(), "toolboxai-bench-"));
const serveDir = path.join(workDir, "web");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const admin = createDatabase({ databaseUrl });
let bench: ReturnType<typeof createDatabase> | null = null;
let server: Awaited<ReturnType<typeof startServer>> | null = null;
let failed = false;

/** The rollups' rebuild, from core (the metrics service). */
async function rebuildRollups(db: Database): Promise<boolean> {
  const rebuild = (core as Record<string, unknown>).rebuildMetricRollups;
  if (typeof rebuild !== "function") return false;
  await (rebuild as (db: Database) => Promise<void>)(db);
  return true;
}

async function cleanRedis(): Promise<void> {
  const redis = core.createLimiterRedis(redisUrl as string);
  try {
    // The limiter's client queues nothing while connecting: wait until it is ready.
    if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
    for (const pattern of [`bench${stamp}:*`, `*bench${stamp}_*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== "0");
    }
  } finally {
    redis.disconnect();
  }
}

let cleaned: Promise<void> | null = null;
/** Stops the server, drops the database, deletes this run's Redis keys and files (once). */
function cleanUp(): Promise<void> {
  cleaned ??= (async () => {
    await server?.stop().catch(() => undefined);
    await bench?.close().catch(() => undefined);
    await admin.db.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
    await admin.close().catch(() => undefined);
    await cleanRedis().catch(() => undefined);
    removeDir(workDir);
  })();
  return cleaned;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(1));
  });
}

function line(label: string, r: LoadResult): string {
  return (
    `${label}: ${r.requests} requests in ${r.seconds.toFixed(1)} s (${r.perSecond.toFixed(0)}/s), ` +
    `p50 ${ms(percentile(r.latencies, 50))}, p95 ${ms(percentile(r.latencies, 95))}, p99 ${ms(percentile(r.latencies, 99))}; ` +
    `server p50 ${ms(percentile(r.serverMs, 50))}, p95 ${ms(percentile(r.serverMs, 95))}; ${describeStatuses(r.statuses)}`
  );
}

try {
  console.log("metrics benchmark");
  console.log(
    `  machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "?"}), Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(2)} at the start; server, PostgreSQL, Redis and the load generator share it`,
  );
  console.log(
    `  database: ${benchUrl.host}/${dbName} (created now, dropped afterwards); Redis at ${new URL(redisUrl).host}`,
  );

  // --- 1. the build (first: a failure here should not wait for the data) ------------------------
  console.log(
    `  build: ${BUILD === "never" ? "reusing apps/web/.next" : "building apps/web if its build is stale"} (waits for /tmp/e2e.lock while another build or e2e run holds it)`,
  );
  const buildStarted = performance.now();
  const built = prepareBuild(serveDir, BUILD, path.join(workDir, "build.log"));
  makeServeDir(serveDir);
  console.log(`  build: ${built}, copied, ${seconds(performance.now() - buildStarted)} with the wait for the lock`);

  // --- 2. data ---------------------------------------------------------------------------------
  await admin.db.$executeRawUnsafe(`CREATE DATABASE "${dbName}"`);
  bench = createDatabase({ databaseUrl: benchUrl.toString() });
  const db = bench.db;
  await applyMigrations({ adapterFactory: bench.connection.adapterFactory, migrationsDir: readDbEnv().migrationsDir });
  const seedStarted = performance.now();
  const timings = await seedBenchData(db, stamp);
  const seedMs = performance.now() - seedStarted;
  for (const t of timings)
    console.log(`  seed ${t.step.padEnd(34)} ${String(t.rows).padStart(9)} rows ${seconds(t.ms).padStart(8)}`);
  console.log(`  seed total ${seconds(seedMs)}`);
  const rollupStarted = performance.now();
  const rolled = await rebuildRollups(db);
  const rollupMs = performance.now() - rollupStarted;
  console.log(
    rolled
      ? `  rebuildMetricRollups(db) ${seconds(rollupMs)}`
      : "  rebuildMetricRollups is not in @toolboxai/core yet: no rollups",
  );

  // Callers: admins by phase (each phase its own, so no caller's per-minute limit is shared), the
  // scenario's teachers, and the writers (teachers who publish and unpublish their own lessons).
  const simAdmins = Math.max(1, Math.round(SIM_USERS * 0.1));
  const simTeachers = SIM_USERS - simAdmins;
  const adminScopes: ApiScope[] = ["metrics:read", "admin"];
  const teacherScopes: ApiScope[] = ["metrics:read", "content:read", "content:write"];
  const phaseAdmins = { uncached: 40, cached: 140, baseline: 80 };
  let nextAdmin = 0;
  const admins = (count: number) =>
    Array.from({ length: count }, () => ({
      organizationId: ids.district,
      userId: adminId(ids.district, nextAdmin++),
      scopes: adminScopes,
    }));
  const owners = [
    ...admins(phaseAdmins.uncached),
    ...admins(phaseAdmins.cached),
    ...admins(phaseAdmins.baseline),
    ...admins(simAdmins),
    ...Array.from({ length: simTeachers }, (_, i) => ({
      organizationId: ids.district,
      userId: teacherId(ids.district, i),
      scopes: teacherScopes,
    })),
  ];
  if (nextAdmin > DISTRICT.admins)
    throw new Error(`${nextAdmin} admin callers needed, the district has ${DISTRICT.admins}`);
  const keys = await insertApiKeys(db, secret, owners);
  let k = 0;
  const take = (n: number) => {
    const slice = keys.slice(k, k + n);
    k += n;
    return slice;
  };
  const keyOf = {
    uncached: take(phaseAdmins.uncached),
    cached: take(phaseAdmins.cached),
    baseline: take(phaseAdmins.baseline),
    simAdmins: take(simAdmins),
    simTeachers: take(simTeachers),
  };

  // --- 3. server -------------------------------------------------------------------------------
  const metricsToken = randomBytes(24).toString("hex");
  server = await startServer(
    serveDir,
    {
      DATABASE_URL: benchUrl.toString(),
      REDIS_URL: redisUrl,
      NEXTAUTH_SECRET: secret,
      RATE_LIMIT_PREFIX: `bench${stamp}`,
      METRICS_TOKEN: metricsToken,
      APP_URL: "http://127.0.0.1",
    },
    path.join(workDir, "server.log"),
  );
  console.log(`  server: ${server.url} (build ${built}; log ${path.join(workDir, "server.log")})`);

  // --- 4. load -----------------------------------------------------------------------------------
  const base = { url: server.url, connections: CONNECTIONS };
  const dashboard = "/api/v1/metrics/dashboard";
  // Warm-up (JIT, pools, the first computation): not counted.
  await load({ ...base, path: "/api/v1/me", keys: keyOf.simAdmins, amount: 100 });
  await load({ ...base, path: dashboard, keys: keyOf.simAdmins, amount: 50 });

  const baseline = await load({ ...base, path: "/api/v1/me", keys: keyOf.baseline, amount: BASELINE });
  console.log(line("  GET /api/v1/me (baseline)", baseline));
  // One at a time: a request's own cost, without waiting behind 49 others on two cores.
  const baselineSerial = await load({ ...base, connections: 1, path: "/api/v1/me", keys: keyOf.baseline, amount: 200 });
  console.log(line("  GET /api/v1/me (baseline), 1 connection", baselineSerial));
  const serial = await load({
    ...base,
    connections: 1,
    path: `${dashboard}?force_refresh=true`,
    keys: keyOf.uncached,
    amount: 20,
  });
  console.log(line("  dashboard uncached, 1 connection", serial));
  const uncached = await load({
    ...base,
    path: `${dashboard}?force_refresh=true`,
    keys: keyOf.uncached,
    amount: UNCACHED,
  });
  console.log(line(`  dashboard uncached, ${CONNECTIONS} connections`, uncached));
  console.log(
    `    ${uncached.generatedAt.size} computations answered those ${uncached.requests} requests (a forced refresh joins one already running for the same key)`,
  );
  const cached = await load({ ...base, path: dashboard, keys: keyOf.cached, amount: CACHED });
  console.log(line(`  dashboard cached, ${CONNECTIONS} connections`, cached));
  const cachedSerial = await load({ ...base, connections: 1, path: dashboard, keys: keyOf.cached, amount: 200 });
  console.log(line("  dashboard cached, 1 connection", cachedSerial));

  // Lessons for the writers to publish and unpublish (created through the API, so they are valid).
  // The writers are four of the scenario's teachers: a write changes their own dashboard and the
  // organization's, as a teacher publishing a lesson does.
  const writers = [];
  for (const key of keyOf.simTeachers.slice(0, 4)) {
    const contentIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/v1/content`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          type: "LESSON",
          title: `Bench lesson ${i + 1}`,
          subject: "Science",
          gradeLevel: "7",
          body: { sections: [{ id: "s1", heading: "Intro", markdown: "Hello", media: [] }] },
        }),
      });
      const created = (await res.json()) as { id?: string };
      if (!res.ok || !created.id) throw new Error(`creating a lesson failed: ${res.status} ${JSON.stringify(created)}`);
      contentIds.push(created.id);
    }
    writers.push({ key, contentIds });
  }
  const callers: Caller[] = [
    ...keyOf.simAdmins.map((key) => ({ key, role: "ADMIN" as const })),
    ...keyOf.simTeachers.map((key) => ({ key, role: "TEACHER" as const })),
  ];
  const promBefore = await scrape(server.url, metricsToken);
  const scenario = {
    url: server.url,
    callers,
    writers,
    minuteMs: SIM_MINUTE_MS,
    simulatedMinutes: SIM_MINUTES,
    loadEveryMinutes: LOAD_EVERY_S / 60,
    writeEverySeconds: WRITE_EVERY_S,
  };
  console.log(
    `  scenario parameters: ${callers.length} users (${simAdmins} admins, ${simTeachers} teachers) keep a dashboard open for ${SIM_MINUTES} simulated minutes ` +
      `and reload it every ${LOAD_EVERY_S} simulated s (±25%, the first load at a random moment of the first interval, so the cold start counts); ` +
      `${writers.length} of the teachers publish or unpublish a lesson, one write every ${WRITE_EVERY_S} simulated s ` +
      `(${(60 / WRITE_EVERY_S).toFixed(1)} a minute); 1 simulated minute = ${SIM_MINUTE_MS / 1000} s real; the pages' refetch on dashboard.changed is not simulated`,
  );
  const sim = await simulate(scenario);
  const promAfter = await scrape(server.url, metricsToken);
  const hitRate = (sim.hits / sim.lookups) * 100;
  const misses = sim.misses.cold + sim.misses.invalidated + sim.misses.other;
  console.log(
    `  scenario: ${callers.length} callers (${simAdmins} admins sharing the organization's answer, ${simTeachers} teachers with their own), ` +
      `${sim.lookups} loads in ${sim.realSeconds.toFixed(1)} s real (${SIM_MINUTES} simulated minutes, 1 = ${SIM_MINUTE_MS / 1000} s), ` +
      `${sim.writes} writes (${sim.writeFailures} failed); misses: ${sim.misses.cold} cold, ${sim.misses.invalidated} after a write, ${sim.misses.other} other; ${describeStatuses(sim.statuses)}`,
  );
  const promHits = promAfter && promBefore ? promAfter.hits - promBefore.hits : Number.NaN;
  const promMisses = promAfter && promBefore ? promAfter.misses - promBefore.misses : Number.NaN;
  const promRate = (promHits / (promHits + promMisses)) * 100;
  console.log(
    promAfter
      ? `  /metrics cross-check: redis_cache_hits_total +${promHits}, redis_cache_misses_total +${promMisses} (cache="metrics") during the scenario: ${pct(promRate)}`
      : "  /metrics cross-check: not available",
  );

  // --- 5. report ---------------------------------------------------------------------------------
  const p = (r: LoadResult, q: number) => percentile(r.latencies, q);
  const runs = [baseline, baselineSerial, serial, uncached, cached, cachedSerial];
  const limited = runs.reduce((a, r) => a + (r.statuses.get(429) ?? 0), 0) + (sim.statuses.get(429) ?? 0);
  const errors =
    runs.reduce((a, r) => a + r.requests - (r.statuses.get(200) ?? 0), 0) +
    sim.writeFailures +
    [...sim.statuses.entries()].reduce((a, [s, n]) => a + (s === 200 ? 0 : n), 0);
  const figures: Figure[] = [
    {
      measure: `GET /api/v1/me (baseline), ${CONNECTIONS} conn, p50 / p95`,
      value: `${ms(p(baseline, 50))} / ${ms(p(baseline, 95))}`,
    },
    {
      measure: "GET /api/v1/me (baseline), 1 conn, p50 / p95",
      value: `${ms(p(baselineSerial, 50))} / ${ms(p(baselineSerial, 95))}`,
    },
    { measure: "dashboard uncached, 1 conn, p50 / p95", value: `${ms(p(serial, 50))} / ${ms(p(serial, 95))}` },
    { measure: `dashboard uncached, ${CONNECTIONS} conn, p50`, seeds: "", value: ms(p(uncached, 50)) },
    {
      measure: `dashboard uncached, ${CONNECTIONS} conn, p95`,
      seeds: "300 ms",
      target: "<= 30 ms",
      value: ms(p(uncached, 95)),
      met: p(uncached, 95) <= 30,
    },
    { measure: `dashboard cached, ${CONNECTIONS} conn, p50`, value: ms(p(cached, 50)) },
    {
      measure: `dashboard cached, ${CONNECTIONS} conn, p95`,
      seeds: "50 ms",
      target: "<= 5 ms",
      value: ms(p(cached, 95)),
      met: p(cached, 95) <= 5,
    },
    {
      measure: `hit rate, ${callers.length} users, ${SIM_MINUTES} sim. min, load every ${LOAD_EVERY_S} s, write every ${WRITE_EVERY_S} s`,
      seeds: "85%",
      target: ">= 95%",
      value: pct(hitRate),
      met: hitRate >= 95,
    },
    { measure: "hit rate, /metrics counters (cross-check)", value: pct(promRate) },
    {
      measure: "dashboard cached, 1 conn, p50 / p95",
      value: `${ms(p(cachedSerial, 50))} / ${ms(p(cachedSerial, 95))}`,
    },
    {
      measure: "hit rate ceiling with no writes (1 - cold misses / loads)",
      value: pct((1 - sim.misses.cold / sim.lookups) * 100),
    },
    {
      measure: `server time (X-Request-Duration) cached, ${CONNECTIONS} conn, p95`,
      value: ms(percentile(cached.serverMs, 95)),
    },
    { measure: "server time cached, 1 conn, p95", value: ms(percentile(cachedSerial.serverMs, 95)) },
    { measure: "server time uncached, 1 conn, p95", value: ms(percentile(serial.serverMs, 95)) },
    { measure: "server time baseline, 1 conn, p95", value: ms(percentile(baselineSerial.serverMs, 95)) },
    { measure: "429s / other errors", value: `${limited} / ${errors - limited}`, met: errors === 0 },
  ];
  printTable(
    `Dashboard metrics through HTTP (${DISTRICT.users.toLocaleString("en-US")} users, ${DISTRICT.events.toLocaleString("en-US")} events, ${DISTRICT.content.toLocaleString("en-US")} content items; autocannon on the same machine)`,
    figures,
  );
  const summary = {
    bench: "metrics",
    machine: { cpus: os.cpus().length, node: process.version, loadavg: round(os.loadavg()[0] ?? Number.NaN) },
    data: { users: DISTRICT.users, events: DISTRICT.events, content: DISTRICT.content, sessions: DISTRICT.sessions },
    seed_ms: round(seedMs, 0),
    rollup_rebuild_ms: rolled ? round(rollupMs, 0) : null,
    connections: CONNECTIONS,
    baseline: summarize(baseline),
    baseline_serial: summarize(baselineSerial),
    uncached_serial: summarize(serial),
    uncached: summarize(uncached),
    cached: summarize(cached),
    cached_serial: summarize(cachedSerial),
    hit_rate: {
      users: callers.length,
      lookups: sim.lookups,
      hits: sim.hits,
      rate: round(hitRate),
      misses: { ...sim.misses, total: misses },
      ceiling_without_writes: round((1 - sim.misses.cold / sim.lookups) * 100),
      writes: sim.writes,
      scenario: {
        minutes: SIM_MINUTES,
        load_every_s: LOAD_EVERY_S,
        write_every_s: WRITE_EVERY_S,
        minute_ms: SIM_MINUTE_MS,
        writers: writers.length,
      },
      prometheus: promAfter ? { hits: promHits, misses: promMisses, rate: round(promRate) } : null,
    },
    seeds: { uncached_ms: 300, cached_ms: 50, hit_rate: 85 },
    targets: { uncached_p95_ms: 30, cached_p95_ms: 5, hit_rate: 95 },
    met: {
      uncached_p95: p(uncached, 95) <= 30,
      cached_p95: p(cached, 95) <= 5,
      hit_rate: hitRate >= 95,
    },
    rate_limited: limited,
    errors,
  };
  console.log(JSON.stringify(summary));
  if (limited > 0) console.error(`${limited} requests were refused with 429: the figures are not valid.`);
  failed = errors > 0;
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
