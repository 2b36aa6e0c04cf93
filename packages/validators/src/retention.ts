// Retention's dry run and run: per kind of record, the cutoff (rows older go; null: kept forever)
// and how many rows would go (dry run) or went.
import { z } from "zod";

export const retentionKindSchema = z.object({
  cutoff: z.date().nullable(),
  count: z.number().int().nonnegative(),
});

export const retentionResultSchema = z
  .object({
    /** Activity events deleted. */
    activity: retentionKindSchema,
    /** Audit rows deleted. */
    audit: retentionKindSchema,
    /** Agent executions whose prompts and outputs are cleared (the rows and token counts stay). */
    agentIo: retentionKindSchema,
  })
  .meta({ id: "RetentionResult" });
export type RetentionResult = z.infer<typeof retentionResultSchema>;
