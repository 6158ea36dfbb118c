import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "../../errors.js";
import { fieldError } from "../shared/validation.js";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type TTransferFormat } from "./transfer.schema.js";
import type { Cell } from "./transfer-columns.js";

/** An import file: its name (for the extension and the audit trail) and its bytes. */
export type TransferFile = Readonly<{ filename: string; bytes: Buffer }>;

/** A sheet as rows of cells; `row` is the spreadsheet's row number (the header is row 1). */
export type SheetTable = {
  headers: string[];
  rows: { row: number; cells: Cell[] }[];
};

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The file's format, decided from its bytes and checked against its extension: an XLSX file is
 * a ZIP container; a CSV file is text (no NUL byte). Anything else is VALIDATION naming `file`.
 */
export function sniffFormat(file: TransferFile): TTransferFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase();
  if (file.bytes.length === 0) throw fieldError("file", "is empty");
  if (file.bytes.length > MAX_IMPORT_BYTES) throw fieldError("file", "is larger than 20 MiB");
  const isZip = file.bytes.subarray(0, 4).equals(ZIP_MAGIC);
  if (extension === "xlsx" && isZip) return "xlsx";
  if (extension === "csv" && !isZip && !file.bytes.subarray(0, 64 * 1024).includes(0)) return "csv";
  throw fieldError(
    "file",
    extension === "xlsx" || extension === "csv"
      ? `its content is not ${extension.toUpperCase()}`
      : "must be an Excel workbook (.xlsx) or a CSV file (.csv)",
  );
}

/** A cell of exceljs as a plain value: rich text joined, a formula's cached result, a hyperlink's text. */
function plainCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) {
    return value;
  }
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    return plainCell((value as { result?: ExcelJS.CellValue }).result);
  }
  if ("hyperlink" in value) return plainCell((value as { text: ExcelJS.CellValue }).text);
  if ("error" in value) return String(value.error);
  return null;
}

async function readXlsx(bytes: Buffer): Promise<SheetTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fieldError("file", "is not a readable Excel workbook");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fieldError("file", "has no worksheet");
  const table: SheetTable = { headers: [], rows: [] };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // row.values is 1-based (index 0 is empty): column A is values[1].
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells = Array.from(values, (v) => plainCell(v as ExcelJS.CellValue | undefined));
    if (rowNumber === 1) table.headers = cells.map((c) => (c === null ? "" : String(c).trim()));
    else table.rows.push({ row: rowNumber, cells });
  });
  return table;
}

/** The delimiter of the header line: Excel writes `;` in locales whose decimal mark is a comma. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((d) => ({ d, n: header.split(d).length }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

function readCsv(bytes: Buffer): SheetTable {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fieldError("file", "must be UTF-8 text (in Excel: save as 'CSV UTF-8')");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw fieldError("file", `is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header = [], ...data] = records;
  return {
    headers: header.map((h) => h.trim()),
    rows: data.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c === "" ? null : c)) })),
  };
}

/** Reads the first sheet of an XLSX file, or a CSV file, as a table (header row and data rows). */
export async function readTable(file: TransferFile): Promise<SheetTable> {
  const format = sniffFormat(file);
  const table = format === "xlsx" ? await readXlsx(file.bytes) : readCsv(file.bytes);
  table.rows = table.rows.filter((r) => r.cells.some((c) => c !== null && !(typeof c === "string" && c.trim() === "")));
  if (table.headers.every((h) => h === "")) throw fieldError("file", "has no header row (row 1 names the columns)");
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw new AppError("VALIDATION", `Invalid input: file: more than ${MAX_IMPORT_ROWS} rows; split it`, {
      fields: [{ field: "file", message: `has more than ${MAX_IMPORT_ROWS} rows` }],
    });
  }
  return table;
}
