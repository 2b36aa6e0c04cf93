import type { ScopedDatabase } from "@toolboxai/db";
import type { Actor } from "./actor";
import type { RealtimePublisher } from "./realtime/publisher";

/** The dependencies every service takes explicitly: a tenant-scoped client and who is acting. */
export interface ServiceContext {
  db: ScopedDatabase;
  actor: Actor;
  correlationId?: string | undefined;
  /** Where realtime events go (see ./realtime-events.ts); without it, services publish nothing. */
  realtime?: RealtimePublisher | undefined;
}
