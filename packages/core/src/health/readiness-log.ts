// Which failing parts of a readiness report to log: each part that is down at most once per
// `intervalMs` while it stays down, so a monitor polling an instance with a broken part writes one
// line a minute about it, not one per poll. A part that recovers and fails again is logged anew.
import type { Readiness, ReadinessComponent } from "@toolboxai/validators";
import { READINESS_COMPONENTS } from "@toolboxai/validators";

export const READINESS_LOG_INTERVAL_MS = 60_000;

/** Given a report, the parts that are down and due for a log line now (none: log nothing). */
export type ReadinessLogGate = (report: Readiness) => ReadinessComponent[];

export function readinessLogGate(
  intervalMs = READINESS_LOG_INTERVAL_MS,
  now: () => number = Date.now,
): ReadinessLogGate {
  const loggedAt = new Map<ReadinessComponent, number>();
  return (report) => {
    const due: ReadinessComponent[] = [];
    for (const name of READINESS_COMPONENTS) {
      if (report.checks[name].status !== "down") {
        loggedAt.delete(name);
        continue;
      }
      const last = loggedAt.get(name);
      if (last !== undefined && now() - last < intervalMs) continue;
      loggedAt.set(name, now());
      due.push(name);
    }
    return due;
  };
}
