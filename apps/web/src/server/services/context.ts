import type { ScopedDatabase } from "@toolboxai/db";
import type { Actor } from "~/server/actor";

/** The dependencies every service takes explicitly: a tenant-scoped client and who is acting. */
export interface ServiceContext {
  db: ScopedDatabase;
  actor: Actor;
  correlationId?: string | undefined;
}
