// How many benchmark clients the open-file limit allows. Each client is one socket in the bench
// process and one in the server child (which inherits the same limit), on top of what Node itself
// keeps open (libraries, pipes, the HTTP API connections). Node raises its soft limit to the hard
// limit at start-up, so the limit a Node process sees is already as high as it can go without root.
import { spawnSync } from "node:child_process";

/** Descriptors a process needs besides one per client. */
export const FD_OVERHEAD = 64;
/** Below this many clients a fan-out benchmark measures nothing worth printing. */
export const MIN_CLIENTS = 10;

export interface ClientPlan {
  /** Clients to connect. */
  clients: number;
  /** What changed, why, and how to get the requested count (empty when it just fits). */
  notes: string[];
}

/**
 * Fits the requested client count to this process's open-file limit (`Infinity` for "unlimited",
 * NaN when unknown): the requested count when it fits, else as many clients as fit, with a note
 * saying exactly how to run the full count.
 */
export function planClients(requested: number, limit: number): ClientPlan {
  const need = requested + FD_OVERHEAD;
  // An unknown limit is no reason to refuse: running out of descriptors still is, and is reported.
  if (Number.isNaN(limit) || limit >= need) return { clients: requested, notes: [] };
  const clients = Math.max(0, limit - FD_OVERHEAD);
  return {
    clients,
    notes: [
      `note: the open-file limit (ulimit -n) is ${limit}, room for ${clients} clients, not the ${requested} requested: running with ${clients}.`,
      `      For ${requested} clients raise it to at least ${need} in the shell that runs the benchmark ` +
        `(\`ulimit -n ${need}\`; above the hard limit \`ulimit -Hn\` only root can, or a nofile entry in ` +
        `/etc/security/limits.conf)${clients >= MIN_CLIENTS ? `, or ask for fewer: BENCH_CLIENTS=${clients} pnpm bench` : ""}.`,
    ],
  };
}

/** This process's open-file limit (`ulimit -n`), as a shell it starts reports it; NaN if unknown. */
export function openFileLimit(): number {
  const text = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout?.trim() ?? "";
  if (text === "unlimited") return Number.POSITIVE_INFINITY;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
