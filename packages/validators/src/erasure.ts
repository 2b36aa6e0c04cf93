// Erasure (GDPR article 17): an admin asks for a person's data to be erased; the person is
// deactivated at once, and after the organization's grace period the purge job removes or
// anonymizes their personal data (docs/data-protection.md says what goes and what stays).
import { z } from "zod";
import { idSchema, isoDate, roleSchema } from "./common";
import { textSchema } from "./text";

export const erasureStatusSchema = z.enum(["PENDING", "CANCELLED", "PURGED"]);
export type ErasureStatus = z.infer<typeof erasureStatusSchema>;

/** What the admin writes down as the reason (kept with the request; never copied to the audit log). */
export const erasureReasonSchema = textSchema
  .trim()
  .min(1, "Say why this person's data is erased (for example, a parent's request and its date).")
  .max(500, "Keep the reason under 500 characters.");

export const requestErasureSchema = z.object({
  userId: textSchema.min(1, "Choose the person to erase.").max(64),
  reason: erasureReasonSchema,
});
export type RequestErasureInput = z.input<typeof requestErasureSchema>;

export const cancelErasureSchema = z.object({ requestId: idSchema });

/** What a purge did: how many rows of each kind it deleted, blanked or anonymized (counts only). */
export const erasureSummarySchema = z.record(z.string(), z.number());

export const erasureSchema = z.object({
  id: z.string(),
  status: erasureStatusSchema,
  reason: z.string(),
  /** The person: their name until the purge, then "Erased user". */
  subject: z.object({ id: z.string(), name: z.string(), email: z.string(), role: roleSchema }),
  requestedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  requestedAt: isoDate(),
  purgeAfter: isoDate(),
  /** Whole days until the purge (0 when it is due), for a pending request; null otherwise. */
  daysLeft: z.number().int().nullable(),
  cancelledAt: isoDate().nullable(),
  purgedAt: isoDate().nullable(),
  summary: erasureSummarySchema,
});
export type ErasureView = z.infer<typeof erasureSchema>;

export const erasureListSchema = z.array(erasureSchema);

/**
 * The confirmation the admin types before erasing: the person's name, exactly (spaces at either
 * end and letter case forgiven). `name` is the person's name; returns a schema for the form.
 */
export function erasureConfirmationSchema(name: string) {
  return z.object({
    confirmation: z
      .string()
      .refine(
        (typed) => typed.trim().toLowerCase() === name.trim().toLowerCase(),
        `Type ${name} to confirm the erasure.`,
      ),
  });
}
