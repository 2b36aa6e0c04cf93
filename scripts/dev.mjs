// `pnpm dev` (after migrate + seed): the web app and apps/realtime side by side under turbo.
// Unless PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET are all set (your own Pusher app or server),
// both processes get the local server's settings, so realtime works with no set-up. Any PUSHER_*
// you did set is kept (e.g. PUSHER_PORT=6002 moves the local server and the web app together).
// --continue=dependencies-successful: if apps/realtime cannot start (port taken), the web app keeps
// running; its pages then poll.
import { spawn } from "node:child_process";

const env = { ...process.env };
const local = {
  PUSHER_APP_ID: "app-id",
  PUSHER_KEY: "app-key",
  PUSHER_SECRET: "app-secret",
  PUSHER_HOST: "127.0.0.1",
  PUSHER_PORT: "6001",
  PUSHER_TLS: "false",
};
const ownApp = Boolean(env.PUSHER_APP_ID && env.PUSHER_KEY && env.PUSHER_SECRET);
if (ownApp) {
  const where = env.PUSHER_HOST ? `${env.PUSHER_HOST}:${env.PUSHER_PORT ?? "(default port)"}` : "Pusher's cloud";
  console.log(`realtime: using PUSHER_* from the environment (${where}); apps/realtime starts too.`);
} else {
  for (const [name, value] of Object.entries(local)) if (!env[name]) env[name] = value;
  console.log(`realtime: local apps/realtime on ws://${env.PUSHER_HOST}:${env.PUSHER_PORT} (key ${env.PUSHER_KEY})`);
}

const args = [
  "run",
  "dev",
  "--filter=@toolboxai/web",
  "--filter=@toolboxai/realtime",
  "--continue=dependencies-successful",
  ...process.argv.slice(2),
];
const turbo = spawn("turbo", args, { env, stdio: "inherit", shell: process.platform === "win32" });
// Ctrl-C reaches turbo directly (same process group); forward other signals, then leave with its code.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => turbo.kill(signal));
turbo.on("error", (err) => {
  console.error(`could not start turbo: ${err.message}`);
  process.exit(1);
});
turbo.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
