import PDFDocument from "pdfkit";
import {
  briefingDocument,
  type OperationReport,
  operationReportDocument,
  type ReportCell,
  type ReportChart,
  type ReportColumn,
  type ReportDocument,
  type ReportSection,
} from "./report-model.js";
import type { TBriefing } from "./reports.schema.js";
import { toWinAnsi } from "./winansi.js";

// A4 PDF with pdfkit's built-in Helvetica: the marking at the top and bottom of every page (as on
// real classified documents), sections of tables, the placemat as a bar chart, page numbers.

export type PdfOptions = Readonly<{
  /** Off in tests, so the content streams can be read as text. */
  compress?: boolean;
}>;

type Doc = InstanceType<typeof PDFDocument>;

const MARGIN = { top: 64, bottom: 64, left: 50, right: 50 };
const FONT = "Helvetica";
const BOLD = "Helvetica-Bold";
const OBLIQUE = "Helvetica-Oblique";
const CELL_PAD = 2;
const MAX_CELL_CHARS = 600;
/** A wide table (the history's dates) keeps its first 2 columns and the latest of the rest. */
const MAX_PDF_COLUMNS = 9;
const NUMBER = new Intl.NumberFormat("en-GB");

function cellText(cell: ReportCell, column: ReportColumn): string {
  if (cell === null) return "";
  if (typeof cell === "number") {
    return column.kind === "percent" ? `${Math.round(cell * 100)}%` : NUMBER.format(cell);
  }
  const t = toWinAnsi(cell);
  return t.length > MAX_CELL_CHARS ? `${t.slice(0, MAX_CELL_CHARS - 3)}...` : t;
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - MARGIN.bottom;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

/** Keeps a table printable: the first two columns and the latest ones. */
function pdfView(section: ReportSection): { columns: ReportColumn[]; rows: ReportCell[][]; trimmed: boolean } {
  const n = section.columns.length;
  if (n <= MAX_PDF_COLUMNS) {
    return { columns: [...section.columns], rows: section.rows.map((r) => [...r]), trimmed: false };
  }
  const keep = [0, 1, ...Array.from({ length: MAX_PDF_COLUMNS - 2 }, (_, i) => n - (MAX_PDF_COLUMNS - 2) + i)];
  return {
    columns: keep.flatMap((i) => {
      const c = section.columns[i];
      return c ? [c] : [];
    }),
    rows: section.rows.map((r) => keep.map((i) => r[i] ?? null)),
    trimmed: true,
  };
}

function drawRow(
  doc: Doc,
  cells: readonly string[],
  columns: readonly ReportColumn[],
  widths: readonly number[],
  header: boolean,
) {
  doc.font(header ? BOLD : FONT).fontSize(8);
  const heights = cells.map((c, i) => doc.heightOfString(c || " ", { width: (widths[i] ?? 20) - 2 * CELL_PAD }));
  const height = Math.max(...heights) + 2 * CELL_PAD;
  const y = doc.y;
  if (header) doc.rect(MARGIN.left, y, contentWidth(doc), height).fill("#e6e6e6").fillColor("black");
  let x = MARGIN.left;
  cells.forEach((c, i) => {
    const w = widths[i] ?? 20;
    const align = columns[i]?.kind === "text" || columns[i]?.kind === "date" ? "left" : "right";
    doc.text(c, x + CELL_PAD, y + CELL_PAD, { width: w - 2 * CELL_PAD, align: header ? "left" : align });
    x += w;
  });
  doc
    .moveTo(MARGIN.left, y + height)
    .lineTo(MARGIN.left + contentWidth(doc), y + height)
    .lineWidth(0.3)
    .strokeColor("#999999")
    .stroke();
  doc.x = MARGIN.left;
  doc.y = y + height;
}

function rowHeight(doc: Doc, cells: readonly string[], widths: readonly number[], header: boolean): number {
  doc.font(header ? BOLD : FONT).fontSize(8);
  return (
    Math.max(...cells.map((c, i) => doc.heightOfString(c || " ", { width: (widths[i] ?? 20) - 2 * CELL_PAD }))) +
    2 * CELL_PAD
  );
}

function drawSection(doc: Doc, section: ReportSection): void {
  const { columns, rows, trimmed } = pdfView(section);
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * contentWidth(doc));
  const headers = columns.map((c) => toWinAnsi(c.header));
  ensureSpace(doc, 60);
  doc.moveDown(0.6);
  doc.x = MARGIN.left;
  doc
    .font(BOLD)
    .fontSize(12)
    .text(toWinAnsi(section.title), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  if (rows.length === 0) {
    doc
      .font(OBLIQUE)
      .fontSize(9)
      .text(toWinAnsi(section.empty), MARGIN.left, doc.y, { width: contentWidth(doc) });
    return;
  }
  if (trimmed) {
    doc
      .font(OBLIQUE)
      .fontSize(8)
      .text("Latest dates only; the spreadsheet export has them all.", MARGIN.left, doc.y, {
        width: contentWidth(doc),
      });
  }
  drawRow(doc, headers, columns, widths, true);
  for (const row of rows) {
    const cells = row.map((c, i) => cellText(c, columns[i] ?? { header: "", kind: "text", width: 1 }));
    if (doc.y + rowHeight(doc, cells, widths, false) > bottomLimit(doc)) {
      doc.addPage();
      drawRow(doc, headers, columns, widths, true);
    }
    drawRow(doc, cells, columns, widths, false);
  }
}

const BAR = 9;
const BAR_GAP = 3;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 50;

/** Horizontal bars, largest first, drawn with vector graphics. */
function drawChart(doc: Doc, chart: ReportChart): void {
  const bars = [...chart.bars].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  if (bars.length === 0) return;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barArea = contentWidth(doc) - LABEL_WIDTH - VALUE_WIDTH;
  ensureSpace(doc, 40 + BAR + BAR_GAP);
  doc.moveDown(0.6);
  doc
    .font(BOLD)
    .fontSize(10)
    .text(toWinAnsi(chart.title), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  for (const bar of bars) {
    if (doc.y + BAR + BAR_GAP > bottomLimit(doc)) doc.addPage();
    const y = doc.y;
    doc
      .font(FONT)
      .fontSize(7.5)
      .fillColor("black")
      .text(toWinAnsi(bar.label), MARGIN.left, y + 1, {
        width: LABEL_WIDTH - 6,
        height: BAR,
        ellipsis: true,
        lineBreak: false,
      });
    const w = Math.max(0.5, (bar.value / max) * barArea);
    doc.rect(MARGIN.left + LABEL_WIDTH, y, w, BAR).fill("#1f4e79");
    doc.fillColor("black").text(NUMBER.format(bar.value), MARGIN.left + LABEL_WIDTH + w + 4, y + 1, {
      width: VALUE_WIDTH,
      lineBreak: false,
    });
    doc.x = MARGIN.left;
    doc.y = y + BAR + BAR_GAP;
  }
}

/** The marking at the top and bottom of every page and "Page n of N", once all pages exist. */
function stampPages(doc: Doc, marking: string): void {
  const range = doc.bufferedPageRange();
  const text = toWinAnsi(marking);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the margins would otherwise start a new page.
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    doc.font(BOLD).fontSize(10).fillColor("#b00000");
    doc.text(text, MARGIN.left, 24, { width, align: "center", lineBreak: false });
    doc.text(text, MARGIN.left, doc.page.height - 40, { width, align: "center", lineBreak: false });
    doc.font(FONT).fontSize(8).fillColor("black");
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left, doc.page.height - 24, {
      width,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins = saved;
  }
}

export async function renderDocumentPdf(model: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: toWinAnsi(model.title), Creator: "Entente" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc
    .font(BOLD)
    .fontSize(16)
    .text(toWinAnsi(model.title), MARGIN.left, MARGIN.top, { width: contentWidth(doc) });
  doc.font(FONT).fontSize(9).fillColor("#444444").text(toWinAnsi(model.subtitle)).fillColor("black");
  model.sections.forEach((section, i) => {
    drawSection(doc, section);
    if (i === 0 && model.chart) drawChart(doc, model.chart);
  });
  stampPages(doc, model.marking);
  doc.end();
  return done;
}

export function renderBriefingPdf(briefing: TBriefing, options: PdfOptions = {}): Promise<Buffer> {
  return renderDocumentPdf(briefingDocument(briefing), options);
}

export function renderOperationReportPdf(report: OperationReport, options: PdfOptions = {}): Promise<Buffer> {
  return renderDocumentPdf(operationReportDocument(report), options);
}
