// Reading the files of an import: the upload's bytes (a CSV, or a zip of CSVs) into named CSV
// texts, and a CSV text into rows with their line numbers (the header is line 1), so every
// problem can say where it is.

import { IMPORT_MAX_FILE_BYTES, type ImportProblem } from "@toolboxai/validators";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { invalid } from "../errors";

/** A zip starts with a local file header: `PK\x03\x04`. */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function text(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalid(`${file} is not UTF-8 text. Save it as "CSV UTF-8" and try again.`, {
      content: [`${file} is not UTF-8 text.`],
    });
  }
}

/** The upload as bytes: `text` is the CSV itself, `base64` the file's bytes. */
export function uploadBytes(input: { encoding: "text" | "base64"; content: string }): Uint8Array {
  const bytes =
    input.encoding === "text" ? new TextEncoder().encode(input.content) : Buffer.from(input.content, "base64");
  if (bytes.byteLength === 0) throw invalid("The file is empty.", { content: ["The file is empty."] });
  if (bytes.byteLength > IMPORT_MAX_FILE_BYTES) {
    const message = `The file is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB. Split it and import the parts.`;
    throw invalid(message, { content: [message] });
  }
  return bytes;
}

/** The CSV files of a upload by lower-cased base name (`users.csv`): a zip's entries, or the one file. */
export function csvFiles(bytes: Uint8Array, fileName: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!isZip(bytes)) {
    files.set(baseName(fileName), text(bytes, fileName));
    return files;
  }
  let entries: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    entries = unzipSync(bytes, {
      // Only CSVs, and no more than the limit unpacked (a zip bomb stops here, not in memory).
      filter: (file) => {
        if (!file.name.toLowerCase().endsWith(".csv")) return false;
        unpacked += file.originalSize;
        if (unpacked > IMPORT_MAX_FILE_BYTES * 10) throw new Error("too large");
        return true;
      },
    });
  } catch {
    throw invalid("The zip can't be opened, or unpacks to more than 50 MB.", {
      content: ["The zip can't be opened."],
    });
  }
  for (const [name, data] of Object.entries(entries)) files.set(baseName(name), text(data, name));
  return files;
}

function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).trim().toLowerCase();
}

export interface CsvRow {
  /** The line the row starts on (the header is line 1). */
  row: number;
  /** Cells by column name as the header spells it (trimmed); a missing cell is "". */
  values: Record<string, string>;
}

export interface CsvTable {
  file: string;
  /** Column names, trimmed, as the header spells them. */
  columns: string[];
  rows: CsvRow[];
}

/**
 * Parses a CSV with a header row. Returns null (with a problem) when the text is not CSV at all;
 * a row with more cells than the header is reported and kept (the extra cells are ignored).
 */
export function parseCsvTable(textContent: string, file: string, problems: ImportProblem[]): CsvTable | null {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(textContent, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    problems.push({ file, row: line, field: null, message: `Not a readable CSV: ${(error as Error).message}` });
    return null;
  }
  const [header, ...body] = records;
  if (!header) {
    problems.push({ file, row: 1, field: null, message: "The file has no header row." });
    return null;
  }
  const columns = header.record.map((c) => c.trim());
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    // `lines` is the line the record ends on; a quoted cell may span lines.
    const row = info.lines - record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    if (record.every((cell) => cell === "")) continue;
    if (record.length > columns.length)
      problems.push({
        file,
        row,
        field: null,
        message: `The row has ${record.length} cells and the header ${columns.length}; the extra cells are ignored.`,
      });
    const values: Record<string, string> = {};
    columns.forEach((column, i) => {
      values[column] = record[i] ?? "";
    });
    rows.push({ row, values });
  }
  return { file, columns, rows };
}

/**
 * The header's columns matched case-insensitively against the expected names: returns the
 * problems for required columns that are missing. Cells are then read through `cell()`.
 */
export function missingColumns(table: CsvTable, required: readonly string[]): ImportProblem[] {
  const have = new Set(table.columns.map((c) => c.toLowerCase()));
  return required
    .filter((c) => !have.has(c.toLowerCase()))
    .map((c) => ({ file: table.file, row: 1, field: c, message: `The header has no "${c}" column.` }));
}

/** A cell by column name, case-insensitively ("" when the column is absent). */
export function cell(table: CsvTable, row: CsvRow, column: string): string {
  const key = table.columns.find((c) => c.toLowerCase() === column.toLowerCase());
  return key === undefined ? "" : (row.values[key] ?? "").trim();
}
