// Realtime's health: whether the Pusher-compatible server answers, and the publisher's counts.
import type { RealtimeHealth } from "@toolboxai/validators";
import type { PublisherStats } from "../realtime/publisher";
import { type Probe, runCheck } from "./readiness";

export async function checkRealtimeHealth(
  deps: { probe: Probe | null; stats: PublisherStats },
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<RealtimeHealth> {
  const check = await runCheck(
    deps.probe ? { required: false, probe: deps.probe } : { required: false, notConfigured: true },
    options.timeoutMs,
  );
  return {
    status: check.status,
    time: (options.now?.() ?? new Date()).toISOString(),
    latencyMs: check.latencyMs,
    ...(check.error ? { error: check.error } : {}),
    publisher: { configured: deps.probe !== null, ...deps.stats },
  };
}
