// An export written as a file: JSON (pretty), CSV (one table: section, metric, date, value;
// through ../csv.ts, so no text cell reaches a spreadsheet as a formula), or XLSX (exceljs: a
// sheet per section, a bold header row, numbers as numbers and days as dates).
import type { ExportFormat } from "@toolboxai/validators";
import ExcelJS from "exceljs";
import { toCsv } from "../csv";

/** A file a route answers as a download. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Uint8Array;
}

/** One value of an export: which group, which number, which UTC day (`YYYY-MM-DD`; null: none). */
export interface ExportRow {
  section: string;
  metric: string;
  date: string | null;
  value: number | string | null;
}

export interface ExportDocument {
  /** `toolboxai-metrics-alpha-2026-12-02`: the filename without its extension. */
  basename: string;
  /** What the JSON file holds. */
  json: unknown;
  /** What the CSV and XLSX files hold, in order; the XLSX has a sheet per section. */
  rows: ExportRow[];
  /** Sheet titles by section (the section's name when absent). */
  sheetTitles?: Record<string, string>;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A name part from free text: `Alpha School` -> `alpha-school`. */
export function slugPart(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug || fallback;
}

const CSV_HEADER = ["section", "metric", "date", "value"];

async function xlsx(doc: ExportDocument): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ToolboxAI";
  const sections = [...new Set(doc.rows.map((r) => r.section))];
  for (const section of sections) {
    const title = (doc.sheetTitles?.[section] ?? section).slice(0, 31);
    const sheet = workbook.addWorksheet(title);
    sheet.columns = [
      { header: "Metric", key: "metric", width: 28 },
      { header: "Date", key: "date", width: 12, style: { numFmt: "yyyy-mm-dd" } },
      { header: "Value", key: "value", width: 16 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const row of doc.rows) {
      if (row.section !== section) continue;
      sheet.addRow({
        metric: row.metric,
        // A day is a date cell (midnight UTC: exceljs writes dates as UTC).
        date: row.date ? new Date(`${row.date}T00:00:00.000Z`) : null,
        value: row.value,
      });
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** The document in the chosen format. */
export async function writeExport(format: ExportFormat, doc: ExportDocument): Promise<ExportFile> {
  const filename = `${doc.basename}.${format}`;
  const contentType = EXPORT_CONTENT_TYPES[format];
  if (format === "json") {
    return { filename, contentType, body: new TextEncoder().encode(`${JSON.stringify(doc.json, null, 2)}\n`) };
  }
  if (format === "csv") {
    const rows = doc.rows.map((r) => [r.section, r.metric, r.date, r.value]);
    return { filename, contentType, body: new TextEncoder().encode(toCsv([CSV_HEADER, ...rows])) };
  }
  return { filename, contentType, body: await xlsx(doc) };
}
