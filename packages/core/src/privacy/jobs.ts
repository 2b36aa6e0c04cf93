// The data-protection jobs every scheduler runs (the worker with Redis, the web app without):
// retention, the erasure purge after its grace period, and the clean-up of expired exports.
import type { Database } from "@toolboxai/db";
import { erasurePurgeJob } from "./erasure";
import { failInterruptedExports, purgeExpiredExports } from "./export";
import { type DataProtectionJob, retentionJob } from "./schedule";

/** Expired export files are deleted (the row stays, its link answers 410) and stalled builds fail. */
export const exportCleanupJob: DataProtectionJob = {
  name: "export-cleanup",
  run: async (db: Database, now: Date) => ({
    expired: await purgeExpiredExports(db, now),
    interrupted: await failInterruptedExports(db, now),
  }),
};

export const DATA_PROTECTION_JOBS: readonly DataProtectionJob[] = [retentionJob, erasurePurgeJob, exportCleanupJob];
