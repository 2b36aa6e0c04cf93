import type { ScopedDatabase } from "@toolboxai/db";
import type { Actor } from "./actor";
import type { MetricsCache } from "./metrics/cache";
import type { RealtimePublisher } from "./realtime/publisher";

/** The dependencies every service takes explicitly: a tenant-scoped client and who is acting. */
export interface ServiceContext {
  db: ScopedDatabase;
  actor: Actor;
  /** The request's chain id: the caller's when sane, so the caller may choose it. */
  correlationId?: string | undefined;
  /** The request's own id, always chosen by the server (audit rows carry it). */
  requestId?: string | undefined;
  /** Where realtime events go (see ./realtime-events.ts); without it, services publish nothing. */
  realtime?: RealtimePublisher | undefined;
  /** The metrics cache that events invalidate (see ./metrics/events.ts); without it, there is nothing to invalidate. */
  metricsCache?: MetricsCache | undefined;
}
