// Reads an XLSX answer back with exceljs, the library that writes it.
import ExcelJS from "exceljs";

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
