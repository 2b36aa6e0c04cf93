// Bulk import of people: a simple CSV or a OneRoster 1.1 CSV zip, checked (dry run) then applied
// as a background job. One schema per shape: the start input, a problem row, the summary, the job.
import { z } from "zod";
import { idSchema, isoDate } from "./common";
import { textSchema } from "./text";

/**
 * `csv`: one file, header row required, columns `name,email,role[,password][,class][,parentEmail]`.
 * `oneroster`: a OneRoster 1.1 CSV zip (orgs.csv, users.csv, classes.csv, enrollments.csv).
 */
export const importFormatSchema = z.enum(["csv", "oneroster"]);
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** The largest file an import takes (decoded), and so the largest body a start request carries. */
export const IMPORT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Base64 makes 4 characters of 3 bytes; the tRPC body (Next's proxy buffers up to 10 MB) stays under. */
const MAX_CONTENT_CHARS = Math.ceil(IMPORT_MAX_FILE_BYTES / 3) * 4 + 4;

export const startImportSchema = z
  .object({
    format: importFormatSchema,
    /** A dry run checks every row and writes nothing. */
    dryRun: z.boolean(),
    fileName: textSchema.trim().min(1, "Choose a file").max(200),
    /** `text`: the CSV itself; `base64`: the file's bytes (a zip, or a CSV in any encoding of UTF-8). */
    encoding: z.enum(["text", "base64"]).default("text"),
    content: textSchema
      .min(1, "The file is empty")
      .max(MAX_CONTENT_CHARS, `The file is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB`),
  })
  .meta({
    examples: [
      {
        format: "csv",
        dryRun: true,
        fileName: "people.csv",
        encoding: "text",
        content: "name,email,role\nMaya Lopez,maya@school.example,student\n",
      },
    ],
  });
export type StartImportInput = z.input<typeof startImportSchema>;

/** One row's problem: the file, its line (the header is line 1), the column, and what is wrong. */
export const importProblemSchema = z.object({
  file: z.string(),
  row: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** What happened (or, in a dry run, would happen) to the rows of one kind. */
export const importCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Deactivated, archived or deleted (OneRoster `status` = `tobedeleted`). */
  removed: z.number().int(),
  /** Rows with a problem, and rows the import does not handle (another org type, an aide's enrollment). */
  skipped: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const IMPORT_KINDS = ["schools", "users", "classes", "enrollments", "parentLinks"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const importSummarySchema = z.object({
  schools: importCountsSchema,
  users: importCountsSchema,
  classes: importCountsSchema,
  enrollments: importCountsSchema,
  parentLinks: importCountsSchema,
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importStatusSchema = z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]);
export type ImportStatus = z.infer<typeof importStatusSchema>;

/** A job as the list shows it: progress and outcome, without the problem rows. */
export const importJobSummarySchema = z.object({
  id: z.string(),
  format: importFormatSchema,
  dryRun: z.boolean(),
  status: importStatusSchema,
  /** Rows done so far and in all (the progress bar). */
  processed: z.number().int(),
  total: z.number().int(),
  /** Null until the job has finished. */
  summary: importSummarySchema.nullable(),
  problemCount: z.number().int(),
  /** Why the job failed as a whole (an unreadable file, an internal error). */
  error: z.string().nullable(),
  createdAt: isoDate(),
  startedAt: isoDate().nullable(),
  finishedAt: isoDate().nullable(),
});
export type ImportJobSummary = z.infer<typeof importJobSummarySchema>;

/** A job with its problem rows (the first IMPORT_MAX_PROBLEMS; `problemCount` counts them all). */
export const importJobSchema = importJobSummarySchema.extend({ problems: z.array(importProblemSchema) });
export type ImportJobView = z.infer<typeof importJobSchema>;

/** How many problem rows a job keeps (a file of 50,000 bad rows is reported, not stored whole). */
export const IMPORT_MAX_PROBLEMS = 2000;

export const importJobIdSchema = z.object({ jobId: idSchema });
export const importListInputSchema = z.object({ limit: z.number().int().min(1).max(50).default(10) }).default({
  limit: 10,
});
export const importJobListSchema = z.object({ items: z.array(importJobSummarySchema) });
