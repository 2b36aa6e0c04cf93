// Readiness: whether this instance can serve, part by part. Every check runs at once, each with a
// bounded wait, so a hung dependency still yields an answer within `timeoutMs`. The app is ready
// when every REQUIRED part is up; an optional part that is down is listed as degraded.
import type { ComponentCheck, PublicReadiness, Readiness, ReadinessComponent } from "@toolboxai/validators";
import { READINESS_COMPONENTS } from "@toolboxai/validators";
import { cachedFor } from "./cached";

/** One check: resolves with a detail (what was checked) when the part answers, throws when not. */
export type Probe = () => Promise<string | undefined>;

/** A part of the platform as this deployment has it: not configured (null), or its probe. */
export type ReadinessPart = { required: boolean; probe: Probe } | { required: boolean; notConfigured: true };

export type ReadinessParts = Record<ReadinessComponent, ReadinessPart>;

export { type Cached, cachedFor } from "./cached";
export { READINESS_LOG_INTERVAL_MS, type ReadinessLogGate, readinessLogGate } from "./readiness-log";

/** How long an instance keeps its readiness report: a burst of calls runs the probes once. */
export const READINESS_CACHE_MS = 5000;
/** How long the model provider's answer is kept (its GET /models counts against the provider's quota). */
export const MODEL_PROBE_CACHE_MS = 60_000;

/** The probe with its outcome (up or down) kept for `ttlMs`, one check at a time. */
export function cachedProbe(probe: Probe, ttlMs: number, now?: () => number): Probe {
  const kept = cachedFor<string | undefined>(ttlMs, now);
  return () => kept.get(probe);
}

export const READINESS_TIMEOUT_MS = 2000;

/** The promise's value, or a rejection naming the wait when it takes longer than `ms`. */
export async function withinMs<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)) || "failed";

/** Runs one part's probe within the deadline; never throws. */
export async function runCheck(part: ReadinessPart, timeoutMs = READINESS_TIMEOUT_MS): Promise<ComponentCheck> {
  if ("notConfigured" in part) return { status: "not_configured", required: part.required, latencyMs: 0 };
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const detail = await withinMs(timeoutMs, Promise.resolve().then(part.probe));
    return { status: "up", required: part.required, latencyMs: latency(), ...(detail ? { detail } : {}) };
  } catch (e) {
    return { status: "down", required: part.required, latencyMs: latency(), error: messageOf(e) };
  }
}

export async function checkReadiness(
  parts: ReadinessParts,
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<Readiness> {
  const results = await Promise.all(READINESS_COMPONENTS.map((name) => runCheck(parts[name], options.timeoutMs)));
  const checks = Object.fromEntries(READINESS_COMPONENTS.map((name, i) => [name, results[i]])) as Record<
    ReadinessComponent,
    ComponentCheck
  >;
  const isDown = (name: ReadinessComponent) => checks[name].status === "down";
  const down = READINESS_COMPONENTS.filter((name) => isDown(name) && checks[name].required);
  const degraded = READINESS_COMPONENTS.filter((name) => isDown(name) && !checks[name].required);
  return {
    status: down.length === 0 ? "ready" : "not_ready",
    time: (options.now?.() ?? new Date()).toISOString(),
    checks,
    down,
    degraded,
  };
}

/** What an anonymous caller learns: each part's status and the required parts that are down. */
export function publicReadinessOf(report: Readiness): PublicReadiness {
  const checks = Object.fromEntries(
    READINESS_COMPONENTS.map((name) => [name, { status: report.checks[name].status }]),
  ) as PublicReadiness["checks"];
  return { status: report.status, checks, down: report.down };
}
