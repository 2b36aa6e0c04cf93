// `pnpm bench` (realtime): fan-out latency and throughput of apps/realtime.
// The server runs as a child process (its own event loop, as in production); this process holds
// BENCH_CLIENTS (1,000) raw `ws` clients on loopback speaking protocol v7 (connect, subscribe to one
// public channel, answer pings) — lighter than as many pusher-js instances, the same bytes on the
// wire — and triggers events through the HTTP API with the real `pusher` SDK.
//   latency:    BENCH_LATENCY_EVENTS (200) events one at a time, each carrying its send time;
//               trigger-to-receipt latency at every client.
//   throughput: BENCH_THROUGHPUT_EVENTS (2,000) events as batch_events of 10, BENCH_CONCURRENCY (8)
//               requests in flight; events accepted/s and deliveries/s (events × clients / elapsed).
// Figures include this process's own work (signing, parsing 1,000 copies of every event), and it
// shares the machine with the server: they are a floor for a dedicated server, not a ceiling.
// Each client needs an open file in both processes: when the open-file limit is too low the
// benchmark runs with as many clients as fit and says so (and how to run them all).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import Pusher from "pusher";
import { WebSocket } from "ws";
import { FD_OVERHEAD, MIN_CLIENTS, openFileLimit, planClients } from "./fd-limit.js";

const REQUESTED_CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 200);
const THROUGHPUT_EVENTS = Number(process.env.BENCH_THROUGHPUT_EVENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BATCH = 10; // the HTTP API's maximum batch size
const CONNECT_WAVE = 100;
const CHANNEL = "bench-fanout";
const APP = { id: "bench-app", key: "bench-key", secret: "bench-secret" };
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number) => `${fmt(n, n < 10 ? 2 : 1)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

// ------------------------------------------------------------------ file descriptors

if (!Number.isInteger(REQUESTED_CLIENTS) || REQUESTED_CLIENTS < 1) {
  console.error(`BENCH_CLIENTS=${process.env.BENCH_CLIENTS}: expected a whole number of clients, at least 1.`);
  process.exit(1);
}
const plan = planClients(REQUESTED_CLIENTS, openFileLimit());
for (const note of plan.notes) console.log(note);
if (plan.clients < MIN_CLIENTS) {
  console.error(`The open-file limit leaves room for ${plan.clients} clients, too few to measure a fan-out.`);
  process.exit(1);
}
const fdAdvice = `Each client is a socket in this process and another in the server: raise the open-file limit
(e.g. \`ulimit -n ${2 * (REQUESTED_CLIENTS + FD_OVERHEAD)}\`) or use fewer clients, e.g. BENCH_CLIENTS=${Math.floor(plan.clients / 2)} pnpm bench.`;

// ------------------------------------------------------------------ server (child process)

const server = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
  cwd: appDir,
  env: {
    ...process.env,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: "0",
    PUSHER_APP_ID: APP.id,
    PUSHER_KEY: APP.key,
    PUSHER_SECRET: APP.secret,
    LOG_LEVEL: "info",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
let serverExited = false;
let finished = false;
server.on("exit", (code, signal) => {
  serverExited = true;
  if (!finished) {
    console.error(`realtime server exited unexpectedly (${signal ?? code})`);
    process.exit(1);
  }
});
process.on("exit", () => {
  if (!serverExited) server.kill("SIGKILL");
});

const port = await new Promise<number>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("server did not start within 30 s")), 30_000);
  createInterface({ input: server.stdout }).on("line", (line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; port?: number; level?: number };
      if (entry.msg === "realtime server listening" && entry.port) {
        clearTimeout(timer);
        resolve(entry.port);
      } else if ((entry.level ?? 0) >= 40) {
        console.error(`server: ${entry.msg}`);
      }
    } catch {
      // not a log line
    }
  });
});

/** CPU seconds (user + system) the server child has used so far; Linux only (/proc), else NaN. */
function serverCpuSeconds(): number {
  try {
    const stat = readFileSync(`/proc/${server.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    const hz = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
    return ticks / hz;
  } catch {
    return Number.NaN;
  }
}
const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

// ------------------------------------------------------------------ clients

type Handler = (event: string, data: string, at: number) => void;
let onEvent: Handler = () => {};

function connectClient(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/app/${APP.key}?protocol=7&client=bench`);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error("timed out connecting"));
    }, 15_000);
    ws.on("error", (err) => {
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    });
    ws.on("message", (raw) => {
      const at = performance.now();
      const msg = JSON.parse(raw.toString()) as { event: string; data?: string };
      switch (msg.event) {
        case "pusher:connection_established":
          ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: CHANNEL } }));
          return;
        case "pusher_internal:subscription_succeeded":
          clearTimeout(timer);
          resolve(ws);
          return;
        case "pusher:ping":
          ws.send(JSON.stringify({ event: "pusher:pong", data: {} }));
          return;
        default:
          onEvent(msg.event, msg.data ?? "", at);
      }
    });
  });
}

