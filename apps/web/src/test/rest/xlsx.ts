// Reads an XLSX answer back with exceljs, the library that writes it. exceljs is a dependency of
// @toolboxai/core, not of this app, so it is loaded from core's folder; once apps/web lists it in
// its devDependencies (`"exceljs": "catalog:"`), this becomes a plain `import ExcelJS from "exceljs"`.
import { createRequire } from "node:module";

/** The part of exceljs' API the suites read. */
interface Workbook {
  xlsx: { load(data: ArrayBuffer): Promise<unknown> };
  worksheets: {
    name: string;
    eachRow(callback: (row: { values: unknown }) => void): void;
  }[];
}

const fromCore = createRequire(new URL("../../../../../packages/core/package.json", import.meta.url));
const ExcelJS = fromCore("exceljs") as { Workbook: new () => Workbook };

/** Each sheet's name and rows (each row's cell values, from column A). */
export async function readXlsx(bytes: ArrayBuffer): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheets: Record<string, unknown[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    // exceljs' row.values is 1-based: index 0 is empty.
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets[sheet.name] = rows;
  }
  return sheets;
}
