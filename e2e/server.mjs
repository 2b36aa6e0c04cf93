// Starts the production build for the e2e suite on a database of its own: E2E_DATABASE_URL
// (PostgreSQL, as in CI) or a fresh embedded PGlite under .data/e2e. Migrates and seeds first.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.E2E_PORT ?? "3100";
const env = { ...process.env, PORT: port, NEXTAUTH_URL: `http://localhost:${port}`, NODE_ENV: "production" };
delete env.DATABASE_URL;
if (process.env.E2E_DATABASE_URL) {
  env.DATABASE_URL = process.env.E2E_DATABASE_URL;
} else {
  env.PGLITE_DIR = path.join(root, ".data", "e2e", "pglite");
  fs.rmSync(path.dirname(env.PGLITE_DIR), { recursive: true, force: true });
}
env.NEXTAUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret-e2e-secret";

for (const script of ["db:migrate", "db:seed"]) {
  const r = spawnSync("pnpm", ["-s", script], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn("pnpm", ["--filter", "@toolboxai/web", "exec", "next", "start", "--port", port], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
