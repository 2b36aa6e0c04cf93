// The one way the app writes CSV: RFC 4180 via csv-stringify, with every text cell neutralized
// against formula injection (OWASP, "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`,
// a tab or a carriage return is read as a formula by Excel, LibreOffice and Google Sheets, so it
// is prefixed with a single quote and shown as the text it is. csv-stringify quotes the cell and
// doubles its quotes, the other half of OWASP's rule.
import { stringify } from "csv-stringify/sync";

/** A cell: text (neutralized), a number (written as is: a number cannot carry a formula), or empty. */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text a spreadsheet shows as text: `'` before a leading `=`, `+`, `-`, `@`, tab or CR. */
export function neutralizeCsvCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return neutralizeCsvCell(cell);
}

/** Rows as CSV text, one line per row, every text cell neutralized. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows.map((row) => row.map(cellText)));
}
