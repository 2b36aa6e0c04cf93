// Building a data export in the background of the process that took the request: every section of
// ./export-collect.ts read in turn (the row's progress goes from 0 to 95 as they are), then the zip
// (a README.txt, and each section as JSON and as CSV) stored on the row, which expires seven days
// later. A failure is written on the row, never thrown at anyone.
import { strToU8, zipSync } from "fflate";
import type { ServiceContext } from "../context";
import { toCsv } from "../csv";
import { EXPORT_SECTIONS, type ExportRow, type ExportSection, type ExportValue } from "./export-collect";

/** How long a built export can be downloaded; then its file is deleted. */
export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const running = new Set<Promise<void>>();

/** Resolves when every export this process is building has finished (tests; a graceful shutdown). */
export async function exportsSettled(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}

function csvText(value: ExportValue | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  return JSON.stringify(value);
}

/** A section as CSV: its header, then one line per row (every text cell neutralized, see ../csv.ts). */
export function sectionCsv(section: Pick<ExportSection, "columns" | "rows">): string {
  return toCsv([section.columns, ...section.rows.map((row: ExportRow) => section.columns.map((c) => csvText(row[c])))]);
}

function readme(subject: { name: string; email: string }, org: string, sections: ExportSection[], at: Date) {
  const lines = [
    `Data export for ${subject.name} <${subject.email}>`,
    `Organization: ${org}`,
    `Made: ${at.toISOString()} (UTC)`,
    "",
    "This archive holds the data ToolboxAI keeps about this person, under FERPA's right to inspect",
    "education records and GDPR's rights of access (article 15) and to data portability (article 20).",
    "Every section is given twice: <section>.json (the records as they are stored, machine-readable)",
    "and <section>.csv (the same rows for a spreadsheet; dates in ISO 8601, UTC; structured values as",
    "JSON text). A section without records has an empty list and a CSV with only its header row.",
    "",
    "Sections:",
    ...sections.map((s) => `  ${s.name}.json / ${s.name}.csv (${s.rows.length} rows): ${s.description}`),
    "",
    "Other people appear only where a record of this person names them (a class's teacher, a",
    "conversation's subject). To correct or erase this data, contact the organization's administrator.",
    "",
  ];
  return lines.join("\n");
}

async function build(ctx: ServiceContext, exportId: string, subjectId: string) {
  const db = ctx.db;
  await db.dataExport.updateMany({
    where: { id: exportId, status: "QUEUED" },
    data: { status: "RUNNING", startedAt: new Date(), progress: 0 },
  });
  const sections: ExportSection[] = [];
  for (const [i, spec] of EXPORT_SECTIONS.entries()) {
    const rows = await spec.collect(db, subjectId);
    sections.push({ name: spec.name, description: spec.description, columns: spec.columns, rows });
    // The last few percent are the zip itself.
    const progress = Math.floor(((i + 1) / EXPORT_SECTIONS.length) * 95);
    await db.dataExport.updateMany({ where: { id: exportId }, data: { progress } });
  }
  const [subject, org] = await Promise.all([
    db.user.findFirstOrThrow({ where: { id: subjectId }, select: { name: true, email: true } }),
    db.organization.findFirstOrThrow({ where: { id: ctx.actor.orgId }, select: { name: true } }),
  ]);
  const now = new Date();
  const files: Record<string, Uint8Array> = { "README.txt": strToU8(readme(subject, org.name, sections, now)) };
  for (const s of sections) {
    files[`${s.name}.json`] = strToU8(`${JSON.stringify(s.rows, null, 2)}\n`);
    files[`${s.name}.csv`] = strToU8(sectionCsv(s));
  }
  const zip = zipSync(files, { level: 6, mtime: now });
  await db.dataExport.updateMany({
    where: { id: exportId },
    data: {
      status: "SUCCEEDED",
      progress: 100,
      file: new Uint8Array(zip),
      fileBytes: zip.byteLength,
      finishedAt: now,
      expiresAt: new Date(now.getTime() + EXPORT_TTL_MS),
    },
  });
}

/** Builds in the background; a failure is written on the row (and never thrown at anyone). */
export function startBuild(ctx: ServiceContext, exportId: string, subjectId: string) {
  const job = build(ctx, exportId, subjectId)
    .catch(async (error: unknown) => {
      await ctx.db.dataExport
        .updateMany({
          where: { id: exportId },
          data: {
            status: "FAILED",
            error: error instanceof Error ? error.message : String(error),
            finishedAt: new Date(),
          },
        })
        .catch(() => undefined);
    })
    .finally(() => running.delete(job));
  running.add(job);
}
