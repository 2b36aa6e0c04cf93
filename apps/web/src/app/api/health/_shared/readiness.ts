// This instance's readiness report, kept for READINESS_CACHE_MS and computed once at a time: a
// load balancer, a monitor and a crowd of anonymous callers polling /api/health/ready run the
// probes at most once per interval between them (the model provider's own answer is kept longer,
// see ./probes.ts). A part that is down is logged at most once a minute while it stays down.
import "server-only";
import {
  type Cached,
  cachedFor,
  checkReadiness,
  READINESS_CACHE_MS,
  type ReadinessLogGate,
  readinessLogGate,
  readinessParts,
} from "@toolboxai/core";
import type { Readiness } from "@toolboxai/validators";
import { logger } from "~/server/logger";
import { readinessProbes } from "./probes";

const globalForReadiness = globalThis as unknown as {
  toolboxReadiness?: { report: Cached<Readiness>; logGate: ReadinessLogGate };
};

function kept() {
  globalForReadiness.toolboxReadiness ??= { report: cachedFor(READINESS_CACHE_MS), logGate: readinessLogGate() };
  return globalForReadiness.toolboxReadiness;
}

async function compute(): Promise<Readiness> {
  const report = await checkReadiness(readinessParts(readinessProbes()));
  const due = kept().logGate(report);
  if (due.length > 0) {
    const checks = Object.fromEntries(due.map((name) => [name, report.checks[name]]));
    const required = due.some((name) => report.checks[name].required);
    logger[required ? "error" : "warn"]({ failing: due, down: report.down, checks }, "readiness check failed");
  }
  return report;
}

/** The readiness report, at most READINESS_CACHE_MS old. */
export function readiness(): Promise<Readiness> {
  return kept().report.get(compute);
}

/** Tests: the next call checks again (the log gate and the model's kept answer stay). */
export function forgetReadiness(): void {
  kept().report.clear();
}