const clients: WebSocket[] = [];
const connectStart = performance.now();
while (clients.length < plan.clients) {
  const wave = Math.min(CONNECT_WAVE, plan.clients - clients.length);
  const results = await Promise.allSettled(Array.from({ length: wave }, connectClient));
  for (const r of results) if (r.status === "fulfilled") clients.push(r.value);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (!failure) continue;
  const err = failure.reason as NodeJS.ErrnoException;
  // Out of descriptors here (EMFILE/ENFILE) or in the server (it resets the connection): carry on
  // with fewer clients, leaving descriptors free for the HTTP API, instead of failing the run.
  const outOfFiles = err.code === "EMFILE" || err.code === "ENFILE" || err.code === "ECONNRESET";
  const reached = clients.length;
  const keep = reached - Math.min(FD_OVERHEAD, Math.floor(reached / 10));
  if (outOfFiles && keep >= MIN_CLIENTS) {
    // Their descriptors are free once the sockets have closed, not when terminate() returns.
    await Promise.all(
      clients.splice(keep).map((ws) => {
        const closed = new Promise((resolve) => ws.once("close", resolve));
        ws.terminate();
        return closed;
      }),
    );
    console.log(
      `note: ran out of open files (${err.code}) after ${reached} of ${plan.clients} clients; running with ${keep}, leaving room for the HTTP API.`,
    );
    console.log(fdAdvice);
    break;
  }
  console.error(`could not connect client ${clients.length + 1} of ${plan.clients}: ${err.message}`);
  if (outOfFiles) console.error(fdAdvice);
  finished = true;
  server.kill("SIGKILL");
  process.exit(1);
}
const connectMs = performance.now() - connectStart;
/** Clients actually connected and subscribed: every event is expected at each of them. */
const CLIENTS = clients.length;

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const api = new Pusher({
  appId: APP.id,
  key: APP.key,
  secret: APP.secret,
  host: "127.0.0.1",
  port: String(port),
  useTLS: false,
  agent,
});

// ------------------------------------------------------------------ (a) latency

const latencies = new Float64Array(LATENCY_EVENTS * CLIENTS);
const fanoutComplete = new Float64Array(LATENCY_EVENTS);
let latencyCount = 0;
let received = 0;
let lastAt = 0;
let allReceived: () => void = () => {};
onEvent = (event, data, at) => {
  if (event !== "lat") return;
  const { t } = JSON.parse(data) as { seq: number; t: number };
  latencies[latencyCount++] = at - t;
  received += 1;
  lastAt = at;
  if (received === CLIENTS) allReceived();
};

// Warm-up (JIT, keep-alive connection), not measured.
for (let i = 0; i < 20; i++) {
  const done = new Promise<void>((r) => {
    allReceived = r;
  });
  received = 0;
  await api.trigger(CHANNEL, "lat", { seq: -1, t: performance.now() });
  await done;
}
latencyCount = 0;

let latencyTimeouts = 0;
for (let seq = 0; seq < LATENCY_EVENTS; seq++) {
  received = 0;
  const done = new Promise<void>((r) => {
    allReceived = r;
  });
  const t = performance.now();
  await api.trigger(CHANNEL, "lat", { seq, t });
  const ok = await Promise.race([done.then(() => true), sleep(10_000).then(() => false)]);
  if (!ok) latencyTimeouts += 1;
  fanoutComplete[seq] = lastAt - t;
}
const latSorted = latencies.slice(0, latencyCount).sort();
const fanSorted = fanoutComplete.slice().sort();

// ------------------------------------------------------------------ (b) throughput

const tpLatencies = new Float64Array(THROUGHPUT_EVENTS * CLIENTS);
let tpCount = 0;
const expected = THROUGHPUT_EVENTS * CLIENTS;
let tpDone: () => void = () => {};
const tpAllDelivered = new Promise<void>((r) => {
  tpDone = r;
});
let deliveredAt = 0;
onEvent = (event, data, at) => {
  if (event !== "tp") return;
  const { t } = JSON.parse(data) as { t: number };
  tpLatencies[tpCount++] = at - t;
  if (tpCount === expected) {
    deliveredAt = at;
    tpDone();
  }
};

const batches = Math.ceil(THROUGHPUT_EVENTS / BATCH);
let nextBatch = 0;
let httpErrors = 0;
const cpuBefore = { server: serverCpuSeconds(), bench: ownCpuSeconds() };
const tpStart = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (nextBatch < batches) {
      const b = nextBatch++;
      const size = Math.min(BATCH, THROUGHPUT_EVENTS - b * BATCH);
      const t = performance.now();
      const events = Array.from({ length: size }, (_, i) => ({
        channel: CHANNEL,
        name: "tp",
        data: { seq: b * BATCH + i, t },
      }));
      try {
        await api.triggerBatch(events);
      } catch {
        httpErrors += 1;
      }
    }
  }),
);
const acceptedAt = performance.now();
const tpFinished = await Promise.race([tpAllDelivered.then(() => true), sleep(120_000).then(() => false)]);
if (!tpFinished) deliveredAt = performance.now();
const cpu = { server: serverCpuSeconds() - cpuBefore.server, bench: ownCpuSeconds() - cpuBefore.bench };
const tpSorted = tpLatencies.slice(0, tpCount).sort();

