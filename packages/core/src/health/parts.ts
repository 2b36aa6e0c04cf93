// Which parts readiness requires, decided once for every deployment:
// - database: always (nothing works without it);
// - redis: when REDIS_URL is set (rate limits, session revocations and the queue go through it);
//   the embedded mode keeps those in memory and has nothing to check;
// - queue: always (BullMQ through Redis, or the in-process queue, which answers while it runs);
// - realtime: optional: publishing never blocks a change and pages fall back to polling;
// - model: optional: generation runs as queued tasks with retries and a circuit breaker, the rest
//   of the app serves without it, and taking every instance out of rotation would not bring it back.
import type { Probe, ReadinessParts } from "./readiness";

export interface ReadinessProbes {
  database: Probe;
  /** Null when REDIS_URL is not set. */
  redis: Probe | null;
  queue: Probe;
  /** Null when realtime is not configured. */
  realtime: Probe | null;
  model: Probe;
}

const part = (probe: Probe | null, required: boolean) =>
  probe ? { required, probe } : ({ required, notConfigured: true } as const);

export function readinessParts(probes: ReadinessProbes): ReadinessParts {
  return {
    database: part(probes.database, true),
    redis: part(probes.redis, true),
    queue: part(probes.queue, true),
    realtime: part(probes.realtime, false),
    model: part(probes.model, false),
  };
}
