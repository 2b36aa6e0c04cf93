// What the metrics services need beyond a ServiceContext: the cache of computed answers, the
// probe that reads this instance's system numbers, and (in tests) a clock.

import type { systemMetricsSchema } from "@toolboxai/validators";
import type { z } from "zod";
import type { MetricsCache } from "./cache";

/** The dashboard's `system_metrics` object. */
export type SystemMetrics = z.infer<typeof systemMetricsSchema>;

export interface MetricsRuntime {
  cache: MetricsCache;
  /** This instance's system numbers (see ./system.ts's createSystemMetricsProbe). */
  system: () => Promise<SystemMetrics>;
  /** The clock ("today", "the last 24 hours"); the real one when absent. */
  now?: () => Date;
}

/** The runtime's clock. */
export function metricsNow(rt: MetricsRuntime): Date {
  return rt.now ? rt.now() : new Date();
}
