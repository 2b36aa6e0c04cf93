// The production server the benchmark measures: apps/web's own build served by scripts/serve.mjs
// (as `pnpm start`), from a private copy of the build so another build in the same work tree can't
// change it under the running server. Building and copying hold /tmp/e2e.lock (the work tree's
// lock for apps/web/.next); a build is reused when it is newer than every source file it holds.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = path.resolve(webDir, "../..");
const LOCK = "/tmp/e2e.lock";

/** Sources the build is made of (tests excluded): a build older than any of them is stale. */
const SOURCES = ["apps/web/src", "apps/web/next.config.ts", "packages/*/src"];

function haveFlock(): boolean {
  return spawnSync("flock", ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * Builds apps/web when its build is missing or stale (`mode` "auto"), always ("always") or never
 * ("never"), then copies it to `into`; all under the lock. Resolves to what it did.
 */
export function prepareBuild(into: string, mode: "auto" | "always" | "never", log: string): string {
  const next = path.join(webDir, ".next");
  const stale = `[ ! -f ${next}/BUILD_ID ] || [ -n "$(find ${SOURCES.join(" ")} -newer ${next}/BUILD_ID -type f ! -name '*.test.ts' ! -name '*.test.tsx' -print -quit 2>/dev/null)" ]`;
  const build = `pnpm --filter @toolboxai/web build >${log} 2>&1 || { echo "build failed: see ${log}" >&2; exit 3; }`;
  const decide =
    mode === "always"
      ? `${build}; echo built`
      : mode === "never"
        ? `[ -f ${next}/BUILD_ID ] || { echo "no build in ${next} (BENCH_BUILD=never)" >&2; exit 4; }; echo reused`
        : `if ${stale}; then ${build}; echo built; else echo reused; fi`;
  // The build without its caches (.next/cache, .next/dev: over a gigabyte, not needed to serve).
  const copy = `mkdir -p ${into}/.next && tar -C ${next} --exclude=./cache --exclude=./dev -cf - . | tar -C ${into}/.next -xf -`;
  const script = `cd ${repoDir} && ${decide} && ${copy}`;
  const args = haveFlock() ? [LOCK, "bash", "-c", script] : ["-c", script];
  const run = spawnSync(haveFlock() ? "flock" : "bash", args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (run.status !== 0) throw new Error(`preparing the build failed (exit ${run.status})`);
  return run.stdout.trim().split("\n").at(-1) ?? "";
}

/**
 * A directory Next can serve from: the copied .next, its externals' links made absolute (they are
 * relative to apps/web/.next), and links to apps/web's sources, packages and public files.
 */
export function makeServeDir(dir: string): void {
  const externals = path.join(dir, ".next/node_modules");
  const relinks = (folder: string, original: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const at = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        const target = path.resolve(original, readlinkSync(at));
        unlinkSync(at);
        symlinkSync(target, at);
      } else if (entry.isDirectory()) relinks(at, path.join(original, entry.name));
    }
  };
  relinks(externals, path.join(webDir, ".next/node_modules"));
  for (const name of ["node_modules", "src", "public"]) symlinkSync(path.join(webDir, name), path.join(dir, name));
  for (const name of ["package.json", "next.config.ts", "tsconfig.json"])
    cpSync(path.join(webDir, name), path.join(dir, name));
  // serve.mjs serves the directory it sits in (its import.meta.url), so it is copied, not linked.
  mkdirSync(path.join(dir, "scripts"), { recursive: true });
  cpSync(path.join(webDir, "scripts"), path.join(dir, "scripts"), { recursive: true });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node scripts/serve.mjs` in `dir` and resolves once it answers /api/health. */
export async function startServer(dir: string, env: Record<string, string>, logFile: string): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { openSync } = await import("node:fs");
  const out = openSync(logFile, "a");
  const child = spawn(process.execPath, ["scripts/serve.mjs"], {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", out, out],
  });
  let exited: number | string | null = null;
  child.on("exit", (code, signal) => {
    exited = signal ?? code;
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null) throw new Error(`the web server exited (${exited}) before answering: see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`the web server did not answer within 90 s: see ${logFile}`);
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    process: child,
    async stop() {
      if (exited !== null) return;
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 6_000);
      await done;
      clearTimeout(timer);
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
