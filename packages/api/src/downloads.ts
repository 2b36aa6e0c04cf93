// The API's file downloads: the two shared by the web app's links (/api/content/:id/rojo.zip,
// /api/classes/:id/gradebook.csv) and the REST API (/api/v1/roblox/environments/{id}/rojo,
// /api/v1/classes/{id}/gradebook.csv), and the procedures whose meta says they answer a file
// (`download`: the metrics and analytics exports). Each reads through a procedure (createCaller),
// so a download answers exactly as that procedure would: the same roles, scopes, tenancy and
// limits. Refusals are TRPCErrors; the transport turns them into its own error responses.
import { rojoFileName, rojoZip } from "@toolboxai/agents/roblox";
import { RateLimitError } from "@toolboxai/core";
import { robloxEnvironmentSchema } from "@toolboxai/validators";
import { TRPCError } from "@trpc/server";
import type { ContextInner } from "./context";
import { countRoute } from "./middlewares/rate-limit";
import { createCaller } from "./root";

export interface DownloadFile {
  /** A safe file name (no quotes or path separators), for Content-Disposition. */
  filename: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

/** A file's headers: an attachment, never cached. */
export function downloadHeaders(file: DownloadFile): Record<string, string> {
  return {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.filename}"`,
    "content-length": String(file.body.byteLength),
    "cache-control": "no-store",
  };
}

/**
 * Counts a download against the download limit (`download.user`, see the rate-limit middleware's
 * countRoute). Over the limit: TOO_MANY_REQUESTS carrying the limiter's RateLimitError.
 */
export async function countDownload(ctx: ContextInner): Promise<void> {
  const decision = await countRoute(ctx, "download.user");
  if (decision && !decision.allowed) {
    const cause = new RateLimitError(decision);
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
  }
}

/**
 * An ENVIRONMENT content item as a Rojo project zip, read through `roblox.rojo` (so a key needs
 * `roblox:read`). BAD_REQUEST for another kind of item, or for an environment whose saved
 * specification is not valid.
 */
export async function rojoProject(ctx: ContextInner, contentId: string): Promise<DownloadFile> {
  const item = await createCaller(ctx).roblox.rojo({ environmentId: contentId });
  if (item.type !== "ENVIRONMENT") {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Only a Roblox environment can be downloaded as a Roblox project.",
    });
  }
  const env = robloxEnvironmentSchema.safeParse(item.body);
  if (!env.success) {
    const issue = env.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `This environment's specification is not valid${where}: ${issue?.message ?? "unknown problem"}. Open it in the editor, fix it and save it.`,
    });
  }
  const zip = rojoZip(env.data, { projectName: item.title });
  // rojoFileName slugifies the title, so the name is safe inside the header's quotes.
  return { filename: rojoFileName(item.title), contentType: "application/zip", body: new Uint8Array(zip) };
}

/** A class's gradebook as CSV (with a BOM, so spreadsheets read UTF-8), from `gradebook.csv`. */
export async function gradebookCsv(ctx: ContextInner, classId: string): Promise<DownloadFile> {
  const { filename, csv } = await createCaller(ctx).gradebook.csv({ classId });
  return {
    filename,
    contentType: "text/csv; charset=utf-8",
    body: new TextEncoder().encode(`\uFEFF${csv}`),
  };
}

/** What a `download` procedure answers (core's ExportFile). */
interface ProcedureFile {
  filename: string;
  contentType: string;
  body: Uint8Array;
}

type FileProcedure = (input: unknown) => Promise<ProcedureFile>;

/**
 * The file a procedure with meta `download` answers (`metrics.export`), called through
 * createCaller with the request's input, which the procedure validates (BAD_REQUEST naming the
 * members). The name must be safe inside Content-Disposition's quotes: the services choose it.
 */
export async function procedureFile(ctx: ContextInner, procedure: string, input: unknown): Promise<DownloadFile> {
  let target: unknown = createCaller(ctx);
  for (const key of procedure.split(".")) target = (target as Record<string, unknown>)[key];
  if (typeof target !== "function") throw new Error(`no procedure ${procedure}`);
  // The caller's procedures are typed by their inputs; this one is reached by name, and validates its input itself.
  const file = await (target as FileProcedure)(input);
  return { filename: file.filename, contentType: file.contentType, body: new Uint8Array(file.body) };
}
