// The admin panel's System page: readiness of each part (as /api/health/ready reports it to an
// admin), this instance's metrics cache, realtime connections and the version that runs.
import { z } from "zod";
import { readinessSchema } from "./health";

export const systemStatusSchema = z
  .object({
    readiness: readinessSchema,
    metricsCache: z.object({
      /** Lookups this instance answered from the cache since it started. */
      hits: z.number().int().nonnegative(),
      misses: z.number().int().nonnegative(),
      /** hits / (hits + misses); null before the first lookup. */
      hitRate: z.number().min(0).max(1).nullable(),
    }),
    realtime: z.object({
      configured: z.boolean(),
      /**
       * People of the organization with the app open now: its users whose own channel has a
       * subscriber. Null when realtime is off or the server could not be asked.
       */
      connectedPeople: z.number().int().nonnegative().nullable(),
      /** The organization's channels with at least one subscriber. Null as above. */
      occupiedChannels: z.number().int().nonnegative().nullable(),
      /** Why the counts are missing, when they are. */
      error: z.string().optional(),
      /** This instance's publishing since it started. */
      publisher: z.object({
        sent: z.number().int().nonnegative(),
        failed: z.number().int().nonnegative(),
        skipped: z.number().int().nonnegative(),
      }),
    }),
    version: z.object({
      version: z.string(),
      /** The source commit, when the deployment says (GIT_COMMIT or SOURCE_COMMIT). */
      commit: z.string().nullable(),
      node: z.string(),
    }),
    time: z.iso.datetime(),
  })
  .meta({ id: "SystemStatus" });
export type SystemStatus = z.infer<typeof systemStatusSchema>;