// ------------------------------------------------------------------ report

const acceptSeconds = (acceptedAt - tpStart) / 1000;
const deliverSeconds = (deliveredAt - tpStart) / 1000;
const eventsAcceptedPerSec = THROUGHPUT_EVENTS / acceptSeconds;
const deliveriesPerSec = tpCount / deliverSeconds;
const eventsDeliveredPerSec = tpCount / CLIENTS / deliverSeconds;

const rows: Array<[string, string, string]> = [
  ["setup", "clients connected + subscribed", `${fmt(clients.length)} in ${ms(connectMs)}`],
  ["latency", "events, one at a time (SDK trigger)", fmt(LATENCY_EVENTS)],
  ["", "deliveries measured", `${fmt(latencyCount)} of ${fmt(LATENCY_EVENTS * CLIENTS)}`],
  ["", "trigger → receipt, p50", ms(percentile(latSorted, 50))],
  ["", "trigger → receipt, p99", ms(percentile(latSorted, 99))],
  ["", "trigger → receipt, max", ms(latSorted[latSorted.length - 1] ?? Number.NaN)],
  [
    "",
    "until the last client has it, p50 / p99",
    `${ms(percentile(fanSorted, 50))} / ${ms(percentile(fanSorted, 99))}`,
  ],
  [
    "throughput",
    "events (batches of 10, in flight)",
    `${fmt(THROUGHPUT_EVENTS)} (${fmt(batches)} requests, ${CONCURRENCY} in flight)`,
  ],
  ["", "deliveries", `${fmt(tpCount)} of ${fmt(expected)}${tpFinished ? "" : " (timed out)"}`],
  ["", "all accepted after", ms(acceptedAt - tpStart)],
  ["", "all delivered after", ms(deliveredAt - tpStart)],
  ["", "events accepted / s", fmt(eventsAcceptedPerSec)],
  ["", "events fully fanned out / s", fmt(eventsDeliveredPerSec)],
  ["", "deliveries / s (events × clients / elapsed)", fmt(deliveriesPerSec)],
  ["", "fan-out ratio (deliveries per event)", `${fmt(tpCount / THROUGHPUT_EVENTS)} : 1`],
  ["", "trigger → receipt under load, p50 / p99", `${ms(percentile(tpSorted, 50))} / ${ms(percentile(tpSorted, 99))}`],
  [
    "",
    "CPU used: server / clients + SDK",
    Number.isNaN(cpu.server)
      ? `n/a / ${fmt(cpu.bench, 1)} s`
      : `${fmt(cpu.server, 1)} s (${fmt((cpu.server / deliverSeconds) * 100)}% of a core) / ${fmt(cpu.bench, 1)} s`,
  ],
  ["", "server CPU per delivery", Number.isNaN(cpu.server) ? "n/a" : `${fmt((cpu.server / tpCount) * 1e6, 2)} µs`],
  ["errors", "HTTP errors / latency-event timeouts", `${httpErrors} / ${latencyTimeouts}`],
];
const header: [string, string, string] = ["phase", "measure", "value"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const [w0 = 0, w1 = 0, w2 = 0] = widths;
const line = (r: [string, string, string]) => `| ${r[0].padEnd(w0)} | ${r[1].padEnd(w1)} | ${r[2].padStart(w2)} |`;

console.log("");
console.log(`Realtime benchmark: apps/realtime in a child process, ${fmt(CLIENTS)} raw \`ws\` clients (protocol v7,`);
console.log(`not pusher-js) on loopback, all subscribed to one public channel; events sent with the \`pusher\` SDK.`);
console.log(
  `Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "?"}), Node ${process.version}, ` +
    `load average ${os.loadavg()[0]?.toFixed(2)} — clients and server share it.`,
);
if (CLIENTS < REQUESTED_CLIENTS) {
  console.log(
    `Fewer clients than the ${fmt(REQUESTED_CLIENTS)} requested: the open-file limit allowed ${fmt(CLIENTS)}.`,
  );
}
console.log("");
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
console.log("");

// ------------------------------------------------------------------ teardown

finished = true;
for (const ws of clients) ws.terminate();
agent.destroy();
server.kill("SIGTERM");
await new Promise<void>((resolve) => {
  if (serverExited) return resolve();
  server.once("exit", () => resolve());
  setTimeout(() => {
    server.kill("SIGKILL");
    resolve();
  }, 5000).unref();
});
process.exit(httpErrors > 0 || latencyTimeouts > 0 || !tpFinished ? 1 : 0);
