// What the export procedures answer: a file (core's ExportFile). tRPC callers get the object;
// REST serves it as an attachment of one of `EXPORT_MEDIA_TYPES` (meta `download`, see
// ../../downloads.ts), so the document's 200 is the file, not this object.
import { z } from "zod";

export const EXPORT_MEDIA_TYPES = [
  "application/json",
  "text/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
] as const;

export const exportFileSchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  body: z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, "Expected the file's bytes")
    // The generator needs a JSON Schema for it; the published 200 is replaced by the file anyway.
    .meta({ override: { type: "string", contentEncoding: "binary" } }),
});
