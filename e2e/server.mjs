// Starts the production build for the e2e suite on a database of its own: E2E_DATABASE_URL
// (PostgreSQL, as in CI) or a fresh embedded PGlite under .data/e2e. Migrates and seeds first.
// Also starts apps/realtime on E2E_REALTIME_PORT (default 6101) and points the web app at it.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.E2E_PORT ?? "3100";
const realtimePort = process.env.E2E_REALTIME_PORT ?? "6101";
const pusher = {
  PUSHER_APP_ID: "e2e-app",
  PUSHER_KEY: "e2e-key",
  PUSHER_SECRET: "e2e-secret",
  PUSHER_HOST: "127.0.0.1",
  PUSHER_PORT: realtimePort,
  PUSHER_TLS: "false",
};
const env = {
  ...process.env,
  PORT: port,
  NEXTAUTH_URL: `http://localhost:${port}`,
  NODE_ENV: "production",
  // The browser runs in America/Los_Angeles (playwright.config.ts): a different zone on purpose.
  TZ: "UTC",
  ...pusher,
  // The offline model waits this long per call, so a generation's steps (about 7 calls) are seen
  // live in the browser. The cancel test does not race it: it holds a step with the file below.
  OFFLINE_MODEL_LATENCY_MS: "500",
  // While this file exists the offline model's calls wait (the cancel test holds a step with it).
  OFFLINE_MODEL_HOLD_FILE: path.join(root, ".data", "e2e", "model-hold"),
};
delete env.DATABASE_URL;
delete env.PUSHER_CLUSTER;
delete env.PUSHER_PUBLIC_HOST;
delete env.PUSHER_PUBLIC_PORT;
if (process.env.E2E_DATABASE_URL) {
  env.DATABASE_URL = process.env.E2E_DATABASE_URL;
} else {
  env.PGLITE_DIR = path.join(root, ".data", "e2e", "pglite");
  fs.rmSync(path.dirname(env.PGLITE_DIR), { recursive: true, force: true });
}
env.NEXTAUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
// Limits counted in a shared Redis (REDIS_URL) start afresh each run.
env.RATE_LIMIT_PREFIX ??= `rl-e2e-${Date.now()}`;

/** @type {import("node:child_process").ChildProcess[]} */
const children = [];
/** @type {import("node:child_process").ChildProcess | undefined} */
let server;
let stopping = false;
function stopChildren(signal = "SIGTERM") {
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}
process.on("exit", () => stopChildren());
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopChildren(signal);
    // Once the web server runs, leave when it has stopped (its exit handler); before, at once.
    if (!server) process.exit(1);
  });
}

// One node process (no pnpm/tsx wrapper), so killing it really stops the server.
const realtime = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
  cwd: path.join(root, "apps", "realtime"),
  env: { ...process.env, ...pusher, LOG_LEVEL: process.env.E2E_REALTIME_LOG_LEVEL ?? "warn" },
  stdio: "inherit",
});
children.push(realtime);
realtime.on("exit", (code, signal) => {
  if (stopping) return;
  console.error(`e2e: apps/realtime exited (${signal ?? code}); stopping`);
  stopChildren();
  process.exit(1);
});

async function waitForRealtime() {
  const url = `http://127.0.0.1:${realtimePort}/health`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`e2e: apps/realtime did not answer ${url} within 30 s`);
  process.exit(1);
}

for (const script of ["db:migrate", "db:seed"]) {
  const r = spawnSync("pnpm", ["-s", script], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await waitForRealtime();
// The app's production server (`next start` plus the socket address in X-Forwarded-For), as `pnpm start` runs it.
server = spawn(process.execPath, ["scripts/serve.mjs"], {
  cwd: path.join(root, "apps", "web"),
  env,
  stdio: ["inherit", "pipe", "inherit"],
});
children.push(server);
// Its log goes to this process's stdout and to .data/e2e-web.log (new each run), where
// correlation.e2e.ts looks for the lines its requests wrote.
const webLog = path.join(root, ".data", "e2e-web.log");
fs.mkdirSync(path.dirname(webLog), { recursive: true });
server.stdout?.pipe(process.stdout);
server.stdout?.pipe(fs.createWriteStream(webLog));
server.on("exit", (code) => {
  stopChildren();
  process.exit(code ?? 0);
});
