// Where every process that runs agent tasks reports its circuit breaker, so the admin panel and
// the Generate page show the state of the processes that actually call the model (with Redis,
// those are usually apps/worker processes, not the web process that answers the status query).
// In memory for a single process; a Redis hash shared by every process otherwise. A process that
// stops reporting (killed, or gone for longer than `staleMs`) drops off the board.
import type { Redis } from "ioredis";
import type { BreakerState } from "./resilience";

export type ProcessRole = "web" | "worker";

export interface BreakerReport {
  /** `role:host:pid`, unique per process. */
  process: string;
  role: ProcessRole;
  state: BreakerState;
  /** When the process last reported (ms since the epoch). */
  at: number;
}

export interface BreakerBoard {
  /** Records this process's breaker state (also its heartbeat). */
  report(entry: BreakerReport): Promise<void>;
  /** The processes that reported within `staleMs`, by name. */
  read(now?: number): Promise<BreakerReport[]>;
  /** Takes this process off the board (on a clean shutdown). */
  remove(process: string): Promise<void>;
}

/** How long a report counts: three missed heartbeats. */
export const BREAKER_REPORT_STALE_MS = 30_000;

const byName = (a: BreakerReport, b: BreakerReport) => a.process.localeCompare(b.process);

export function createMemoryBreakerBoard(staleMs = BREAKER_REPORT_STALE_MS): BreakerBoard {
  const entries = new Map<string, BreakerReport>();
  return {
    async report(entry) {
      entries.set(entry.process, { ...entry });
    },
    async read(now = Date.now()) {
      return [...entries.values()].filter((e) => now - e.at <= staleMs).sort(byName);
    },
    async remove(process) {
      entries.delete(process);
    },
  };
}

const STATES: readonly BreakerState[] = ["closed", "open", "half-open"];

function parseReport(process: string, text: string): BreakerReport | null {
  try {
    const value = JSON.parse(text) as Partial<BreakerReport>;
    if (!value || typeof value.at !== "number" || !STATES.includes(value.state as BreakerState)) return null;
    const role: ProcessRole = value.role === "web" ? "web" : "worker";
    return { process, role, state: value.state as BreakerState, at: value.at };
  } catch {
    return null;
  }
}

/** Where the board says Redis is unreachable: one warning per outage. */
export interface OutageLogger {
  warn(obj: { err: unknown }, msg: string): void;
}

/**
 * Listens for the client's errors (without a listener, ioredis prints a stack trace for every
 * reconnection attempt): one warning when Redis becomes unreachable, none again until it was back.
 */
function warnOncePerOutage(redis: Redis, logger: OutageLogger | undefined): void {
  let down = false;
  redis.on("error", (err: unknown) => {
    if (down) return;
    down = true;
    logger?.warn({ err }, "agents: Redis unreachable (breaker board); retrying quietly until it is back");
  });
  redis.on("ready", () => {
    down = false;
  });
}

export function createRedisBreakerBoard(
  redis: Redis,
  options: { prefix?: string | undefined; staleMs?: number; logger?: OutageLogger | undefined } = {},
): BreakerBoard {
  const key = `${options.prefix ?? "toolboxai"}:agents:breakers`;
  warnOncePerOutage(redis, options.logger);
  const staleMs = options.staleMs ?? BREAKER_REPORT_STALE_MS;
  return {
    async report(entry) {
      await redis.hset(key, entry.process, JSON.stringify({ role: entry.role, state: entry.state, at: entry.at }));
    },
    async read(now = Date.now()) {
      const all = await redis.hgetall(key);
      const live: BreakerReport[] = [];
      const gone: string[] = [];
      for (const [process, text] of Object.entries(all)) {
        const report = parseReport(process, text);
        if (report && now - report.at <= staleMs) live.push(report);
        else gone.push(process);
      }
      // Processes that died without saying goodbye are swept by whoever reads next.
      if (gone.length > 0) await redis.hdel(key, ...gone);
      return live.sort(byName);
    },
    async remove(process) {
      await redis.hdel(key, process);
    },
  };
}

const SEVERITY: Record<BreakerState, number> = { closed: 0, "half-open": 1, open: 2 };

/** The state to show for the whole system: the worst of the processes' states ("closed" for none). */
export function worstBreakerState(states: readonly BreakerState[]): BreakerState {
  return states.reduce<BreakerState>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), "closed");
}
