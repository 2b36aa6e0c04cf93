// The health check. Anyone may ask whether the app is alive (`Liveness`: only "ok" or "error");
// the details (database kind and latency, realtime counters, version) describe the deployment, so
// they go only to an admin or to a monitor presenting the configured health token.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Database, DatabaseKind } from "@toolboxai/db";
import type { PublisherStats } from "../realtime/publisher";

export interface HealthReport {
  status: "ok" | "error";
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
    status: error ? "error" : "ok",
    version: deps.version,
    time: new Date().toISOString(),
    database: { status: error ? "down" : "up", kind: deps.kind, latencyMs, ...(error ? { error } : {}) },
    realtime: {
      configured: deps.realtime?.configured ?? false,
      ...(deps.realtime?.stats ?? { sent: 0, failed: 0, skipped: 0 }),
    },
  };
}

/** What an anonymous caller learns: alive or not, nothing about the deployment. */
export interface Liveness {
  status: "ok" | "error";
}

export function livenessOf(report: HealthReport): Liveness {
  return { status: report.status };
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * Whether an `Authorization` header carries the health token (`Bearer <token>`). Never when no
 * token is configured. The comparison takes the same time whatever the guess (both sides are
 * hashed to equal lengths first, so not even the token's length leaks).
 */
export function presentsHealthToken(authorization: string | null, token: string | null | undefined): boolean {
  if (!token || !authorization) return false;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!match?.[1]) return false;
  return timingSafeEqual(sha256(match[1]), sha256(token));
}
