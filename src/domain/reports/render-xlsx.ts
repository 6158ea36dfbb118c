import ExcelJS from "exceljs";
import { escapeFormula } from "../activities/transfer-columns.js";
import {
  briefingDocument,
  type OperationReport,
  operationReportDocument,
  type ReportCell,
  type ReportColumn,
  type ReportDocument,
} from "./report-model.js";
import type { TBriefing } from "./reports.schema.js";

// One sheet per section: the marking in the first row (bold), the headers in the second, then
// the rows; dates as real dates, every text cell escaped against formula injection.

function cellValue(cell: ReportCell, column: ReportColumn): string | number | Date | null {
  if (cell === null) return null;
  if (typeof cell === "number") return cell;
  if (column.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(cell)) return new Date(`${cell}T00:00:00Z`);
  return escapeFormula(cell);
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ and duplicates. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet";
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 28)} ${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

export async function renderDocumentXlsx(model: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Entente";
  workbook.title = model.title;
  const used = new Set<string>();
  for (const section of model.sections) {
    const sheet = workbook.addWorksheet(sheetName(section.sheet, used), { views: [{ state: "frozen", ySplit: 2 }] });
    sheet.addRow([escapeFormula(model.marking)]).font = { bold: true, color: { argb: "FFB00000" } };
    sheet.addRow(section.columns.map((c) => escapeFormula(c.header))).font = { bold: true };
    section.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = Math.max(10, Math.round(c.width * 12));
      if (c.kind === "date") column.numFmt = "yyyy-mm-dd";
      if (c.kind === "percent") column.numFmt = "0%";
    });
    for (const row of section.rows) {
      sheet.addRow(row.map((cell, i) => cellValue(cell, section.columns[i] ?? { header: "", kind: "text", width: 1 })));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function renderBriefingXlsx(briefing: TBriefing): Promise<Buffer> {
  return renderDocumentXlsx(briefingDocument(briefing));
}

export function renderOperationReportXlsx(report: OperationReport): Promise<Buffer> {
  return renderDocumentXlsx(operationReportDocument(report));
}
