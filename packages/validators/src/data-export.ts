// A person's data export (FERPA's right to inspect, GDPR articles 15 and 20): asked for by an admin,
// the person, or a linked parent for a child; built in the background into a zip of JSON and CSV.
import { z } from "zod";
import { idSchema, roleSchema } from "./common";
import { textSchema } from "./text";

export const jobStatusSchema = z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]);
export type JobStatusName = z.infer<typeof jobStatusSchema>;

export const requestDataExportSchema = z.object({ subjectId: idSchema });
export type RequestDataExportInput = z.infer<typeof requestDataExportSchema>;

export const dataExportIdSchema = z.object({ exportId: idSchema });

export const dataExportListInputSchema = z.object({
  /** Only the exports about this person (the account page: oneself; the parent view: a child). */
  subjectId: idSchema.optional(),
});
export type DataExportListInput = z.infer<typeof dataExportListInputSchema>;

/** A download link's token: 32 random bytes, base64url (43 characters). */
export const dataExportTokenSchema = z.object({
  token: textSchema
    .min(20, "This download link is not valid.")
    .max(100, "This download link is not valid.")
    .regex(/^[A-Za-z0-9_-]+$/, "This download link is not valid."),
});

const personSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema });

export const dataExportSchema = z.object({
  id: z.string(),
  subject: personSchema,
  /** Who asked (null when that account is gone). */
  requestedBy: personSchema.nullable(),
  status: jobStatusSchema,
  /** 0-100 while the sections are gathered. */
  progress: z.number().int().min(0).max(100),
  /** The zip's size once built. */
  fileBytes: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  /** When the download link stops working and the file is deleted. */
  expiresAt: z.date().nullable(),
  /** Built, not yet expired: a download link can be made. */
  downloadable: z.boolean(),
  expired: z.boolean(),
});
export type DataExportView = z.infer<typeof dataExportSchema>;

export const dataExportListSchema = z.array(dataExportSchema);

/** A fresh download link (a newer one replaces it); the token in it is shown only here. */
export const dataExportLinkSchema = z.object({ url: z.string(), expiresAt: z.date() });
