import { z } from "zod";

/**
 * Where a student stands on parental consent (COPPA: a student under 13 needs a linked parent's
 * consent before AI features and messaging are enabled for them).
 * - `not_required`: 13 or over, or no birth date recorded (the school records birth dates for the
 *   students COPPA applies to; an unknown age asks for nothing);
 * - `required`: under 13 and no parent has consented yet;
 * - `granted`: under 13 with a standing consent;
 * - `revoked`: under 13 and the last consent was withdrawn.
 * `required` and `revoked` both close AI features and messaging.
 */
export const consentStateSchema = z.enum(["not_required", "required", "granted", "revoked"]);
export type ConsentState = z.infer<typeof consentStateSchema>;

export const consentFeatureSchema = z.enum(["ai", "messaging"]);
export type ConsentFeature = z.infer<typeof consentFeatureSchema>;

export const consentStudentInputSchema = z.object({ studentId: z.string().min(1) });

/** A calendar date (YYYY-MM-DD) not in the future, or null to clear it. */
export const birthDateSchema = z.iso
  .date({ error: "Enter a date as YYYY-MM-DD" })
  .refine((d) => d <= new Date().toISOString().slice(0, 10), "A birth date cannot be in the future")
  .refine((d) => d >= "1900-01-01", "Enter a year after 1900")
  .nullable();

export const setBirthDateSchema = z.object({ userId: z.string().min(1), birthDate: birthDateSchema });
export type SetBirthDateInput = z.infer<typeof setBirthDateSchema>;
export const birthDateResultSchema = z.object({ userId: z.string(), birthDate: z.string().nullable() });

/** The admin's filter: every student, or those whose AI features and messaging are closed. */
export const consentListInputSchema = z
  .object({ filter: z.enum(["all", "needs_consent"]).default("all") })
  .default({ filter: "all" });

export const consentRowSchema = z.object({
  studentId: z.string(),
  name: z.string(),
  email: z.string(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  state: consentStateSchema,
  /** The parent who gave the standing (or, when revoked, the last) consent. */
  consentedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  consentedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ConsentRow = z.infer<typeof consentRowSchema>;

export const consentListSchema = z.array(consentRowSchema);

export const childConsentSchema = z.object({
  studentId: z.string(),
  name: z.string(),
  age: z.number().int().nullable(),
  state: consentStateSchema,
  consentedAt: z.date().nullable(),
  /** The text the parent agrees to; stored with the consent. */
  statement: z.string(),
});
export type ChildConsent = z.infer<typeof childConsentSchema>;
export const myChildrenConsentSchema = z.array(childConsentSchema);

export const consentResultSchema = z.object({ studentId: z.string(), state: consentStateSchema });

/** The signed-in student's own standing: whether AI features and messaging wait for a parent. */
export const myConsentSchema = z.object({
  studentId: z.string(),
  state: consentStateSchema,
  /** The sentence to show when something is closed; null when nothing is. */
  message: z.string().nullable(),
});
