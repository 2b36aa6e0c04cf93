import type { Database, DatabaseKind } from "@toolboxai/db";
import type { PublisherStats } from "../realtime/publisher";

export interface HealthReport {
  status: "ok" | "unavailable";
  version: string;
  time: string;
  database: { status: "up" | "down"; kind: DatabaseKind; latencyMs: number; error?: string };
  /**
   * Realtime publishing since the process started. Informational: a realtime outage never makes
   * the app unhealthy (pages fall back to polling), but its failures are counted here.
   */
  realtime: { configured: boolean } & PublisherStats;
}

/** Checks the database with a bounded wait, so a hung connection still yields an answer. */
export async function checkHealth(
  deps: {
    db: Database;
    kind: DatabaseKind;
    version: string;
    realtime?: { configured: boolean; stats: PublisherStats };
  },
  timeoutMs = 2000,
): Promise<HealthReport> {
  const started = performance.now();
  let error: string | undefined;
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([deps.db.$queryRawUnsafe("SELECT 1"), timeout]).finally(() => clearTimeout(timer));
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const latencyMs = Math.round(performance.now() - started);
  return {
    status: error ? "unavailable" : "ok",
    version: deps.version,
    time: new Date().toISOString(),
    database: { status: error ? "down" : "up", kind: deps.kind, latencyMs, ...(error ? { error } : {}) },
    realtime: {
      configured: deps.realtime?.configured ?? false,
      ...(deps.realtime?.stats ?? { sent: 0, failed: 0, skipped: 0 }),
    },
  };
}
