import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Db } from "../../src/db/connect.js";
import { COLUMNS } from "../../src/domain/activities/transfer-columns.js";

// Builders and readers of import/export files for the transfer tests (imported by *.test.ts only).

export type SheetValue = string | number | Date | null;
/** One spreadsheet row by header text. */
export type SheetRow = Record<string, SheetValue>;

/** The headers an import file has: every column but the export-only ones. */
export const IMPORT_HEADERS = COLUMNS.filter((c) => c.level !== "export").map((c) => c.header);

let sequence = 0;

/** A valid row: a course with one iteration in 2027; override any column by header. */
export function sheetRow(overrides: SheetRow = {}): SheetRow {
  sequence += 1;
  return {
    Reference: `IMP.${sequence}`,
    Title: `Imported course ${sequence}`,
    Owner: "NATO School Oberammergau",
    "Owner organisation": null,
    Kind: "course",
    Areas: "counter-piracy; cyber-defence",
    Description: "A course from a spreadsheet.",
    Audience: "PFP, MD, ICI",
    "Required clearance": "NU",
    Language: "English",
    "Language level": 2,
    Classification: "NU",
    "Releasable to": "EAPC, MD, ICI, GLOBAL",
    "Iteration code": "2027-1",
    "Start date": "2027-06-07",
    "End date": "2027-06-11",
    City: "Oberammergau",
    Country: "DEU",
    Seats: 30,
    "Nomination deadline": "2027-05-01",
    "Two-step": "no",
    ...overrides,
  };
}

function cellText(value: SheetValue): string {
  if (value === null) return "";
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file (comma-separated, CRLF) of `rows` under `headers`. */
export function csvOf(rows: readonly SheetRow[], headers: readonly string[] = IMPORT_HEADERS): Buffer {
  const lines = [
    headers.map(cellText).join(","),
    ...rows.map((r) => headers.map((h) => cellText(r[h] ?? null)).join(",")),
  ];
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

/** An XLSX workbook of `rows` under `headers` (values as given: numbers, dates or text). */
export async function xlsxOf(rows: readonly SheetRow[], headers: readonly string[] = IMPORT_HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Menu");
  sheet.addRow([...headers]);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The records of a CSV file (BOM removed), the header row first. */
export function readCsvRecords(bytes: Buffer): string[][] {
  return parse(bytes.toString("utf8").replace(/^\uFEFF/, ""), { relax_column_count: true });
}

/** The first sheet of an XLSX file as arrays of cell values, the header row first, and the sheet itself. */
export async function readXlsxSheet(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no worksheet");
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push(Array.isArray(row.values) ? row.values.slice(1) : []);
  });
  return { sheet, rows };
}

/** A multipart/form-data body with one file field, for `app.inject`. */
export function multipartFile(filename: string, bytes: Buffer, field = "file") {
  const boundary = "----entente-test-boundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** Rows in a table: what an import wrote (or did not). */
export async function rowCount(db: Db, table: "activity" | "iteration" | "label" | "activity_area"): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
