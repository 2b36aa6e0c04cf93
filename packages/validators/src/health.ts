// The platform's health: liveness (anyone may learn alive or not, nothing about the deployment),
// readiness (which parts answer), the agents' queue and workers, and realtime. The detailed shapes
// are for admins and monitors holding the health token; anonymous callers get the public ones.
import { z } from "zod";

export const livenessSchema = z
  .object({ status: z.literal("ok") })
  .meta({ id: "Liveness", examples: [{ status: "ok" }] });

/** One part of the platform: it answered, it did not, or this deployment does not use it. */
export const componentStatusSchema = z.enum(["up", "down", "not_configured"]);
export type ComponentStatus = z.infer<typeof componentStatusSchema>;

/** The parts readiness checks, in the order reports list them. */
export const READINESS_COMPONENTS = ["database", "redis", "queue", "realtime", "model"] as const;
export const readinessComponentSchema = z.enum(READINESS_COMPONENTS);
export type ReadinessComponent = z.infer<typeof readinessComponentSchema>;

export const componentCheckSchema = z.object({
  status: componentStatusSchema,
  /** Whether the app is ready only while this part is up (when it is configured). */
  required: z.boolean(),
  /** How long the check took, bounded by its timeout. */
  latencyMs: z.number().int().nonnegative(),
  /** What went wrong: for admins and health-token holders only. */
  error: z.string().optional(),
  /** What was checked (the queue's kind, the model provider), for admins and health-token holders. */
  detail: z.string().optional(),
});
export type ComponentCheck = z.infer<typeof componentCheckSchema>;

export const readinessSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  time: z.iso.datetime(),
  checks: z.record(readinessComponentSchema, componentCheckSchema),
  /** The required parts that are down: why the answer is 503. */
  down: z.array(readinessComponentSchema),
  /** Optional parts that are down: the app serves, with that part degraded. */
  degraded: z.array(readinessComponentSchema),
});
export type Readiness = z.infer<typeof readinessSchema>;

/** What an anonymous caller learns of readiness: the statuses and what is down, no timings or errors. */
export const publicReadinessSchema = z.object({
  status: readinessSchema.shape.status,
  checks: z.record(readinessComponentSchema, z.object({ status: componentStatusSchema })),
  down: z.array(readinessComponentSchema),
});
export type PublicReadiness = z.infer<typeof publicReadinessSchema>;

export const breakerStateSchema = z.enum(["closed", "open", "half-open"]);

/** The agents' queue, the processes running tasks, and their circuit breakers. */
export const agentsHealthSchema = z.object({
  /** down: the queue could not be read; degraded: a breaker is not closed, or no worker runs queued tasks. */
  status: z.enum(["ok", "degraded", "down"]),
  time: z.iso.datetime(),
  provider: z.object({ name: z.string(), model: z.string(), offline: z.boolean() }),
  queue: z.object({
    kind: z.enum(["in-process", "bullmq"]),
    /** Null when the queue did not answer in time. */
    depths: z
      .object({
        waiting: z.number().int().nonnegative(),
        active: z.number().int().nonnegative(),
        delayed: z.number().int().nonnegative(),
        failed: z.number().int().nonnegative(),
      })
      .nullable(),
  }),
  /** Processes that run tasks and reported within the last 30 s; null when the board could not be read. */
  workers: z
    .array(z.object({ name: z.string(), role: z.enum(["web", "worker"]), breaker: breakerStateSchema }))
    .nullable(),
  /** The worst breaker among them. */
  breaker: breakerStateSchema,
  /** Why the status is not ok, as sentences. */
  problems: z.array(z.string()),
});
export type AgentsHealth = z.infer<typeof agentsHealthSchema>;

export const realtimeHealthSchema = z.object({
  status: componentStatusSchema,
  time: z.iso.datetime(),
  latencyMs: z.number().int().nonnegative(),
  error: z.string().optional(),
  /** The publisher's counts since this process started. */
  publisher: z.object({
    configured: z.boolean(),
    sent: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
});
export type RealtimeHealth = z.infer<typeof realtimeHealthSchema>;

/** What an anonymous caller learns of realtime: up, down or not configured. */
export const publicRealtimeHealthSchema = realtimeHealthSchema.pick({ status: true });
